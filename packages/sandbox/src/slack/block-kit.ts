import { BLOCK_KIT_LIMITS, checkBlock, type Report } from './block-rules.ts';
import type { SlackFileCheck } from './slack-file-rules.ts';
import type { JsonObject } from './types.ts';

/** Slack error names the message validator can produce. */
export type MessageErrorCode =
  | 'invalid_blocks_format'
  | 'invalid_blocks'
  | 'markdown_text_conflict'
  | 'msg_blocks_too_long'
  | 'invalid_attachments'
  | 'too_many_attachments'
  | 'msg_too_long'
  | 'no_text';

/** One problem found in a message, worded like Slack's `response_metadata.messages`. */
export interface MessageProblem {
  /** The Slack error this problem makes the API answer. */
  readonly error: MessageErrorCode;
  /** E.g. `must be less than 3001 characters`. */
  readonly message: string;
  /** JSON pointer into the message, e.g. `/blocks/0/text/text`. */
  readonly pointer: string;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sums every `text` string inside the blocks: what Slack's hidden `msg_blocks_too_long` budget counts.
 * Written apart from slack-blocks' `countBlocksText` on purpose (see {@link BLOCK_KIT_LIMITS}).
 */
export function countBlocksText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countBlocksText(item), 0);
  if (!isObject(value)) return 0;
  let total = 0;
  for (const [key, item] of Object.entries(value))
    total += key === 'text' && typeof item === 'string' ? item.length : countBlocksText(item);
  return total;
}

/**
 * Validates a `blocks` value (already JSON-parsed) against Block Kit's structure and limits. `files` decides
 * whether an image's `slack_file` may be shown; without it only the reference's shape is checked.
 *
 * @example
 * validateBlocks([{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }]);
 * // → [{ error: 'invalid_blocks', message: 'must be one of: plain_text', pointer: '/blocks/0/text/type' }]
 */
export function validateBlocks(blocks: unknown, files?: SlackFileCheck): MessageProblem[] {
  const problems: MessageProblem[] = [];
  if (!Array.isArray(blocks))
    return [{ error: 'invalid_blocks_format', message: 'must provide an array', pointer: '/blocks' }];
  const report: Report = (message, pointer) => problems.push({ error: 'invalid_blocks', message, pointer });
  if (blocks.length > BLOCK_KIT_LIMITS.blocks)
    report(`no more than ${BLOCK_KIT_LIMITS.blocks} items allowed`, '/blocks');
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    checkBlock(block, `/blocks/${i}`, report, blockIds, files);
  });
  const total = countBlocksText(blocks);
  if (total > BLOCK_KIT_LIMITS.totalBlocksText)
    problems.push({
      error: 'msg_blocks_too_long',
      message: `blocks hold ${total} text characters, more than ${BLOCK_KIT_LIMITS.totalBlocksText}`,
      pointer: '/blocks',
    });
  return problems;
}
