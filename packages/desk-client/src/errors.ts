/**
 * String codes of failures detected on the client side. Tencent's own failures keep their numeric
 * `ErrorCode` (e.g. `70001`), so {@link DeskError.code} is `number | DeskClientErrorCode`.
 */
export const DeskClientErrorCode = {
  /** An option or argument is invalid; no request was sent. */
  InvalidArgument: 'desk_client_invalid_argument',
  /** The server answered something that is not a valid Desk response (bad JSON, wrong shape). */
  InvalidResponse: 'desk_client_invalid_response',
  /** One attempt took longer than `timeoutMs`. */
  Timeout: 'desk_client_timeout',
  /** The connection failed (refused, reset, DNS). */
  Network: 'desk_client_network_error',
  /** The server answered an HTTP status other than 200 (Tencent only does so for gateway failures). */
  Http: 'desk_client_http_error',
} as const;
/** Union of {@link DeskClientErrorCode} values. */
export type DeskClientErrorCode = (typeof DeskClientErrorCode)[keyof typeof DeskClientErrorCode];

/** Everything a {@link DeskError} carries. */
export interface DeskErrorInit {
  /** Tencent `ErrorCode` (number) or a {@link DeskClientErrorCode}. */
  readonly code: number | DeskClientErrorCode;
  /** Tencent `ErrorInfo` verbatim, or the client's description of the problem. */
  readonly info: string;
  /** Desk command, e.g. `describe_chat_messages`; absent for failures outside a request. */
  readonly command?: string | undefined;
  /** True when repeating the same request later may succeed. */
  readonly retryable?: boolean | undefined;
  /** What to check or do about it, for known codes. */
  readonly hint?: string | undefined;
  /** HTTP status when one was received. */
  readonly status?: number | undefined;
}

/**
 * The one error class of `@ccc-kit/desk-client`, for Tencent envelope errors (`code` is Tencent's number)
 * and client-side failures (`code` is a `desk_client_*` string). Never contains the secret key or UserSig.
 */
export class DeskError extends Error {
  override name = 'DeskError' as const;
  readonly code: number | DeskClientErrorCode;
  readonly info: string;
  readonly command: string | undefined;
  readonly retryable: boolean;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  constructor(init: DeskErrorInit, options?: ErrorOptions) {
    super(formatMessage(init), options);
    this.code = init.code;
    this.info = init.info;
    this.command = init.command;
    this.retryable = init.retryable ?? false;
    this.hint = init.hint;
    this.status = init.status;
  }
}

function formatMessage(init: DeskErrorInit): string {
  const where = init.command ? `Desk ${init.command}` : 'Desk client';
  const hint = init.hint ? ` (hint: ${init.hint})` : '';
  return `${where} failed with ${init.code}: ${init.info}${hint}`;
}

/** True when `error` is a {@link DeskError}, also across module copies. */
export const isDeskError = (error: unknown): error is DeskError =>
  error instanceof DeskError || (error as { name?: unknown } | null)?.name === 'DeskError';

/** Shorthand for a non-retryable `desk_client_invalid_argument` error. */
export function invalidArgument(info: string, command?: string): DeskError {
  return new DeskError({ code: DeskClientErrorCode.InvalidArgument, info, command });
}
