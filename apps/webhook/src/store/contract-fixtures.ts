import type { Delivery, IngestItem, Store, StoreCommonOptions } from './types.ts';

/** A store under test plus the engine-specific handles the contract needs. */
export interface StoreUnderTest {
  readonly store: Store;
  /** Opens a second store on the same database (another process or replica); not migrated. */
  reopen(): Promise<Store>;
  /** Takes the write lock from another connection; writes of `store` then fail until `release()`. */
  blockWrites(): Promise<() => Promise<void>>;
}

/** Opens a migrated store on a fresh, empty database (the engine's test file provides it). */
export type MakeStore = (options?: StoreCommonOptions) => Promise<StoreUnderTest>;

/** Receive time of the fixtures; claims use `T0 + n`. */
export const T0 = 1_700_000_000_000;

let counter = 0;
/** A fresh push id per call, so only the tests that want push-id collisions get them. */
export const nextPushId = (): string => `push-${process.pid}-${++counter}`;

const channels = (list: readonly (string | Delivery)[]): Delivery[] =>
  list.map((entry) => (typeof entry === 'string' ? { channel: entry } : entry));

/** A phone CDR push of `sessionId` posted to `to`. */
export function cdr(
  sessionId: string,
  to: readonly (string | Delivery)[] = [],
  extra: Partial<IngestItem> = {},
): IngestItem {
  return {
    kind: 'cdr',
    dedupeKey: `cdr:${sessionId}`,
    sessionId,
    pushId: nextPushId(),
    source: 'push',
    body: JSON.stringify({ SessionId: sessionId, Duration: 42 }),
    receivedAt: T0,
    deliveries: channels(to),
    ...extra,
  };
}

/** A recording push of `sessionId` (replies follow the cdr's posts, so no deliveries). */
export function record(sessionId: string, recordId: string, extra: Partial<IngestItem> = {}): IngestItem {
  return {
    kind: 'record',
    dedupeKey: `record:${sessionId}:${recordId}`,
    sessionId,
    pushId: nextPushId(),
    source: 'push',
    body: JSON.stringify({
      SessionId: sessionId,
      RecordId: recordId,
      RecordURL: 'https://example.invalid/r.mp3',
    }),
    receivedAt: T0,
    deliveries: [],
    ...extra,
  };
}

/** A voicemail or IM CDR push of `sessionId` posted to `to`. */
export function other(
  kind: 'voicemail' | 'imcdr',
  sessionId: string,
  to: readonly (string | Delivery)[] = [],
  extra: Partial<IngestItem> = {},
): IngestItem {
  return {
    ...cdr(sessionId, to),
    kind,
    dedupeKey: `${kind}:${sessionId}`,
    body: `{"kind":"${kind}"}`,
    ...extra,
  };
}

/** Claims everything due at `now` for `owner` (generous limit and lease). */
export const claimAll = (store: Store, owner = 'relay-a', now = T0 + 1): ReturnType<Store['claimDue']> =>
  store.claimDue({ now, limit: 1_000, leaseMs: 60_000, owner });
