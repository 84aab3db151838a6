import type { KnownBlock } from '@slack/types';
import type { DraftMessage } from '../types.ts';

function blockView(block: KnownBlock): string[] {
  switch (block.type) {
    case 'header':
      return [`[header] ${block.text.text}`];
    case 'section':
      return [
        ...(block.text ? [`[section] ${block.text.text}`] : []),
        ...(block.fields ?? []).map((f) => `[field] ${f.text.replace('\n', ' = ')}`),
      ];
    case 'context':
      return [`[context] ${block.elements.map((e) => ('text' in e ? e.text : '[image]')).join(' | ')}`];
    case 'actions':
      return block.elements.map((e) =>
        e.type === 'button' ? `[button] ${e.text.text} (${e.action_id}) ${e.value ?? ''}` : `[${e.type}]`,
      );
    default:
      return [`[${block.type}]`];
  }
}

/**
 * The wire form of a message, one line per block part, mrkdwn left exactly as sent (escapes, tokens and
 * links visible): what the inline snapshots record.
 */
export function wireView(message: DraftMessage): string {
  return [`text: ${message.text}`, ...message.blocks.flatMap(blockView)].join('\n');
}
