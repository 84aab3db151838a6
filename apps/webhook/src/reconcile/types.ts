import type { IMCdrInfo, ImCdrPush, TelCdrInfo } from '@ccc-kit/schemas';
import type { Scheduler } from '@ccc-kit/timers';
import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
import type {
  Delivery,
  FollowUpFact,
  IngestItem,
  IngestOutcome,
  Leadership,
  QuarantineReason,
} from '../store/types.ts';

/** One page of a window's calls, and how many calls the whole window holds (DescribeTelCdr's `TotalCount`). */
export interface CallPage {
  readonly calls: readonly TelCdrInfo[];
  readonly total: number;
}

/** Lists the calls of a window page by page (see `cccCallPages`, which adapts `ccc-client`). */
export type ListCalls = (start: Date, end: Date) => AsyncIterable<CallPage>;

/** One page of a window's chat sessions, and how many the whole window holds (DescribeIMCdrList). */
export interface ChatPage {
  readonly chats: readonly IMCdrInfo[];
  readonly total: number;
}

/** Lists the chat sessions of a window page by page (see `cccChatPages`, which adapts `ccc-client`). */
export type ListChats = (start: Date, end: Date) => AsyncIterable<ChatPage>;

/** A row that could not be stored, as the push it stands for (`cdr` or `imcdr`), with the reason. */
export interface QuarantinedRow {
  readonly kind: 'cdr' | 'imcdr';
  readonly body: string;
  readonly reason: QuarantineReason;
}

/** Options of `createReconciler`. */
export interface ReconcilerOptions {
  readonly listCalls: ListCalls;
  /**
   * Lists chat sessions too (optional: without it only calls are reconciled). Needs `routeForChat`. Chats
   * and calls fail apart: each keeps its own covered point, so an outage of one never holds the other back.
   */
  readonly listChats?: ListChats | undefined;
  readonly submit: (item: IngestItem) => Promise<IngestOutcome>;
  /** Channels of the call's post, computed from the record like a pushed CDR; throws for an unusable row. */
  readonly routeFor: (call: TelCdrInfo) => readonly Delivery[];
  /** A found call's follow-up fact (missed, or reaching a customer), when follow-ups are on. */
  readonly followUpFor?: ((call: TelCdrInfo, receivedAt: number) => FollowUpFact | undefined) | undefined;
  /** Channels of a chat's post, from the `imcdr` body built from its record; throws for an unusable one. */
  readonly routeForChat?: ((chat: ImCdrPush) => readonly Delivery[]) | undefined;
  /** Keeps a row that cannot be stored (the webhook's quarantine); without it such a row is only logged. */
  readonly quarantine?: (row: QuarantinedRow) => Promise<void>;
  readonly intervalMs: number;
  /** How far back each periodic run looks. */
  readonly windowMs: number;
  /**
   * Periodic runs stop this long before now (default 5 minutes): a call that just ended is the push's to
   * deliver, and looking at it would race the push still on its way.
   */
  readonly settleMs?: number;
  /**
   * How far back a run that resumes after failures may reach (default 179 days, Tencent's limit). Keep it
   * inside the retention period, or calls whose history was deleted would be posted again.
   */
  readonly maxLookbackMs?: number;
  /**
   * Where an earlier process left off (the store's newest receive time): the first run reaches back to it,
   * so calls whose pushes failed while the webhook was down are found after a restart. Null: `windowMs`.
   */
  readonly resumeFrom?: () => Promise<number | null>;
  /**
   * Takes the lead of periodic reconciliation, or null when another replica has it (`Store.tryLead`). Runs
   * happen only while leading, so replicas do not each spend Tencent's budget on the same calls. Default:
   * always leading (one instance).
   */
  readonly lead?: () => Promise<Leadership | null>;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  /** The periodic runs' timer and the clock; default the real ones (the timer does not keep the process alive). */
  readonly scheduler?: Scheduler;
  /** Overrides `scheduler.now` for windows and receive times only (e.g. a skewed clock); the timer stays on `scheduler`. */
  readonly now?: () => number;
}

/** What a run did with the rows of one kind (calls or chats). */
export interface KindReport {
  readonly seen: number;
  /** Sessions no push had delivered, now stored (and posted by the relay). */
  readonly found: number;
  /**
   * Rows not stored: without a SessionId (nothing to deduplicate them by), or chats that ended after the
   * run's end (left to their push; a later run looks again).
   */
  readonly skipped: number;
  /** Rows that could not be stored (unreadable, or refused by the database), kept in the quarantine. */
  readonly quarantined: number;
}

/** Result of one reconciliation run: the calls' counts, and the chats' when `listChats` is configured. */
export interface ReconcileReport extends KindReport {
  readonly chats?: KindReport;
}
