/** What a stored push is: the `action` query parameter of the Tencent data push. */
export type InboxKind = 'cdr' | 'imcdr' | 'record' | 'voicemail';
/** Where a record came from: a data push, or the `DescribeTelCdr` reconciliation poller. */
export type InboxSource = 'push' | 'reconcile';
/** `post` = top-level Slack message; `reply` = thread reply under the call's post in that channel. */
export type OutboxKind = 'post' | 'reply';
/** Life cycle of one Slack message: pending → sending (leased) → sent | dead (and dead → pending on replay). */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'dead';
/** Result of ingesting one item: `stored` (new rows committed) or `duplicate` (already known, nothing written). */
export type IngestOutcome = 'stored' | 'duplicate';

/** A Slack channel chosen by the router for a top-level post, with an optional mention to prepend. */
export interface Delivery {
  readonly channel: string;
  readonly mention?: string | null;
}

/** One push (or reconciled record) to store, with the channels its top-level post goes to. */
export interface IngestItem {
  readonly kind: InboxKind;
  /** Caller-computed logical identity, e.g. `cdr:<SessionId>` or `record:<SessionId>:<RecordId>`. */
  readonly dedupeKey: string;
  readonly sessionId: string;
  /** `X-TCCC-PUSH-UUID`; null for reconciled records or when the header is missing. */
  readonly pushId: string | null;
  readonly source: InboxSource;
  /** Raw JSON text as received (kept verbatim: Tencent bodies have quirks worth keeping). */
  readonly body: string;
  /** Epoch milliseconds; also used as `created_at`/`next_at` of the outbox rows this item creates. */
  readonly receivedAt: number;
  /** Channels for a top-level post (cdr/imcdr/voicemail); ignored for `record` (replies follow the cdr). */
  readonly deliveries: readonly Delivery[];
}

/** A stored inbox row. */
export interface InboxRow {
  readonly id: number;
  readonly kind: InboxKind;
  readonly dedupeKey: string;
  readonly sessionId: string;
  readonly pushId: string | null;
  readonly source: InboxSource;
  readonly body: string;
  readonly receivedAt: number;
}

/** A stored outbox row (one Slack message to send). */
export interface OutboxRow {
  /** Monotonic; claims go in id order so each channel keeps its order. */
  readonly id: number;
  readonly inboxId: number;
  /** For replies: the `post` row of the call in the same channel (the thread parent); null for posts. */
  readonly parentId: number | null;
  readonly channel: string;
  readonly kind: OutboxKind;
  readonly sessionId: string;
  readonly mention: string | null;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAt: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
  readonly slackTs: string | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  /** Fencing token: bumped by every claim; settling and attempting require the claim's value. */
  readonly fence: number;
  /** An attempt may have reached Slack without its answer reaching us: look in Slack before posting again. */
  readonly inDoubt: boolean;
  /** Epoch ms (relay clock) when the first attempt started; where the history check starts looking. */
  readonly firstAttemptAt: number | null;
  /** Epoch ms (relay clock) when the latest attempt started: a lookup waits until Slack is done with it. */
  readonly lastAttemptAt: number | null;
}

/** A claimed outbox row plus what the relay needs to render and send it. */
export interface ClaimedMessage extends OutboxRow {
  readonly inboxKind: InboxKind;
  /** Raw JSON body of the inbox row the message is about. */
  readonly body: string;
  /** Replies: the parent post's `ts` when it was sent; null when the parent is dead (post standalone). */
  readonly threadTs: string | null;
}

/** Options of {@link Store.claimDue}. */
export interface ClaimOptions {
  readonly now: number;
  readonly limit: number;
  readonly leaseMs: number;
  /** Identifies this relay instance; only the owner can settle the claim. */
  readonly owner: string;
  /**
   * Most rows one channel may hold leased by `owner`, counting those it already holds (the relay passes what
   * the channel's rate can post within a lease); default no cap.
   */
  readonly perChannel?: number;
  /**
   * PostgreSQL: relay only channels this owner holds, one owner per channel across replicas, each held for
   * this long (database clock) and renewed by every claim. Ignored by SQLite (one instance).
   */
  readonly channelLeaseMs?: number;
}

/** A claim as the relay holds it: the row, its lease owner and the fencing token the claim returned. */
export interface HeldClaim {
  readonly id: number;
  readonly owner: string;
  readonly fence: number;
}

/** The lead of a job among replicas (`Store.tryLead`), held until released or lost. */
export interface Leadership {
  /** False once the lead is lost (its database connection died): ask again before acting as leader. */
  holds(): Promise<boolean>;
  release(): Promise<void>;
}

/** Options of {@link Store.beginAttempt}. */
export interface AttemptOptions {
  /** Epoch ms (relay clock) the attempt starts at: recorded as `firstAttemptAt` on the first one. */
  readonly at: number;
  /** The lease is renewed to this long from now (the database clock on PostgreSQL). */
  readonly leaseMs: number;
  /** Which attempt this is (1 for the first): `attempts` becomes this less one, so a crash keeps the count. */
  readonly attempt?: number;
  /**
   * PostgreSQL with channel ownership: the attempt is refused (false) unless this owner holds the row's
   * channel for at least this much longer (the Slack call's timeout), so no post outlives the ownership.
   */
  readonly channelGuardMs?: number;
}

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

/** Row counts for metrics and the health endpoint. */
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
  /**
   * Takes the lead of `job` (e.g. `reconcile`), or null when another replica holds it. PostgreSQL: a session
   * advisory lock on a dedicated connection, freed when the leader dies; SQLite (one instance): always.
   */
  tryLead(job: string): Promise<Leadership | null>;
  /** Readiness probe: rejects with `webhook_store_unavailable` when the database cannot answer. */
  ping(): Promise<void>;
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
