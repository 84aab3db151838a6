import { SingleBar } from 'cli-progress';
import { pino } from 'pino';
import { factsOfCall } from '../facts.ts';
import { createMetrics } from '../http/metrics.ts';
import { reconciledQuarantine } from '../reconcile/quarantine.ts';
import type { RangeProgress } from '../reconcile/range-run.ts';
import { createReconciler } from '../reconcile/reconcile.ts';
import { route } from '../routes/index.ts';
import type { Store } from '../store/index.ts';
import type { WebhookConfig } from '../webhook-config.ts';

/** Where backfill progress goes: a terminal (a progress bar) or anything else (one plain line per page). */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Whole seconds left, from the pace so far, assuming the windows still to read hold as many pages. */
function etaSeconds(progress: RangeProgress, elapsedMs: number): number {
  const read = (progress.window - 1) * progress.pages + progress.page;
  const all = progress.windows * progress.pages;
  return read === 0 ? 0 : Math.round(((all - read) * elapsedMs) / read / 1000);
}

/** One progress line: the page, what was read and imported, and the time left. */
export function progressLine(progress: RangeProgress, elapsedMs: number): string {
  const { window, windows, page, pages, report } = progress;
  const where = windows > 1 ? `window ${window}/${windows}, ` : '';
  return `backfill: ${where}page ${page}/${pages}: ${report.seen} calls read, ${report.found} imported, ${report.quarantined} quarantined, about ${etaSeconds(progress, elapsedMs)} s left`;
}

/** Tells progress on `out`: a bar on a terminal, plain lines otherwise (logs, CI, a pipe). */
function reporter(out: ProgressOutput, now: () => number) {
  const started = now();
  const bar = out.isTTY
    ? new SingleBar({
        format:
          'backfill [{bar}] {percentage}% | page {page}/{pages} | {seen} read, {found} imported | ETA {eta}s',
        hideCursor: true,
        stream: out as NodeJS.WritableStream,
      })
    : null;
  bar?.start(100, 0, { page: 0, pages: '?', seen: 0, found: 0 });
  return {
    update(progress: RangeProgress): void {
      if (!bar) {
        out.write(`${progressLine(progress, now() - started)}\n`);
        return;
      }
      const { page, pages, report } = progress;
      bar.update(Math.round((100 * progress.doneMs) / Math.max(1, progress.totalMs)), {
        page,
        pages,
        seen: report.seen,
        found: report.found,
      });
    },
    stop: () => bar?.stop(),
  };
}

/**
 * Imports the calls of `[since, until)` that pushes missed, through reconciliation's range run (rows that
 * cannot be stored go to the quarantine), telling progress per page on `out`. Returns the summary line.
 */
export async function backfill(
  store: Store,
  config: WebhookConfig & { reconcile: NonNullable<WebhookConfig['reconcile']> },
  range: { since: Date; until: Date },
  out: ProgressOutput,
  now: () => number = Date.now,
): Promise<string> {
  // Calls only: the progress and the summary count calls (chats are left to the periodic runs).
  const { listChats: _chats, ...reconcile } = config.reconcile;
  const reconciler = createReconciler({
    ...reconcile,
    submit: async (item) => (await store.ingest([item]))[0] ?? 'duplicate',
    routeFor: (call) => route(config.routes, factsOfCall(call), config.defaultChannel),
    quarantine: (row) => reconciledQuarantine(store, row, now()),
    logger: pino({ level: 'warn' }),
    metrics: createMetrics(),
  });
  const progress = reporter(out, now);
  try {
    const report = await reconciler.run(range.since, range.until, (p) => progress.update(p));
    return `backfill: ${report.seen} calls seen, ${report.found} missing ones stored (the relay posts them), ${report.skipped} without a session id, ${report.quarantined} quarantined (see replay-quarantine)`;
  } finally {
    progress.stop();
  }
}
