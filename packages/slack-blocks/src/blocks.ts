import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';

// `verbatim: true` turns off Slack's own auto-linking of bare URLs, channel names and `@here` in text that
// may hold user input: only links this package writes explicitly (`<url|label>`) become links.
const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });

/** A header block (plain text, emoji shortcodes allowed). */
export const header = (text: string): HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text, emoji: true },
});

/** A section block with mrkdwn text. */
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });

/** A section of `*label*\nvalue` fields; empty values are left out. */
export function fields(
  entries: ReadonlyArray<readonly [label: string, value: string | undefined]>,
): SectionBlock {
  const shown = entries.filter((e): e is readonly [string, string] => Boolean(e[1]));
  return { type: 'section', fields: shown.map(([label, value]) => mrkdwn(`*${label}*\n${value}`)) };
}

/** A context block of mrkdwn elements. */
export const context = (elements: readonly string[]): ContextBlock => ({
  type: 'context',
  elements: elements.map(mrkdwn),
});

/** A divider. */
export const divider = (): DividerBlock => ({ type: 'divider' });

/** A button; `value` is an encoded action value (see `encodeActionValue`). */
export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** An actions block holding buttons. */
export const actions = (elements: Button[]): ActionsBlock => ({ type: 'actions', elements });
