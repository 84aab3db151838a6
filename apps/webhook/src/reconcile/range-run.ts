import { isStoreError, StoreErrorCode } from '../store/errors.ts';
import type { IngestItem } from '../store/types.ts';
import type { RowSource } from './sources.ts';
import type { KindReport, ReconcilerOptions } from './types.ts';

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
  readonly report: KindReport;
}

/** Reconciles one kind over `[start, end)`, telling progress after every page. */
export type KindRun = (
  start: Date,
  end: Date,
  onProgress?: (progress: RangeProgress) => void,
) => Promise<KindReport>;

type Counts = { seen: number; found: number; skipped: number; quarantined: number };

/**
 * Reconciles one kind of session (`source`: calls or chats) over `[start, end)`, in windows Tencent
 * accepts, submitting every session found. One bad row never stops a run: a row the router cannot read,
 * or one the database refuses on its own values, goes to the quarantine with the reason
 * (`replay-quarantine` re-parses it with a later version) and the run goes on. Only a failure of Tencent's
 * API or of the store as a whole ends the run (the next one retries the range).
 */
export function createKindRun<Row>(
  options: ReconcilerOptions,
  now: () => number,
  source: RowSource<Row>,
): KindRun {
  const keep = async (body: string, code: string, message: string): Promise<void> => {
    await options.quarantine?.({ kind: source.kind, body, reason: { code, message } });
    options.logger.warn(
      { reason: code },
      `reconciliation: a ${source.action} row was quarantined: ${message}`,
    );
  };
  const store = async (item: IngestItem, report: Counts): Promise<void> => {
    const outcome = await options.submit(item).catch(async (error: unknown) => {
      if (!isStoreError(error) || error.code !== StoreErrorCode.RefusedItem) throw error;
      report.quarantined++;
      await keep(item.body, error.code, error.message);
      return 'refused' as const;
    });
    if (outcome !== 'stored') return;
    report.found++;
    source.onFound?.();
    const what = source.kind === 'cdr' ? 'a call' : 'a chat';
    options.logger.info({ sessionId: item.sessionId }, `reconciliation found ${what} no push delivered`);
  };
  const one = async (row: Row, until: number, report: Counts): Promise<void> => {
    report.seen++;
    const prepared = source.prepare(row, now(), until);
    if ('skipped' in prepared) report.skipped++;
    else if ('refused' in prepared) {
      report.quarantined++;
      await keep(prepared.body, prepared.refused.code, prepared.refused.message);
    } else await store(prepared.item, report);
  };
  return async (start, end, onProgress) => {
    const report: Counts = { seen: 0, found: 0, skipped: 0, quarantined: 0 };
    const totalMs = end.getTime() - start.getTime();
    const windows = Math.ceil(totalMs / MAX_WINDOW_MS);
    for (let window = 1; window <= windows; window++) {
      const from = start.getTime() + (window - 1) * MAX_WINDOW_MS;
      const to = Math.min(end.getTime(), from + MAX_WINDOW_MS);
      let page = 0;
      for await (const { rows, total } of source.list(new Date(from), new Date(to))) {
        for (const row of rows) await one(row, end.getTime(), report);
        page++;
        const pages = Math.max(page, Math.ceil(total / source.pageSize));
        const doneMs = from - start.getTime() + ((to - from) * page) / pages;
        onProgress?.({ doneMs, totalMs, window, windows, page, pages, report: { ...report } });
      }
    }
    return report;
  };
}
