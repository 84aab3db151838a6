import { isStoreError, StoreErrorCode } from '../store/errors.ts';
import { prepareCall } from './rows.ts';
import type { ReconcileReport, ReconcilerOptions } from './types.ts';

/** Tencent allows windows shorter than 90 days: longer ranges are walked in chunks. */
const MAX_WINDOW_MS = 89 * 86_400_000;

/** Progress of a range run, told after every page it read. */
export interface RangeProgress {
  /** Milliseconds of the range whose windows are done, and the range's length. */
  readonly doneMs: number;
  readonly totalMs: number;
  /** The window being read (1-based) and how many the range takes (Tencent's windows are < 90 days). */
  readonly window: number;
  readonly windows: number;
  /** Pages of the current window read so far, and how many it has (from its `TotalCount`). */
  readonly page: number;
  readonly pages: number;
  readonly report: ReconcileReport;
}

/** Calls per DescribeTelCdr page (the most Tencent returns). */
const PAGE_SIZE = 100;

/** The running counts of a range run. */
function counts() {
  return { seen: 0, found: 0, skipped: 0, quarantined: 0 };
}

/**
 * Reconciles `[start, end)`, in windows Tencent accepts, submitting every call found. One bad row never
 * stops a run: a row the router cannot read, or one the database refuses on its own values, goes to the
 * quarantine with the reason (`replay-quarantine` re-parses it with a later version) and the run goes on.
 * Only a failure of Tencent's API or of the store as a whole ends the run (the next one retries the range).
 */
export function createRangeRun(options: ReconcilerOptions, now: () => number) {
  const keep = async (body: string, code: string, message: string): Promise<void> => {
    await options.quarantine?.({ body, reason: { code, message } });
    options.logger.warn({ reason: code }, `reconciliation: a DescribeTelCdr row was quarantined: ${message}`);
  };
  const one = async (call: Parameters<typeof prepareCall>[0], report: ReturnType<typeof counts>) => {
    report.seen++;
    const prepared = prepareCall(call, now(), options.routeFor);
    if ('skipped' in prepared) report.skipped++;
    else if ('refused' in prepared) {
      report.quarantined++;
      await keep(prepared.body, prepared.refused.code, prepared.refused.message);
    } else {
      const outcome = await options.submit(prepared.item).catch(async (error: unknown) => {
        if (!isStoreError(error) || error.code !== StoreErrorCode.RefusedItem) throw error;
        report.quarantined++;
        await keep(prepared.item.body, error.code, error.message);
        return 'refused' as const;
      });
      if (outcome === 'stored') {
        report.found++;
        options.metrics.reconcileFound.inc();
        options.logger.info(
          { sessionId: prepared.item.sessionId },
          'reconciliation found a call no push delivered',
        );
      }
    }
  };
  return async (
    start: Date,
    end: Date,
    onProgress?: (progress: RangeProgress) => void,
  ): Promise<ReconcileReport> => {
    const report = counts();
    const totalMs = end.getTime() - start.getTime();
    const windows = Math.ceil(totalMs / MAX_WINDOW_MS);
    for (let window = 1; window <= windows; window++) {
      const from = start.getTime() + (window - 1) * MAX_WINDOW_MS;
      const to = Math.min(end.getTime(), from + MAX_WINDOW_MS);
      let page = 0;
      for await (const { calls, total } of options.listCalls(new Date(from), new Date(to))) {
        for (const call of calls) await one(call, report);
        page++;
        const pages = Math.max(page, Math.ceil(total / PAGE_SIZE));
        const doneMs = from - start.getTime() + ((to - from) * page) / pages;
        onProgress?.({ doneMs, totalMs, window, windows, page, pages, report: { ...report } });
      }
    }
    return report;
  };
}
