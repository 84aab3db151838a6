import type { IngestOutcome } from './row-types.ts';

/** Why a push was rejected: a stable code and a human message. */
export interface QuarantineReason {
  readonly code: string;
  readonly message: string;
}

/** A rejected push to keep for inspection and replay. */
export interface QuarantineInput {
  readonly pushId: string | null;
  /** Raw `action` query parameter (may be anything, even missing). */
  readonly action: string | null;
  /** Raw query string, without the leading `?`. */
  readonly query: string;
  readonly reason: QuarantineReason;
  /** Raw body; text is stored as UTF-8. Truncated to `quarantineMaxBodyBytes`. */
  readonly body: string | Uint8Array;
  /**
   * Size in bytes of the body the client sent, when `body` holds only its first bytes (the HTTP layer
   * stopped reading an oversized body); the row is then `truncated`. Default: the length of `body`.
   */
  readonly receivedBytes?: number;
  readonly receivedAt: number;
}

/** What {@link Store.ingestQuarantined} did: the push was ingested (`stored`/`duplicate`), or `kept`. */
export type QuarantineReplayOutcome = IngestOutcome | 'kept';

/** Rows the quarantine deleted to stay within `quarantineLimit`, reported after the commit. */
export interface QuarantineEviction {
  /** How many rows were deleted. */
  readonly rows: number;
  /** Receive time (epoch ms) of the oldest deleted row. */
  readonly oldestReceivedAt: number;
}

/** A stored quarantine row. */
export interface QuarantineRow {
  readonly id: number;
  readonly pushId: string | null;
  readonly action: string | null;
  readonly query: string;
  readonly reason: QuarantineReason;
  /** Stored bytes (at most `quarantineMaxBodyBytes`). */
  readonly body: Uint8Array;
  /** `body` is only the first bytes of what was received: replay skips the row. */
  readonly truncated: boolean;
  /** Size in bytes of the body as received (capped at 2^31 - 1). */
  readonly bodySize: number;
  readonly receivedAt: number;
}
