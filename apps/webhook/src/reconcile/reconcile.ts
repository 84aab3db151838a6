import type { TelCdrInfo } from '@ccc-kit/schemas';
import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
import { every, realScheduler, type Scheduler } from '../scheduler.ts';
import type { Delivery, IngestItem, IngestOutcome } from '../store/types.ts';

/** Lists the calls of a window, every page (adapts `ccc-client`'s `iterateTelCdrs`). */
export type ListCalls = (start: Date, end: Date) => AsyncIterable<TelCdrInfo>;

/** Options of {@link createReconciler}. */
export interface ReconcilerOptions {
  readonly listCalls: ListCalls;
  readonly submit: (item: IngestItem) => Promise<IngestOutcome>;
  /** Channels of the call's post, computed from the record like a pushed CDR. */
  readonly routeFor: (call: TelCdrInfo) => readonly Delivery[];
  readonly intervalMs: number;
  /** How far back each periodic run looks. */
  readonly windowMs: number;
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
  readonly skipped: number;
}

/** Tencent allows windows shorter than 90 days: longer ranges are walked in chunks. */
const MAX_WINDOW_MS = 89 * 86_400_000;
/** Tencent answers for the last 180 days only; a day of margin keeps the start valid while a run lasts. */
const MAX_LOOKBACK_MS = 179 * 86_400_000;

/** Reconciles `[start, end)`, in windows Tencent accepts, submitting every call found. */
function createRangeRun(options: ReconcilerOptions, now: () => number) {
  return async (
    start: Date,
    end: Date,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ReconcileReport> => {
    let seen = 0;
    let found = 0;
    let skipped = 0;
    const total = end.getTime() - start.getTime();
    for (let from = start.getTime(); from < end.getTime(); from += MAX_WINDOW_MS) {
      const to = Math.min(end.getTime(), from + MAX_WINDOW_MS);
      for await (const call of options.listCalls(new Date(from), new Date(to))) {
        seen++;
        if (!call.SessionId) {
          skipped++;
          continue;
        }
        if ((await options.submit(toIngestItem(call, call.SessionId, now(), options))) === 'stored') {
          found++;
          options.metrics.reconcileFound.inc();
          options.logger.info({ sessionId: call.SessionId }, 'reconciliation found a call no push delivered');
        }
      }
      onProgress?.(to - start.getTime(), total);
    }
    return { seen, found, skipped };
  };
}

/** A listed call as an inbox item, under the same dedupe key as its push. */
function toIngestItem(
  call: TelCdrInfo,
  sessionId: string,
  receivedAt: number,
  options: ReconcilerOptions,
): IngestItem {
  return {
    kind: 'cdr',
    dedupeKey: `cdr:${sessionId}`,
    sessionId,
    pushId: null,
    source: 'reconcile',
    body: JSON.stringify(call),
    receivedAt,
    deliveries: options.routeFor(call),
  };
}

/** Where the first run after a restart may start (`resumeFrom`), or null to look back the window. */
async function resumePoint(options: ReconcilerOptions): Promise<number | null> {
  if (!options.resumeFrom) return null;
  return options.resumeFrom().catch((error: unknown) => {
    options.logger.warn({ err: error }, 'reconciliation: no resume point, looking back the window');
    return null;
  });
}

/** One periodic run at a time, each starting where the last finished one ended (see `createReconciler`). */
function createPeriodicRun(
  options: ReconcilerOptions,
  now: () => number,
  run: ReturnType<typeof createRangeRun>,
) {
  // End of the last run that finished. A run starts there when that is earlier than `windowMs` ago, so an
  // outage of Tencent's API (or of our store) longer than the window leaves no gap: reconciliation resumes
  // where it stopped. After a restart, `resumeFrom` (the newest stored push) stands in for it.
  let coveredUntil: number | null = null;
  let running: Promise<unknown> | null = null;
  const once = async (end: number): Promise<void> => {
    const lookback = Math.min(MAX_LOOKBACK_MS, options.maxLookbackMs ?? MAX_LOOKBACK_MS);
    const resumeAt = coveredUntil ?? (await resumePoint(options)) ?? end;
    const start = Math.max(end - lookback, Math.min(end - options.windowMs, resumeAt));
    try {
      const report = await run(new Date(start), new Date(end));
      coveredUntil = end;
      options.logger.info({ ...report, from: new Date(start).toISOString() }, 'reconciliation run finished');
    } catch (error) {
      coveredUntil ??= resumeAt === end ? null : resumeAt;
      options.logger.error({ err: error }, 'reconciliation run failed; next run will retry');
    }
  };
  return {
    /** Starts a run unless one is still going (a slow run makes the next ticks skip, not pile up). */
    tick(): void {
      if (running) return;
      running = once(now()).finally(() => {
        running = null;
      });
    },
    /** Settles when no run is going. */
    idle: async (): Promise<void> => {
      await running;
    },
  };
}

/**
 * Feeds calls that pushes missed into the same inbox (same dedupe key `cdr:<SessionId>`), so a lost push
 * still reaches Slack. Periodic runs look back `windowMs`, or further back to where the last finished run
 * ended (after failed runs); `run(start, end)` covers any range (backfill).
 *
 * @example
 * const reconciler = createReconciler({ listCalls, submit, routeFor, intervalMs: 600_000, windowMs: 7_200_000, logger, metrics });
 * reconciler.start();
 */
export function createReconciler(options: ReconcilerOptions) {
  const scheduler = options.scheduler ?? realScheduler;
  const now = options.now ?? (() => scheduler.now());
  const run = createRangeRun(options, now);
  const periodic = createPeriodicRun(options, now, run);
  let cancel: (() => void) | null = null;
  return {
    run,
    /** Runs now and then every `intervalMs`. */
    start(): void {
      periodic.tick();
      cancel = every(options.intervalMs, periodic.tick, scheduler);
    },
    async stop(): Promise<void> {
      cancel?.();
      cancel = null;
      await periodic.idle();
    },
  };
}
