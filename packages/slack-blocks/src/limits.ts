import type { Button, KnownBlock, SectionBlock, TextObject } from '@slack/types';
import { clipText, fitLines } from './truncate.ts';
import type { DraftMessage, SlackMessage } from './types.ts';

/** The Block Kit limits every message is fitted to (Slack docs and `@slack/types`). */
export interface SlackLimits {
  readonly blocks: number;
  readonly sectionText: number;
  readonly fields: number;
  readonly fieldText: number;
  readonly headerText: number;
  readonly contextElements: number;
  readonly actionsElements: number;
  readonly buttonText: number;
  readonly buttonValue: number;
  /** Budget for all `text` strings across the blocks (see below). */
  readonly totalText: number;
  /** The top-level fallback `text`. */
  readonly fallbackText: number;
}

/**
 * Slack's limits. `totalText` is below the ~12,000-character hidden `msg_blocks_too_long` budget with a
 * margin, because messages of ~11,300 characters have been seen rejected (slackapi/bolt-js#2509).
 * `fallbackText` stays under the ~4,000-byte limit `chat.update` applies to `text`.
 */
export const LIMITS: SlackLimits = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  totalText: 10_000,
  fallbackText: 1000,
};

// Whole lines are dropped when that keeps most of the budget (timelines, lists); otherwise one long line
// (a field's value, a message) would vanish entirely, so the text is clipped instead.
function clipLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const byLines = text.includes('\n') ? fitLines(text.split('\n'), { maxChars: max, noun: 'lines' }) : '';
  return byLines.length >= max / 2 ? byLines : clipText(text, max);
}

const clipTextObject = <T extends TextObject>(text: T, max: number): T => ({
  ...text,
  text: clipLines(text.text, max),
});

const moreNote = (count: number, noun: string): string => `_… ${count} more ${noun}_`;

function fitSection(block: SectionBlock): SectionBlock | undefined {
  const { text, fields, ...rest } = block;
  const kept = (fields ?? []).filter((f) => f.text).map((f) => clipTextObject(f, LIMITS.fieldText));
  const extra = kept.length - LIMITS.fields;
  const out: SectionBlock = {
    ...rest,
    ...(text?.text ? { text: clipTextObject(text, LIMITS.sectionText) } : {}),
    ...(kept.length
      ? {
          fields:
            extra > 0
              ? [...kept.slice(0, LIMITS.fields - 1), { type: 'mrkdwn', text: moreNote(extra + 1, 'fields') }]
              : kept,
        }
      : {}),
  };
  return out.text || out.fields ? out : undefined;
}

const fitButton = (b: Button): Button => ({ ...b, text: clipTextObject(b.text, LIMITS.buttonText) });

/** Clips one block to its own limits; returns `undefined` for a block left empty (Slack rejects those). */
function fitBlock(block: KnownBlock): KnownBlock | undefined {
  switch (block.type) {
    case 'header':
      return block.text.text ? { ...block, text: clipTextObject(block.text, LIMITS.headerText) } : undefined;
    case 'section':
      return fitSection(block);
    case 'context': {
      const elements = block.elements
        .filter((e) => !('text' in e) || e.text)
        .map((e) => ('text' in e ? clipTextObject(e, LIMITS.sectionText) : e));
      const extra = elements.length - LIMITS.contextElements;
      if (elements.length === 0) return undefined;
      if (extra <= 0) return { ...block, elements };
      const kept = elements.slice(0, LIMITS.contextElements - 1);
      return { ...block, elements: [...kept, { type: 'mrkdwn', text: moreNote(extra + 1, 'items') }] };
    }
    case 'actions': {
      // A value Slack would reject cannot be shortened without breaking it: such a button is dropped.
      const elements = block.elements
        .filter((e) => e.type !== 'button' || (e.text.text && (e.value ?? '').length <= LIMITS.buttonValue))
        .slice(0, LIMITS.actionsElements)
        .map((e) => (e.type === 'button' ? fitButton(e) : e));
      return elements.length ? { ...block, elements } : undefined;
    }
    default:
      return block;
  }
}

/** Sums every `text` string inside the blocks, the way Slack's hidden budget counts them. */
export function countBlocksText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countBlocksText(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let total = 0;
  for (const [key, item] of Object.entries(value))
    total += key === 'text' && typeof item === 'string' ? item.length : countBlocksText(item);
  return total;
}

const notice = (count: number): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: moreNote(count, count === 1 ? 'block not shown' : 'blocks not shown') }],
});

/** Drops blocks from the end (keeping a final actions block) until `fits` holds. */
function dropBlocks(blocks: KnownBlock[], fits: (b: KnownBlock[]) => boolean): KnownBlock[] {
  if (fits(blocks)) return blocks;
  const last = blocks.at(-1);
  const actions = last?.type === 'actions' ? [last] : [];
  const body = blocks.slice(0, blocks.length - actions.length);
  for (let keep = body.length - 1; keep >= 0; keep--) {
    const candidate = [...body.slice(0, keep), notice(body.length - keep), ...actions];
    if (fits(candidate)) return candidate;
  }
  return actions;
}

/** Shrinks the longest section texts until the whole message is within the text budget. */
function shrinkSections(blocks: KnownBlock[]): KnownBlock[] {
  const out = [...blocks];
  for (let round = 0; round < out.length && countBlocksText(out) > LIMITS.totalText; round++) {
    const excess = countBlocksText(out) - LIMITS.totalText;
    let longest = -1;
    out.forEach((b, i) => {
      const len = b.type === 'section' ? (b.text?.text.length ?? 0) : 0;
      if (len > 300 && (longest === -1 || len > ((out[longest] as SectionBlock).text?.text.length ?? 0)))
        longest = i;
    });
    const block = out[longest] as SectionBlock | undefined;
    if (!block?.text) break;
    const max = Math.max(300, block.text.text.length - excess);
    out[longest] = { ...block, text: clipTextObject(block.text, max) };
  }
  return out;
}

/**
 * Applies Slack's limits to a whole message, gracefully: texts are clipped at line or token boundaries with
 * `… N more lines`, extra fields and context elements collapse into a note, blocks past 50 (or past the
 * text budget) are replaced by `… N more blocks not shown` while a final actions block is kept, and the
 * fallback text is always set. Every builder ends with it.
 *
 * @example
 * const message = fitToLimits({ text: 'Call ended', blocks });
 * await client.chat.postMessage({ channel, ...message });
 */
export function fitToLimits(draft: DraftMessage): SlackMessage {
  const fitted = draft.blocks.map(fitBlock).filter((b): b is KnownBlock => b !== undefined);
  const shrunk = shrinkSections(fitted);
  const blocks = dropBlocks(
    shrunk,
    (b) => b.length <= LIMITS.blocks && countBlocksText(b) <= LIMITS.totalText,
  );
  const text = clipText(draft.text.replace(/\s+/g, ' ').trim(), LIMITS.fallbackText) || 'Message';
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}
