import type { CccClient } from '@ccc-kit/ccc-client';
import { toCallFacts } from '@ccc-kit/cdr-parser';
import { type CdrPush, parseCdrPush, type TelCdrInfo } from '@ccc-kit/schemas';
import { type CallStats, createCallStats, type StatsCall } from '@ccc-kit/stats';

/** Where a Tencent read stands: pages read, pages in all (from the first page's `TotalCount`). */
export interface StatsProgress {
  readonly pages: number;
  readonly totalPages: number;
  readonly totalCalls: number;
}

/** A DescribeTelCdr row as the stats read it: its fields are those of a CDR push (the webhook stores them so). */
function parsedRow(row: TelCdrInfo): { readonly cdr: CdrPush; readonly call: StatsCall } | null {
  try {
    const cdr = parseCdrPush(row);
    return { cdr, call: { ...toCallFacts(cdr), uui: cdr.Uui ?? null } };
  } catch {
    return null;
  }
}

/**
 * `@ccc-kit/stats` of the calls Tencent recorded in a window (Unix seconds), read page by page with
 * DescribeTelCdr (100 calls a page, paced by the CCC client's per-action limit), aggregated as they come:
 * memory stays bounded whatever the range. Only calls that started in the window count (as in the webhook's
 * store), and of a skill group when `group` is given (its name, case-insensitive).
 */
export async function tencentStats(
  ccc: Pick<CccClient, 'iterateTelCdrPages'>,
  window: { readonly start: number; readonly end: number },
  options: {
    readonly timeZone: string;
    readonly group?: string | undefined;
    readonly onPage?: (progress: StatsProgress) => Promise<void> | void;
    /** Each call counted, as its validated row (the Home tab keeps each agent's last calls from the same read). */
    readonly onCall?: ((cdr: CdrPush, call: StatsCall) => void) | undefined;
  },
): Promise<{ readonly stats: CallStats; readonly pages: number }> {
  const stats = createCallStats({ timeZone: options.timeZone });
  const group = options.group?.toLowerCase();
  const [from, to] = [window.start * 1000, window.end * 1000];
  let pages = 0;
  for await (const page of ccc.iterateTelCdrPages({
    startTimestamp: window.start,
    endTimestamp: window.end,
  })) {
    pages += 1;
    for (const row of page.TelCdrList) {
      const parsed = parsedRow(row);
      const at = parsed?.call.startedAt?.getTime();
      if (!parsed || at === undefined || at < from || at >= to) continue;
      if (group !== undefined && parsed.call.skillGroup?.name?.toLowerCase() !== group) continue;
      stats.add(parsed.call);
      options.onCall?.(parsed.cdr, parsed.call);
    }
    const totalCalls = page.TotalCount ?? 0;
    await options.onPage?.({ pages, totalPages: Math.max(pages, Math.ceil(totalCalls / 100)), totalCalls });
  }
  return { stats: stats.result(), pages };
}
