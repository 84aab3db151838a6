/** Error codes of {@link SandboxError}. */
export const SandboxErrorCode = {
  BodyTooLarge: 'sandbox_body_too_large',
  InvalidOptions: 'sandbox_invalid_options',
  PushFailed: 'sandbox_push_failed',
  NotStarted: 'sandbox_not_started',
} as const;
/** Union of {@link SandboxErrorCode} values. */
export type SandboxErrorCode = (typeof SandboxErrorCode)[keyof typeof SandboxErrorCode];

/** The one error class of `@ccc-kit/sandbox`. */
export class SandboxError extends Error {
  override name = 'SandboxError' as const;
  readonly code: SandboxErrorCode;
  constructor(code: SandboxErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link SandboxError}, also across module copies. */
export const isSandboxError = (error: unknown): error is SandboxError =>
  error instanceof SandboxError || (error as { name?: unknown } | null)?.name === 'SandboxError';
