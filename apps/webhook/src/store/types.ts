import type { DigestStore } from './digest-store.ts';
import type { FollowUpChange, FollowUpResult, FollowUpRow, ResolvedFollowUp } from './follow-up-types.ts';
import type {
  QuarantineEviction,
  QuarantineInput,
  QuarantineReplayOutcome,
  QuarantineRow,
} from './quarantine-types.ts';
import type {
  AttemptOptions,
  ClaimedMessage,
  ClaimOptions,
  HeldClaim,
  InboxKind,
  InboxRow,
  IngestItem,
  IngestOutcome,
  Leadership,
  OutboxRow,
  OutboxState,
} from './row-types.ts';

export type * from './follow-up-types.ts';
export type * from './quarantine-types.ts';
export type * from './row-types.ts';

/**
 * What a metrics scrape reads: the outbox rows not delivered yet, by state, and the quarantined pushes. Each
 * is counted through a partial index, so the cost follows the backlog, not the history.
 */
export interface StoreDepth {
  readonly outbox: Readonly<Record<Exclude<OutboxState, 'sent'>, number>>;
  readonly quarantine: number;
}

/**
 * Row counts of the whole store, for tools, tests and the last push time read once at start. It reads every
 * row of the inbox and the outbox: a scrape or a probe wants {@link StoreDepth} instead.
 */
export interface StoreStats {
  readonly inbox: number;
  /** Receive time (epoch ms) of the newest inbox row, or null when empty: when a store last took a push. */
  readonly lastReceivedAt: number | null;
  readonly outbox: Readonly<Record<OutboxState, number>>;
  readonly quarantine: number;
}

/** Versions applied by one `migrate()` call (empty when the schema was already current). */
export interface MigrationResult {
  readonly applied: readonly number[];
  readonly current: number;
}

/** Filters of {@link Store.listInbox}. */
export interface ListInboxOptions {
  /** Only rows with `received_at >= sinceMs`. */
  readonly sinceMs?: number;
  readonly kind?: InboxKind;
  /** Default 10,000. */
  readonly limit?: number;
}

/**
 * Durable inbox/outbox/quarantine storage of the webhook. Every method is one transaction; every method is
 * async even on SQLite so both engines are interchangeable. Failures reject with a `StoreError`.
 */
export interface Store {
  /** `sqlite` or `postgres`. */
  readonly engine: 'sqlite' | 'postgres';
  /** The daily digests, and the call pushes a digest is computed from. */
  readonly digests: DigestStore;
  /** Creates or upgrades the tables (idempotent; concurrent callers are serialised). */
  migrate(): Promise<MigrationResult>;
  /** Stores a batch in ONE transaction; outcomes are in item order. Resolves only after the commit. */
  ingest(items: readonly IngestItem[]): Promise<IngestOutcome[]>;
  /** Leases due rows (replies only once their parent is sent or dead), in id order. */
  claimDue(options: ClaimOptions): Promise<ClaimedMessage[]>;
  /**
   * Durably records that a post is about to be attempted (the row is in doubt until settled) and renews its
   * lease; false when the claim was lost (another owner or a newer claim: `fence`), and then nothing may be
   * posted. Call it before every `chat.postMessage`.
   */
  beginAttempt(claim: HeldClaim, options: AttemptOptions): Promise<boolean>;
  /** Renews the leases of every row `owner` holds (while they wait in a channel's queue). Returns how many. */
  renewLeases(owner: string, options: { now: number; leaseMs: number }): Promise<number>;
  /**
   * Records the Slack `ts`; false when `owner` no longer holds the lease (or, given `fence`, when the row was
   * claimed again since).
   */
  markSent(id: number, owner: string, slackTs: string, fence?: number): Promise<boolean>;
  /** Back to pending at `nextAt` with attempts+1; false when the claim is not held (as `markSent`). */
  reschedule(
    id: number,
    owner: string,
    retry: { nextAt: number; error: string },
    fence?: number,
  ): Promise<boolean>;
  /** Gives up on the row (attempts+1); false when the claim is not held (as `markSent`). */
  deadLetter(id: number, owner: string, error: string, fence?: number): Promise<boolean>;
  /**
   * Graceful shutdown: this owner's leased rows go back to pending, except `except` (posts still in flight,
   * which keep their lease). Returns how many.
   */
  releaseClaims(owner: string, options?: { except?: readonly number[] }): Promise<number>;
  /**
   * Rows whose lease ended before `now` go back to pending (the crashed-relay case). Returns how many. On
   * PostgreSQL with the database clock (the default) `now` is the database's, whatever is passed.
   */
  recoverExpiredLeases(now: number): Promise<number>;
  /** Dead rows go back to pending, due now, attempts reset. Returns how many. */
  replayDead(): Promise<number>;
  /** Keeps a rejected push (bounded: the oldest rows beyond `quarantineLimit` are deleted and reported). */
  quarantine(item: QuarantineInput): Promise<number>;
  /** Newest first. */
  listQuarantine(options?: { limit?: number }): Promise<QuarantineRow[]>;
  /** Returns and deletes one quarantined push; null when absent. Replay uses {@link Store.ingestQuarantined}. */
  takeQuarantine(id: number): Promise<QuarantineRow | null>;
  /**
   * Replays one quarantined push in ONE transaction: `prepare` turns the row into an item (or null to keep
   * the row as it is), then the item is ingested and the row deleted, committed together, so a failure or
   * a crash leaves the row in quarantine and nothing ingested. `prepare` runs inside the transaction: keep
   * it synchronous and quick. Null when no row has this id (another replay took it).
   */
  ingestQuarantined(
    id: number,
    prepare: (row: QuarantineRow) => IngestItem | null,
  ): Promise<QuarantineReplayOutcome | null>;
  stats(): Promise<StoreStats>;
  /** The undelivered outbox rows by state and the quarantine size, by index (see {@link StoreDepth}). */
  depth(): Promise<StoreDepth>;
  /**
   * Takes the lead of `job` (e.g. `reconcile`), or null when another replica holds it. PostgreSQL: a session
   * advisory lock on a dedicated connection, freed when the leader dies; SQLite (one instance): always.
   */
  tryLead(job: string): Promise<Leadership | null>;
  /** Readiness probe: rejects with `webhook_store_unavailable` when the database cannot answer. */
  ping(): Promise<void>;
  /**
   * Applies a follow-up change to a posted call in ONE transaction: a conditional write (concurrent changes:
   * the first wins, the others are refused with the state that won) and a `chat.update` of each of the
   * call's posts through the outbox. Expected refusals are values, not errors.
   */
  followUp(change: FollowUpChange): Promise<FollowUpResult>;
  /** The follow-up of a call, or null when nobody acted on it. */
  getFollowUp(sessionId: string): Promise<FollowUpRow | null>;
  /** Missed calls waiting for a callback (open or taken), longest waiting first, and how many match. */
  listWaitingFollowUps(
    options: ListWaitingOptions,
  ): Promise<{ readonly total: number; readonly rows: FollowUpRow[] }>;
  /** How many calls wait for a follow-up: nobody has them (`open`) or someone will call back (`taken`). */
  countWaitingFollowUps(): Promise<{ readonly open: number; readonly taken: number }>;
  /**
   * Up to `limit` resolutions not counted yet in the time-to-resolve histogram, marked counted at `now` in
   * the same write: each resolution goes to exactly one caller, whatever the number of replicas.
   */
  takeResolvedFollowUps(now: number, limit: number): Promise<ResolvedFollowUp[]>;
  /** The top-level post of the session's call (cdr/imcdr) in `channel`, or null. */
  findPost(sessionId: string, channel: string): Promise<OutboxRow | null>;
  /**
   * Retention: removes whole sessions whose every push was received before `before` and whose every
   * message is `sent` (a pending, sending or dead message keeps its session). A push of a removed session
   * is new again, so keep `before` well behind anything Tencent or reconciliation can still send.
   */
  prune(options: PruneOptions): Promise<PruneResult>;
  /** Inbox rows in id order (tests and tooling). */
  listInbox(options?: ListInboxOptions): Promise<InboxRow[]>;
  /** Releases the connection(s); idempotent. Later calls reject with `webhook_store_closed`. */
  close(): Promise<void>;
}

/** Options of `Store.listWaitingFollowUps`. */
export interface ListWaitingOptions {
  /** Missed since (epoch ms). */
  readonly since: number;
  /** Skill group name (case-insensitive); all when absent. */
  readonly group?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Options of `Store.prune`. */
export interface PruneOptions {
  /** Epoch ms: sessions with a push received at or after this are kept. */
  readonly before: number;
  /** Most sessions removed by this call (one transaction); call again while it returns this many. */
  readonly limit: number;
}

/** What one `Store.prune` call removed. */
export interface PruneResult {
  readonly sessions: number;
  readonly inbox: number;
  readonly outbox: number;
}

/** Options shared by both engines. */
export interface StoreCommonOptions {
  /** Maximum quarantine rows kept; default 10,000. */
  readonly quarantineLimit?: number;
  /** Maximum stored bytes of a quarantined body (beyond it the row is `truncated`); default 8 MiB. */
  readonly quarantineMaxBodyBytes?: number;
  /**
   * Told after each commit that deleted the oldest quarantine rows to stay within `quarantineLimit` (the
   * webhook counts them in a metric and logs them). Must not throw.
   */
  readonly onQuarantineEvicted?: (eviction: QuarantineEviction) => void;
  /** Clock for `replayDead` (epoch ms); default `Date.now`. */
  readonly now?: () => number;
}
