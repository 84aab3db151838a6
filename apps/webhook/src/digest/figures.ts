import { toCallFacts, toChatRecord } from '@ccc-kit/cdr-parser';
import { parseCdrPush, parseImCdrPush } from '@ccc-kit/schemas';
import type { DigestFigures, DigestInput } from '@ccc-kit/slack-blocks';
import {
  addDays,
  aggregateCalls,
  aggregateChats,
  type CallStats,
  type ChatStats,
  dayStart,
  type StatsCall,
  type StatsChat,
} from '@ccc-kit/stats';
import type { Store } from '../store/index.ts';

/** Pushes of a day's calls can arrive after it (reconciliation, retries): read this far past its end. */
const LATE_ARRIVALS_MS = 2 * 86_400_000;
const PAGE = 1_000;

/** Options of {@link dayStats}. */
export interface DayStatsOptions {
  readonly timeZone: string;
  readonly serviceLevelSeconds?: number;
}

type Range = { readonly from: number; readonly to: number };
type BodyPage = Store['digests']['callBodies'];

/**
 * The stored records that started in [from, to) (epoch ms), one page of pushes at a time: the store's inbox
 * holds one row per session, so each counts once. `keep` filters them (a skill group). A stored body that no
 * longer parses is skipped (it was validated at ingest; one bad row never takes the rest down).
 */
async function* storedRecords<T extends { readonly startedAt: Date | null }>(
  page: BodyPage,
  parse: (body: string) => T | null,
  range: Range,
  keep: (record: T) => boolean,
): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await page(range.from, range.to + LATE_ARRIVALS_MS, after, PAGE);
    for (const row of rows) {
      const record = parse(row.body);
      const at = record?.startedAt?.getTime();
      if (record && at !== undefined && at >= range.from && at < range.to && keep(record)) yield record;
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/** The stored calls that started in the range (see {@link storedRecords}). */
export function storedCalls(
  store: Pick<Store, 'digests'>,
  range: Range,
  keep: (call: StatsCall) => boolean = () => true,
): AsyncGenerator<StatsCall> {
  return storedRecords((...page) => store.digests.callBodies(...page), parsedCall, range, keep);
}

/**
 * The stored chats (IM CDR pushes) that started in the range. A push carries no rating, so their
 * `satisfaction` is unknown here (Desk's session list has it).
 */
export function storedChats(
  store: Pick<Store, 'digests'>,
  range: Range,
  keep: (chat: StatsChat) => boolean = () => true,
): AsyncGenerator<StatsChat> {
  return storedRecords((...page) => store.digests.chatBodies(...page), parsedChat, range, keep);
}

/** A call's facts for the stats; a call without a start time has no day and is left out. */
function parsedCall(body: string): StatsCall | null {
  try {
    const cdr = parseCdrPush(JSON.parse(body));
    return { ...toCallFacts(cdr), uui: cdr.Uui ?? null };
  } catch {
    return null;
  }
}

function parsedChat(body: string): StatsChat | null {
  try {
    return toChatRecord(parseImCdrPush(JSON.parse(body)));
  } catch {
    return null;
  }
}

/** The epoch-ms range of a calendar day in a time zone. */
const dayRange = (day: string, timeZone: string): Range => ({
  from: dayStart(day, timeZone),
  to: dayStart(addDays(day, 1), timeZone),
});

const statsOptions = (options: DayStatsOptions) => ({
  timeZone: options.timeZone,
  ...(options.serviceLevelSeconds !== undefined ? { serviceLevelSeconds: options.serviceLevelSeconds } : {}),
});

/** `@ccc-kit/stats` metrics of the calls that started on `day`, from the webhook's own store. */
export function dayStats(
  store: Pick<Store, 'digests'>,
  day: string,
  options: DayStatsOptions,
): Promise<CallStats> {
  return aggregateCalls(storedCalls(store, dayRange(day, options.timeZone)), statsOptions(options));
}

/** `@ccc-kit/stats` metrics of the chats that started on `day`, from the webhook's own store. */
export function dayChatStats(
  store: Pick<Store, 'digests'>,
  day: string,
  options: DayStatsOptions,
): Promise<ChatStats> {
  return aggregateChats(storedChats(store, dayRange(day, options.timeZone)), statsOptions(options));
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
