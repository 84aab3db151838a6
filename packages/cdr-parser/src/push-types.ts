import type { CdrPush, ImCdrPush, RecordPush, SchemaIssue, VoicemailPush } from '@ccc-kit/schemas';

/** The `action` query parameter values Tencent uses for its data pushes. */
export type PushKind = 'cdr' | 'imcdr' | 'record' | 'voicemail';

/** What every parsed push carries besides its payload. */
interface PushBase {
  /** The call or chat session the push belongs to. */
  readonly sessionId: string;
  /** `X-TCCC-PUSH-UUID` header (same value on Tencent's retries), or `null` when absent. */
  readonly pushId: string | null;
  /**
   * Stable per logical record, also across a push and a later reconciliation import:
   * `cdr:<SessionId>`, `imcdr:<SessionId>`, `record:<SessionId>:<RecordId>`,
   * `voicemail:<SessionId>:<first 16 hex of sha256(RecordURL)>`.
   */
  readonly dedupeKey: string;
  /** Copied from the `receivedAt` option when given (the parser never reads the clock). */
  readonly receivedAt?: Date;
}

/** A validated push, discriminated on `kind`. Payloads are the `@ccc-kit/schemas` outputs. */
export type Push =
  | (PushBase & { readonly kind: 'cdr'; readonly payload: CdrPush })
  | (PushBase & { readonly kind: 'imcdr'; readonly payload: ImCdrPush })
  | (PushBase & { readonly kind: 'record'; readonly payload: RecordPush })
  | (PushBase & { readonly kind: 'voicemail'; readonly payload: VoicemailPush });

/** Codes of {@link PushParseError}: why a push was refused. */
export const PushParseErrorCode = {
  /** Empty body, not UTF-8, or not JSON at all. */
  InvalidJson: 'invalid_json',
  /** `action` query parameter missing or not one of `cdr`, `imcdr`, `record`, `voicemail`. */
  UnknownAction: 'unknown_action',
  /** `version` query parameter present and not `1`. */
  UnsupportedVersion: 'unsupported_version',
  /** JSON, but not the payload the action promises (see `issues`), or nested too deep. */
  InvalidPayload: 'invalid_payload',
  /** Over `maxBodyBytes`; refused before decoding. */
  BodyTooLarge: 'body_too_large',
} as const;
/** Union of {@link PushParseErrorCode} values. */
export type PushParseErrorCode = (typeof PushParseErrorCode)[keyof typeof PushParseErrorCode];

/** Why a push was refused; a value, never thrown. */
export interface PushParseError {
  readonly code: PushParseErrorCode;
  /** One line a person can act on; numbers of 7+ digits are masked, control characters removed. */
  readonly message: string;
  /** For `invalid_payload`: every problem with its dotted path. Empty for the other codes. */
  readonly issues: readonly SchemaIssue[];
}

/**
 * Result of `parsePush`. `warnings` names each field that was dropped because its value was wrong and
 * nothing relies on it (`'UserRemark: expected string, got a number; dropped'`); empty for clean pushes.
 */
export type ParsePushResult =
  | { readonly ok: true; readonly push: Push; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: PushParseError };

/** Query string as a `URLSearchParams`, a raw string (`?action=cdr&version=1`), or a parsed record. */
export type PushQuery =
  | URLSearchParams
  | string
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Request headers as a `Headers` object or a record (Node's `IncomingHttpHeaders`), case-insensitive. */
export type PushHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** One received push, as the HTTP layer saw it. */
export interface PushRequest {
  readonly query: PushQuery;
  readonly headers?: PushHeaders | undefined;
  /** The raw body: text, or the bytes as received (decoded as strict UTF-8). */
  readonly body: string | Uint8Array | ArrayBuffer;
}

/** Options of `parsePush`. */
export interface ParsePushOptions {
  /** Bodies larger than this many bytes are refused before decoding. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** JSON nested deeper than this (objects and arrays) is refused. Default 32 (a CDR uses 4). */
  readonly maxDepth?: number;
  /** When the push arrived; copied onto the result. */
  readonly receivedAt?: Date;
}
