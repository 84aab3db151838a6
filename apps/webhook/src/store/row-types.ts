/** Inbox and outbox rows, and what the store takes and returns for them (see `Store` in types.ts). */
import type { FollowUpRow } from './follow-up-types.ts';

/** What a stored push is: the `action` query parameter of the Tencent data push. */
export type InboxKind = 'cdr' | 'imcdr' | 'record' | 'voicemail';
/** Where a record came from: a data push, or the `DescribeTelCdr` reconciliation poller. */
export type InboxSource = 'push' | 'reconcile';
/**
 * `post` = top-level Slack message; `reply` = thread reply under the call's post in that channel; `update` =
 * `chat.update` of the call's post (its parent) after a recording or voicemail joined its thread.
 */
export type OutboxKind = 'post' | 'reply' | 'update';
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
  /**
   * Channels for a top-level post (cdr/imcdr; for a voicemail only the channels whose rule asks for voicemails
   * by kind); ignored for `record`. Recordings and voicemails also become replies under their call's posts.
   */
  readonly deliveries: readonly Delivery[];
  /** Voicemail: where it is posted alone if its call is still unknown at `until` (see {@link CallWait}). */
  readonly waitForCall?: CallWait;
  /** A call: what it means for missed-call follow-up (see {@link FollowUpFact}). */
  readonly followUp?: FollowUpFact;
}

/**
 * What a call means for follow-up, computed with its routing: a missed call opens a follow-up of its
 * customer (until `until`); a call in which the customer was connected (`answered`, either direction)
 * closes that customer's open follow-ups of missed calls before it (and within their `until`), recording
 * `detail` (JSON: agent, direction, talk seconds) as how they were reached. Numbers are E.164 digits.
 */
export type FollowUpFact =
  | {
      readonly kind: 'missed';
      readonly customer: string;
      readonly at: number;
      readonly until: number;
      /** The skill group it was queued for (`/ccc missed --group`), when known. */
      readonly group: string | null;
    }
  | { readonly kind: 'answered'; readonly customer: string; readonly at: number; readonly detail: string };

/**
 * A voicemail's own posts, held until its call is stored (then dropped: the voicemail goes into the call's
 * threads instead) or until `until` (epoch ms), when they are posted alone.
 */
export interface CallWait {
  readonly deliveries: readonly Delivery[];
  readonly until: number;
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
  /** A voicemail's own post held for its call (see {@link CallWait}); dropped if the call comes in time. */
  readonly awaitsCall: boolean;
}

/** What the call's thread holds when a message is claimed: the post says so (`chat.update` as it grows). */
export interface ThreadCounts {
  readonly recordings: number;
  readonly voicemails: number;
}

/** A claimed outbox row plus what the relay needs to render and send it. */
export interface ClaimedMessage extends OutboxRow {
  readonly inboxKind: InboxKind;
  /** Raw JSON body of the inbox row the message is about. */
  readonly body: string;
  /**
   * Replies and updates: the parent post's `ts` when it was sent; null when the parent is dead (a reply is
   * posted standalone, an update has nothing to update).
   */
  readonly threadTs: string | null;
  /** Updates: the parent post's inbox body (the call) and mention, to render the post again. */
  readonly parent: { readonly body: string; readonly mention: string | null } | null;
  /** Recordings and voicemails stored for the session at claim time. */
  readonly thread: ThreadCounts;
  /** The session's follow-up at claim time (a call post shows it); null when nobody acted on it. */
  readonly followUp: Omit<
    FollowUpRow,
    | 'sessionId'
    | 'version'
    | 'updatedAt'
    | 'reachedSession'
    | 'customer'
    | 'missedAt'
    | 'skillGroup'
    | 'callbackSession'
  > | null;
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
