import { toCallFacts } from '@ccc-kit/cdr-parser';
import { parseCdrPush } from '@ccc-kit/schemas';
import type { DigestFigures, DigestInput } from '@ccc-kit/slack-blocks';
import { addDays, aggregateCalls, type CallStats, dayStart, type StatsCall } from '@ccc-kit/stats';
import type { Store } from '../store/index.ts';

/** Pushes of a day's calls can arrive after it (reconciliation, retries): read this far past its end. */
const LATE_ARRIVALS_MS = 2 * 86_400_000;
const PAGE = 1_000;

/** Options of {@link dayStats}. */
export interface DayStatsOptions {
  readonly timeZone: string;
  readonly serviceLevelSeconds?: number;
}

/**
 * The stored calls that started in [from, to) (epoch ms), one page of pushes at a time: the store's inbox
 * holds one row per call session, so each call counts once. `keep` filters them (a skill group). A stored
 * body that no longer parses is skipped (it was validated at ingest; one bad row never takes the rest down).
 */
export async function* storedCalls(
  store: Pick<Store, 'digests'>,
  range: { readonly from: number; readonly to: number },
  keep: (call: StatsCall) => boolean = () => true,
): AsyncGenerator<StatsCall> {
  let after = 0;
  for (;;) {
    const page = await store.digests.callBodies(range.from, range.to + LATE_ARRIVALS_MS, after, PAGE);
    for (const row of page) {
      const call = parsed(row.body);
      const at = call?.startedAt?.getTime();
      if (call && at !== undefined && at >= range.from && at < range.to && keep(call)) yield call;
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]?.id ?? after;
  }
}

/** A call's facts for the stats; a call without a start time has no day and is left out. */
function parsed(body: string): StatsCall | null {
  try {
    const cdr = parseCdrPush(JSON.parse(body));
    return { ...toCallFacts(cdr), uui: cdr.Uui ?? null };
  } catch {
    return null;
  }
}

/** `@ccc-kit/stats` metrics of the calls that started on `day`, from the webhook's own store. */
export function dayStats(
  store: Pick<Store, 'digests'>,
  day: string,
  options: DayStatsOptions,
): Promise<CallStats> {
  const range = { from: dayStart(day, options.timeZone), to: dayStart(addDays(day, 1), options.timeZone) };
  return aggregateCalls(storedCalls(store, range), {
    timeZone: options.timeZone,
    ...(options.serviceLevelSeconds !== undefined
      ? { serviceLevelSeconds: options.serviceLevelSeconds }
      : {}),
  });
}

/** The digest's headline numbers of a day (inbound calls). */
export function figuresOf(stats: CallStats): DigestFigures {
  const inbound = stats.totals.inbound;
  return {
    offered: inbound.offered,
    answered: inbound.answered,
    missed: inbound.missed.total,
    answerRate: inbound.answerRate,
    serviceLevel: inbound.serviceLevel,
    waitP90: inbound.queueWait.p90,
    longestWait: inbound.queueWait.max,
  };
}

/** The skill group with the most missed calls (ties: the longest p90 wait); none when nothing was missed. */
export function worstGroupOf(stats: CallStats): DigestInput['worstGroup'] {
  const rows = stats.bySkillGroup.filter((row) => row.inbound.missed.total > 0);
  const worst = rows.sort(
    (a, b) =>
      b.inbound.missed.total - a.inbound.missed.total ||
      (b.inbound.queueWait.p90 ?? 0) - (a.inbound.queueWait.p90 ?? 0),
  )[0];
  return worst
    ? {
        name: worst.label,
        missed: worst.inbound.missed.total,
        offered: worst.inbound.offered,
        waitP90: worst.inbound.queueWait.p90,
      }
    : null;
}
