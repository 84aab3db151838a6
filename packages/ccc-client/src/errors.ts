/** Client-side error codes of {@link CccError}; Tencent's own codes (e.g. `FailedOperation.SessionNotExists`) pass through as they are. */
export const CccClientErrorCode = {
  /** An attempt took longer than `timeoutMs`. */
  Timeout: 'ccc_client_timeout',
  /** The connection failed or was reset before an answer arrived. */
  Network: 'ccc_client_network_error',
  /** The server answered with a non-200 HTTP status. */
  Http: 'ccc_client_http_error',
  /** The body was not JSON or did not match the response schema. */
  InvalidResponse: 'ccc_client_invalid_response',
  /** A time window broke a documented rule (checked before any request is sent). */
  InvalidWindow: 'ccc_client_invalid_window',
  /** An argument or option was invalid (e.g. a non-integer timestamp). */
  InvalidArgument: 'ccc_client_invalid_argument',
  /** The credentials provider failed or returned something unusable. */
  Credentials: 'ccc_client_credentials_error',
} as const;
/** Union of {@link CccClientErrorCode} values. */
export type CccClientErrorCode = (typeof CccClientErrorCode)[keyof typeof CccClientErrorCode];

/** Extra context of a {@link CccError}. */
export interface CccErrorOptions extends ErrorOptions {
  /** Tencent's `RequestId` when the server answered. */
  readonly requestId?: string | undefined;
  /** The API action, e.g. `DescribeTelCdr`. */
  readonly action?: string | undefined;
  /** Whether the failure is worth retrying (the client already did, within its budget). */
  readonly retryable?: boolean | undefined;
  /** HTTP status when one was received. */
  readonly status?: number | undefined;
  /** Number of attempts made before giving up. */
  readonly attempts?: number | undefined;
}

/**
 * The one error class of `@ccc-kit/ccc-client`. `code` is either a client code (`ccc_client_*`) or the
 * Tencent error code from `Response.Error.Code`. Messages never contain the secret key.
 */
export class CccError extends Error {
  override name = 'CccError' as const;
  /** `ccc_client_*` or Tencent's `Error.Code` (e.g. `FailedOperation.SessionNotExists`). */
  readonly code: CccClientErrorCode | (string & {});
  readonly requestId: string | undefined;
  readonly action: string | undefined;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly attempts: number | undefined;
  constructor(code: CccClientErrorCode | (string & {}), message: string, options: CccErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.requestId = options.requestId;
    this.action = options.action;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.attempts = options.attempts;
  }
}

/** True when `error` is a {@link CccError}, also across module copies. */
export const isCccError = (error: unknown): error is CccError =>
  error instanceof CccError || (error as { name?: unknown } | null)?.name === 'CccError';
