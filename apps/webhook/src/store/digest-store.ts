import { DIGEST_SQL } from './digest-sql.ts';

/** A database row as the driver returns it (row-mapping's `RawRow`; not imported, types.ts imports this). */
type RawRow = Record<string, unknown>;

/** `pending` (due at `nextAt`), `sending` (a replica holds it), `sent`, `dead` (gave up). */
export type DigestState = 'pending' | 'sending' | 'sent' | 'dead';

/** One day's digest. Times are epoch ms. */
export interface DigestRow {
  /** `digest:<YYYY-MM-DD>`. */
  readonly key: string;
  /** The day it describes, `YYYY-MM-DD` in the digest's time zone. */
  readonly day: string;
  readonly channel: string;
  readonly state: DigestState;
  readonly attempts: number;
  readonly nextAt: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
  /** When the first attempt started: a later attempt looks for the post in the channel from there. */
  readonly firstAttemptAt: number | null;
  readonly slackTs: string | null;
  readonly lastError: string | null;
  readonly createdAt: number;
}

/** A stored call push: its inbox id (for paging) and raw JSON body. */
export interface StoredCallBody {
  readonly id: number;
  readonly body: string;
}

/** The digests' part of the store (both engines). */
export interface DigestStore {
  /** Queues `day`'s digest for `channel`; false when it was queued before (by anyone, ever). */
  queue(day: string, channel: string, now: number): Promise<boolean>;
  get(day: string): Promise<DigestRow | null>;
  /** The oldest due digest, leased to `owner` until `now + leaseMs`; null when none is due. */
  claim(owner: string, now: number, leaseMs: number): Promise<DigestRow | null>;
  /** The lease holder's outcome: sent with its `ts`, or failed (retry at `retryAt`, or dead when null). */
  finish(
    day: string,
    owner: string,
    outcome: { readonly ts: string } | { readonly retryAt: number | null; readonly error: string },
  ): Promise<boolean>;
  /** Call pushes received in [from, to), after inbox id `afterId`, at most `limit`, in id order. */
  callBodies(from: number, to: number, afterId: number, limit: number): Promise<StoredCallBody[]>;
  /** Chat (IM CDR) pushes received in [from, to), after inbox id `afterId`, at most `limit`, in id order. */
  chatBodies(from: number, to: number, afterId: number, limit: number): Promise<StoredCallBody[]>;
}

/** Runs one statement of `DIGEST_SQL` with its values: rows for reads and RETURNING, [] otherwise. */
export type DigestRunner = (sql: string, values: readonly unknown[]) => Promise<RawRow[]>;
/** Runs one write and says how many rows it changed. */
export type DigestCounter = (sql: string, values: readonly unknown[]) => Promise<number>;

/** The row key of a day's digest. */
export const digestKey = (day: string): string => `digest:${day}`;

const ms = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

function toDigestRow(raw: RawRow): DigestRow {
  return {
    key: String(raw.dedupe_key),
    day: String(raw.day),
    channel: String(raw.channel),
    state: raw.state as DigestState,
    attempts: Number(raw.attempts),
    nextAt: Number(raw.next_at),
    leaseOwner: text(raw.lease_owner),
    leaseUntil: ms(raw.lease_until),
    firstAttemptAt: ms(raw.first_attempt_at),
    slackTs: text(raw.slack_ts),
    lastError: text(raw.last_error),
    createdAt: Number(raw.created_at),
  };
}

const bodies = (rows: readonly RawRow[]): StoredCallBody[] =>
  rows.map((row) => ({ id: Number(row.id), body: String(row.body) }));

/** The digest operations over an engine's runner (each engine wraps them in its own error handling). */
export function createDigestStore(run: DigestRunner, count: DigestCounter): DigestStore {
  return {
    queue: async (day, channel, now) =>
      (await count(DIGEST_SQL.queue, [digestKey(day), day, channel, now])) > 0,
    get: async (day) => {
      const [row] = await run(DIGEST_SQL.get, [digestKey(day)]);
      return row ? toDigestRow(row) : null;
    },
    claim: async (owner, now, leaseMs) => {
      const [row] = await run(DIGEST_SQL.claim, [owner, now, now + leaseMs]);
      return row ? toDigestRow(row) : null;
    },
    finish: async (day, owner, outcome) =>
      'ts' in outcome
        ? (await count(DIGEST_SQL.sent, [digestKey(day), owner, outcome.ts])) > 0
        : (await count(DIGEST_SQL.failed, [digestKey(day), owner, outcome.retryAt, outcome.error])) > 0,
    callBodies: async (from, to, afterId, limit) =>
      bodies(await run(DIGEST_SQL.callBodies, [from, to, afterId, limit])),
    chatBodies: async (from, to, afterId, limit) =>
      bodies(await run(DIGEST_SQL.chatBodies, [from, to, afterId, limit])),
  };
}
