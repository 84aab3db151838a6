import { isStoreError, StoreErrorCode } from '../store/errors.ts';
import { prepareCall } from './rows.ts';
import type { ReconcileReport, ReconcilerOptions } from './types.ts';

/** Tencent allows windows shorter than 90 days: longer ranges are walked in chunks. */
const MAX_WINDOW_MS = 89 * 86_400_000;

/** Progress of a range run, told after every call it read and at the end of every window. */
export interface RangeProgress {
  /** Milliseconds of the range covered so far, and the range's length. */
  readonly doneMs: number;
  readonly totalMs: number;
  readonly report: ReconcileReport;
}

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
    for (let from = start.getTime(); from < end.getTime(); from += MAX_WINDOW_MS) {
      const to = Math.min(end.getTime(), from + MAX_WINDOW_MS);
      for await (const call of options.listCalls(new Date(from), new Date(to))) {
        await one(call, report);
        onProgress?.({ doneMs: from - start.getTime(), totalMs, report: { ...report } });
      }
      onProgress?.({ doneMs: to - start.getTime(), totalMs, report: { ...report } });
    }
    return report;
  };
}
