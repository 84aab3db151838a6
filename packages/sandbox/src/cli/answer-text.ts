type Json = Readonly<Record<string, unknown>>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const textOf = (value: unknown): string | undefined => {
  const text = asObject(value)?.text;
  return typeof text === 'string' ? text : undefined;
};

/** The readable lines of one Block Kit block: headers, section texts and fields, context, buttons. */
function blockLines(block: unknown): string[] {
  const b = asObject(block) ?? {};
  switch (b.type) {
    case 'header':
    case 'section': {
      const fields = asList(b.fields).flatMap((field) => textOf(field) ?? []);
      const button = textOf(asObject(b.accessory)?.text);
      return [textOf(b.text) ?? '', ...fields, ...(button ? [`[${button}]`] : [])].filter(Boolean);
    }
    case 'context':
      return [
        asList(b.elements)
          .flatMap((element) => textOf(element) ?? [])
          .join('  '),
      ].filter(Boolean);
    case 'actions':
      return [
        asList(b.elements)
          .map((element) => `[${textOf(asObject(element)?.text) ?? 'button'}]`)
          .join(' '),
      ];
    case 'divider':
      return ['---'];
    default:
      return typeof b.type === 'string' ? [`(${b.type} block)`] : [];
  }
}

/** Slack's mrkdwn markup a terminal cannot show: a date reads as its fallback, a link as `label (url)`. */
const plain = (line: string): string =>
  line
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/g, '$2 ($1)');

/**
 * A message as plain lines for a terminal: its blocks when it has some (what Slack shows), else its text.
 * Simple on purpose; the web view shows the real rendering.
 */
export function answerLines(message: { text?: string | null; blocks?: readonly unknown[] | null }): string[] {
  const fromBlocks = asList(message.blocks).flatMap(blockLines);
  const lines = fromBlocks.length > 0 ? fromBlocks : [message.text ?? ''];
  return lines.flatMap((line) => plain(line).split('\n'));
}
