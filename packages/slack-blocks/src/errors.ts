/** Error codes of {@link SlackBlocksError}. */
export const SlackBlocksErrorCode = {
  /** A `timeZone` option that `Intl` does not know. */
  InvalidTimeZone: 'slack_blocks_invalid_time_zone',
  /** An action value that would exceed Slack's 2,000-character limit for button values. */
  ValueTooLong: 'slack_blocks_value_too_long',
} as const;
/** Union of {@link SlackBlocksErrorCode} values. */
export type SlackBlocksErrorCode = (typeof SlackBlocksErrorCode)[keyof typeof SlackBlocksErrorCode];

/**
 * Thrown only for programmer errors (a bad option); message builders never throw on odd data, and decoding
 * a button value returns a result instead.
 */
export class SlackBlocksError extends Error {
  override name = 'SlackBlocksError' as const;
  readonly code: SlackBlocksErrorCode;
  constructor(code: SlackBlocksErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link SlackBlocksError}, also across module copies. */
export const isSlackBlocksError = (error: unknown): error is SlackBlocksError =>
  error instanceof SlackBlocksError || (error as { name?: unknown } | null)?.name === 'SlackBlocksError';
