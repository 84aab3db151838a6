import { every, realScheduler } from '../scheduler.ts';
import type { Leadership } from '../store/types.ts';
import { createRangeRun } from './range-run.ts';
import type { ReconcilerOptions } from './types.ts';

export type { ListCalls, ReconcileReport, ReconcilerOptions } from './types.ts';

/** Tencent answers for the last 180 days only; a day of margin keeps the start valid while a run lasts. */
const MAX_LOOKBACK_MS = 179 * 86_400_000;
/** Default of `settleMs`: five minutes. */
const SETTLE_MS = 300_000;

/** Where the first run after a restart may start (`resumeFrom`), or null to look back the window. */
async function resumePoint(options: ReconcilerOptions): Promise<number | null> {
  if (!options.resumeFrom) return null;
  return options.resumeFrom().catch((error: unknown) => {
    options.logger.warn({ err: error }, 'reconciliation: no resume point, looking back the window');
    return null;
  });
}

/**
 * This replica's lead of periodic reconciliation (`options.lead`; always held without it): taken when free,
 * checked before every run, dropped when its connection died, given back on stop.
 */
function createLead(options: ReconcilerOptions) {
  let held: Leadership | null = null;
  return {
    async ensure(): Promise<boolean> {
      if (!options.lead) return true;
      if (held && !(await held.holds())) held = null;
      held ??= await options.lead().catch((error: unknown) => {
        options.logger.warn(
          { err: error },
          'reconciliation: cannot ask for the lead; next run will ask again',
        );
        return null;
      });
      return held !== null;
    },
    async release(): Promise<void> {
      await held?.release();
      held = null;
    },
  };
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
  const lead = createLead(options);
  const settleMs = options.settleMs ?? SETTLE_MS;
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
      running = (async () => {
        if (await lead.ensure()) await once(now() - settleMs);
      })().finally(() => {
        running = null;
      });
    },
    /** Settles when no run is going, and gives the lead back. */
    stop: async (): Promise<void> => {
      await running;
      await lead.release();
    },
  };
}

/**
 * Feeds calls that pushes missed into the same inbox (same dedupe key `cdr:<SessionId>`), so a lost push
 * still reaches Slack. Periodic runs (only on the replica that leads, see `lead`) look back `windowMs` from
 * `settleMs` ago, or further back to where the last finished run ended (after failed runs); `run(start,
 * end)` covers any range (backfill). A bad row is quarantined, never stops a run.
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
      await periodic.stop();
    },
  };
}
