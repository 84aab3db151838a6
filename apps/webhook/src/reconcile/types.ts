import type { TelCdrInfo } from '@ccc-kit/schemas';
import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
import type { Scheduler } from '../scheduler.ts';
import type { Delivery, IngestItem, IngestOutcome, Leadership, QuarantineReason } from '../store/types.ts';

/** One page of a window's calls, and how many calls the whole window holds (DescribeTelCdr's `TotalCount`). */
export interface CallPage {
  readonly calls: readonly TelCdrInfo[];
  readonly total: number;
}

/** Lists the calls of a window page by page (see `cccCallPages`, which adapts `ccc-client`). */
export type ListCalls = (start: Date, end: Date) => AsyncIterable<CallPage>;

/** Options of `createReconciler`. */
export interface ReconcilerOptions {
  readonly listCalls: ListCalls;
  readonly submit: (item: IngestItem) => Promise<IngestOutcome>;
  /** Channels of the call's post, computed from the record like a pushed CDR; throws for an unusable row. */
  readonly routeFor: (call: TelCdrInfo) => readonly Delivery[];
  /** Keeps a row that cannot be stored (the webhook's quarantine); without it such a row is only logged. */
  readonly quarantine?: (row: { body: string; reason: QuarantineReason }) => Promise<void>;
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

/** Result of one reconciliation run. */
export interface ReconcileReport {
  readonly seen: number;
  /** Calls no push had delivered, now stored (and posted by the relay). */
  readonly found: number;
  /** Rows without a SessionId (nothing to deduplicate them by). */
  readonly skipped: number;
  /** Rows that could not be stored (unreadable, or refused by the database), kept in the quarantine. */
  readonly quarantined: number;
}
