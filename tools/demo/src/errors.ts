/** Error codes of {@link DemoError}. */
export const DemoErrorCode = {
  /** The webhook's outbox did not drain in time. */
  DrainTimeout: 'demo_drain_timeout',
  /** The bot did not answer a slash command or a click in time. */
  ReplyTimeout: 'demo_reply_timeout',
  /** A step did not do what the demo shows (a push refused, a post missing…). */
  Unexpected: 'demo_unexpected',
} as const;
/** Union of {@link DemoErrorCode} values. */
export type DemoErrorCode = (typeof DemoErrorCode)[keyof typeof DemoErrorCode];

/** The one error class of the demo: each one ends the run with its message and exit code 1. */
export class DemoError extends Error {
  override name = 'DemoError' as const;
  readonly code: DemoErrorCode;
  constructor(code: DemoErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link DemoError}, also across module copies. */
export const isDemoError = (error: unknown): error is DemoError =>
  error instanceof DemoError || (error as { name?: unknown } | null)?.name === 'DemoError';
