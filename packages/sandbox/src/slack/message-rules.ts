import { type MessageErrorCode, type MessageProblem, validateBlocks } from './block-kit.ts';
import type { SlackFileCheck } from './slack-file-rules.ts';

/** The content fields of a message (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
export interface MessageContent {
  readonly text?: unknown;
  readonly blocks?: unknown;
  readonly attachments?: unknown;
  readonly markdown_text?: unknown;
}

/** What {@link validateMessage} checks beyond the message itself. */
export interface ValidateMessageOptions {
  /**
   * Whether an image's `slack_file` names a file the message may show (the emulator's own files). Without
   * it a `slack_file` is only checked for its shape: exactly one of `id` (`F…`) or `url`.
   */
  readonly files?: SlackFileCheck;
}

/** The error Slack answers for a list of problems, with its `response_metadata.messages`. */
export interface MessageRejection {
  readonly error: MessageErrorCode;
  /** Slack's wording: `[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]`. */
  readonly messages: readonly string[];
}

/** Message text longer than this is refused with `msg_too_long` (Slack truncates past 40,000). */
export const MAX_TEXT_LENGTH = 40_000;
const MAX_ATTACHMENTS = 100;
const MAX_MARKDOWN_TEXT = 12_000;

// When several kinds of problem are present, Slack reports one error; structural ones win.
const PRECEDENCE: readonly MessageErrorCode[] = [
  'invalid_blocks_format',
  'invalid_blocks',
  'markdown_text_conflict',
  'msg_blocks_too_long',
  'invalid_attachments',
  'too_many_attachments',
  'msg_too_long',
  'no_text',
];

const present = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

function checkAttachments(attachments: unknown): MessageProblem[] {
  if (!present(attachments)) return [];
  if (!Array.isArray(attachments))
    return [{ error: 'invalid_attachments', message: 'must provide an array', pointer: '/attachments' }];
  if (attachments.length > MAX_ATTACHMENTS)
    return [
      {
        error: 'too_many_attachments',
        message: `no more than ${MAX_ATTACHMENTS} items allowed`,
        pointer: '/attachments',
      },
    ];
  return [];
}

function checkText(message: MessageContent): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const { text, markdown_text: markdown } = message;
  if (present(markdown) && (present(text) || present(message.blocks)))
    problems.push({
      error: 'markdown_text_conflict',
      message: 'markdown_text cannot be used with text or blocks',
      pointer: '/markdown_text',
    });
  if (typeof markdown === 'string' && markdown.length > MAX_MARKDOWN_TEXT)
    problems.push({
      error: 'msg_too_long',
      message: `must be less than ${MAX_MARKDOWN_TEXT + 1} characters`,
      pointer: '/markdown_text',
    });
  if (typeof text === 'string' && text.length > MAX_TEXT_LENGTH)
    problems.push({
      error: 'msg_too_long',
      message: `must be less than ${MAX_TEXT_LENGTH + 1} characters`,
      pointer: '/text',
    });
  if (![text, markdown, message.blocks, message.attachments].some(present))
    problems.push({ error: 'no_text', message: 'no text, blocks or attachments provided', pointer: '' });
  return problems;
}

/**
 * Checks a message the way Slack does before posting it: Block Kit structure and limits, the hidden
 * ~12,000-character budget across blocks, text length and presence. An empty list means Slack accepts it.
 * `blocks` and `attachments` must already be parsed (not JSON strings).
 *
 * @example
 * const problems = validateMessage({ text: 'Call ended', blocks });
 * expect(problems).toEqual([]);
 */
export function validateMessage(
  message: MessageContent,
  options: ValidateMessageOptions = {},
): MessageProblem[] {
  const blocks = present(message.blocks) ? validateBlocks(message.blocks, options.files) : [];
  return [...blocks, ...checkAttachments(message.attachments), ...checkText(message)];
}

/** Formats a problem as Slack's `response_metadata.messages` entry. */
export const formatProblem = (problem: Pick<MessageProblem, 'message' | 'pointer'>): string =>
  `[ERROR] ${problem.message}${problem.pointer ? ` [json-pointer:${problem.pointer}]` : ''}`;

/** Picks the error Slack would answer for these problems (undefined when there are none). */
export function rejectionFor(problems: readonly MessageProblem[]): MessageRejection | undefined {
  const error = PRECEDENCE.find((code) => problems.some((p) => p.error === code));
  if (!error) return undefined;
  return { error, messages: problems.filter((p) => p.error === error).map(formatProblem) };
}
