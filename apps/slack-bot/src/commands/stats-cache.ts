import type { ChatTotals } from '@ccc-kit/slack-blocks';
import { LRUCache } from 'lru-cache';
import type { StatsView } from './stats-view.ts';

/** A range's stats, where they come from in words; a read of Tencent's records is what Share shows again. */
export interface StatsRead {
  readonly view: StatsView;
  readonly chats: ChatTotals | null;
  readonly source: string;
}

/** Reads of Tencent's records kept for Share, by range, group and time zone. */
export type StatsReadCache = LRUCache<string, StatsRead>;

/** How long a read stays shareable without a new one: a range ending in the past does not change. */
const TTL_MS = 15 * 60_000;
/** A read is a few kilobytes; a few dozen cover every recent request of a workspace. */
const MAX_READS = 32;

/**
 * The cache of `/ccc stats` reads from Tencent (the webhook's store is cheap and is not cached): a 90-day
 * range is thousands of DescribeTelCdr pages, and **Share** repeats the request it was asked for. The clock is
 * the bot's (`now`), so tests move it.
 *
 * @example
 * const cache = createStatsReadCache(Date.now);
 */
export function createStatsReadCache(now: () => number): StatsReadCache {
  // ttlResolution 0: ask `now` at every look-up; the default caches it for a millisecond of real time,
  // which a virtual clock (tests) jumps across.
  return new LRUCache<string, StatsRead>({ max: MAX_READS, ttl: TTL_MS, ttlResolution: 0, perf: { now } });
}

/** The key of a read: the same window (Unix seconds), group and day boundaries. */
export const statsReadKey = (
  window: { readonly start: number; readonly end: number },
  group: string | undefined,
  timeZone: string,
): string => JSON.stringify([window.start, window.end, group?.toLowerCase() ?? null, timeZone]);
