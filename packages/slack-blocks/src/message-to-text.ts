import type { KnownBlock } from '@slack/types';
import type { DraftMessage } from './types.ts';

function renderToken(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('!date^')) return label ?? target;
  if (/^[!@#]/.test(target)) return `<${inner}>`;
  return label === undefined ? target : `${label} (${target})`;
}

/** mrkdwn to plain text: tokens to their readable form, bold/italic/code marks dropped, entities undone. */
function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^<>\n]*)>/g, (_, inner: string) => renderToken(inner))
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

const textOf = (t: { type: string; text: string }): string => (t.type === 'mrkdwn' ? plain(t.text) : t.text);

// A field is written `*Label*\nvalue`: shown as `Label: value`.
const fieldLine = (t: { type: string; text: string }): string => {
  const text = textOf(t);
  const newline = text.indexOf('\n');
  return newline === -1
    ? text
    : `${text.slice(0, newline)}: ${text.slice(newline + 1).replaceAll('\n', ' ')}`;
};

function blockLines(block: KnownBlock): string[] {
  switch (block.type) {
    case 'header':
      return [`== ${block.text.text} ==`];
    case 'section':
      return [...(block.text ? [textOf(block.text)] : []), ...(block.fields ?? []).map(fieldLine)];
    case 'context':
      return [block.elements.map((e) => ('text' in e ? textOf(e) : `[image: ${e.alt_text}]`)).join(' · ')];
    case 'divider':
      return ['---'];
    case 'image':
      return [`[image: ${block.alt_text}]`];
    case 'actions':
      return [
        block.elements.map((e) => (e.type === 'button' ? `[${e.text.text}]` : `[${e.type}]`)).join(' '),
      ];
    default:
      return [`[${block.type} block]`];
  }
}

/**
 * A readable plain-text rendering of a Block Kit message: header, section text, fields as `label: value`,
 * context, buttons as `[Call details]`, dates as their fallback and links as `label (url)`. Used by the demo
 * and by logs to show what was posted. A message without blocks renders its fallback `text`.
 *
 * @example
 * console.log(messageToText(callSummaryMessage(record)));
 * // == :warning: Missed inbound call ==
 * // Caller: 0086138****5678
 * // …
 * // [Call details]
 */
export function messageToText(message: DraftMessage): string {
  if (message.blocks.length === 0) return plain(message.text);
  return message.blocks.flatMap(blockLines).join('\n');
}
