import type { TelCdrInfo } from '@ccc-kit/schemas';
import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
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

/**
 * Feeds calls that pushes missed into the same inbox (same dedupe key `cdr:<SessionId>`), so a lost push
 * still reaches Slack. Periodic runs look back `windowMs`, or further back to where the last finished run
 * ended (after failed runs); `run(start, end)` covers any range (backfill).
 */
export function createReconciler(options: ReconcilerOptions) {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  const run = async (
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
        const outcome = await options.submit({
          kind: 'cdr',
          dedupeKey: `cdr:${call.SessionId}`,
          sessionId: call.SessionId,
          pushId: null,
          source: 'reconcile',
          body: JSON.stringify(call),
          receivedAt: now(),
          deliveries: options.routeFor(call),
        });
        if (outcome === 'stored') {
          found++;
          options.metrics.reconcileFound.inc();
          options.logger.info({ sessionId: call.SessionId }, 'reconciliation found a call no push delivered');
        }
      }
      onProgress?.(to - start.getTime(), total);
    }
    return { seen, found, skipped };
  };

  // End of the last run that finished. A run starts there when that is earlier than `windowMs` ago, so an
  // outage of Tencent's API (or of our store) longer than the window leaves no gap: reconciliation resumes
  // where it stopped. After a restart, `resumeFrom` (the newest stored push) stands in for it.
  let coveredUntil: number | null = null;
  const firstStart = async (): Promise<number | null> =>
    options.resumeFrom
      ? options.resumeFrom().catch((error: unknown) => {
          options.logger.warn({ err: error }, 'reconciliation: no resume point, looking back the window');
          return null;
        })
      : null;
  const tick = (): void => {
    if (running) return;
    const end = now();
    const lookback = Math.min(MAX_LOOKBACK_MS, options.maxLookbackMs ?? MAX_LOOKBACK_MS);
    running = (async () => {
      const resumeAt = coveredUntil ?? (await firstStart()) ?? end;
      const start = Math.max(end - lookback, Math.min(end - options.windowMs, resumeAt));
      try {
        const report = await run(new Date(start), new Date(end));
        coveredUntil = end;
        options.logger.info(
          { ...report, from: new Date(start).toISOString() },
          'reconciliation run finished',
        );
      } catch (error) {
        coveredUntil ??= resumeAt === end ? null : resumeAt;
        options.logger.error({ err: error }, 'reconciliation run failed; next run will retry');
      }
    })().finally(() => {
      running = null;
    });
  };

  return {
    run,
    /** Runs now and then every `intervalMs`. */
    start(): void {
      tick();
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
