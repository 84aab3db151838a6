import type { Leadership } from '../store/types.ts';
import type { KindRun } from './range-run.ts';
import type { KindReport, ReconcilerOptions } from './types.ts';

/** Tencent answers for the last 180 days only; a day of margin keeps the start valid while a run lasts. */
const MAX_LOOKBACK_MS = 179 * 86_400_000;
/** Default of `settleMs`: five minutes. */
const SETTLE_MS = 300_000;

/** One kind's range run, by the name its logs and reports use. */
export interface NamedRun {
  readonly name: 'calls' | 'chats';
  readonly run: KindRun;
}

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

/** The run's log line: each kind that finished with its counts and start (calls' at the top level). */
function finishedFields(done: ReadonlyMap<string, KindReport & { from: string }>, failed: readonly string[]) {
  const chats = done.get('chats');
  return {
    ...done.get('calls'),
    ...(chats ? { chats } : {}),
    ...(failed.length > 0 ? { failed } : {}),
  };
}

/**
 * One periodic run at a time, each kind (calls, chats) starting where its last finished run ended. Every
 * kind keeps its own covered point, so an outage of one API, or a kind failing on its own, never holds the
 * other back nor makes it list an ever longer range again; each failure has its own error line.
 */
export function createPeriodicRun(options: ReconcilerOptions, now: () => number, runs: readonly NamedRun[]) {
  // End of each kind's last run that finished. A run starts there when that is earlier than `windowMs`
  // ago, so an outage of Tencent's API (or of our store) longer than the window leaves no gap. After a
  // restart, `resumeFrom` (the newest stored push) stands in for it.
  const covered = new Map<string, number | null>();
  let running: Promise<unknown> | null = null;
  const lead = createLead(options);
  const settleMs = options.settleMs ?? SETTLE_MS;
  const once = async (end: number): Promise<void> => {
    const lookback = Math.min(MAX_LOOKBACK_MS, options.maxLookbackMs ?? MAX_LOOKBACK_MS);
    // Asked at most once per run, and only when a kind has no covered point yet.
    let resume: Promise<number | null> | undefined;
    const resumed = (): Promise<number | null> => {
      resume ??= resumePoint(options);
      return resume;
    };
    const done = new Map<string, KindReport & { from: string }>();
    const failed: string[] = [];
    for (const { name, run } of runs) {
      const resumeAt = covered.get(name) ?? (await resumed()) ?? end;
      const start = Math.max(end - lookback, Math.min(end - options.windowMs, resumeAt));
      try {
        const report = await run(new Date(start), new Date(end));
        covered.set(name, end);
        done.set(name, { ...report, from: new Date(start).toISOString() });
      } catch (error) {
        if (covered.get(name) == null) covered.set(name, resumeAt === end ? null : resumeAt);
        failed.push(name);
        options.logger.error(
          { err: error, kind: name },
          `reconciliation run failed for ${name}; next run will retry`,
        );
      }
    }
    if (done.size > 0) options.logger.info(finishedFields(done, failed), 'reconciliation run finished');
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
