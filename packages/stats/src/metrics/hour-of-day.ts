const HOUR_MS = 3_600_000;
/** Every UTC offset in use is a whole number of quarter hours, and zones change offset on a quarter hour. */
const SLOT_MS = 900_000;
/** Bound of the per-slot cache: about 100 days of quarter hours. */
const MAX_CACHED_SLOTS = 10_000;

/** Local hour (0–23) of an instant; `-1` for a missing or invalid date. */
export type HourOf = (date: Date | null | undefined) => number;

/**
 * The hour-of-day function of a time zone (already checked by `resolveOptions`). Formatting with Intl costs
 * microseconds, too slow for 150,000 records, so the local hour is computed once per quarter hour of UTC
 * and cached: within a quarter hour the local hour cannot change (see `SLOT_MS`). UTC needs no Intl at all.
 */
export function createHourOf(canonicalZone: string): HourOf {
  if (canonicalZone === 'UTC') return utcHourOf;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: canonicalZone,
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const cache = new Map<number, number>();
  return (date) => {
    const ms = date ? date.getTime() : Number.NaN;
    if (!Number.isFinite(ms)) return -1;
    const slot = Math.floor(ms / SLOT_MS);
    let hour = cache.get(slot);
    if (hour === undefined) {
      // Some ICU versions print midnight as 24 even with h23.
      hour = Number(format.format(slot * SLOT_MS)) % 24;
      if (cache.size >= MAX_CACHED_SLOTS) cache.clear();
      cache.set(slot, hour);
    }
    return hour;
  };
}

function utcHourOf(date: Date | null | undefined): number {
  const ms = date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) return -1;
  const hour = Math.floor(ms / HOUR_MS) % 24;
  return hour < 0 ? hour + 24 : hour;
}

/** `00`…`23`: the keys of the `byHour` rows. */
export const HOUR_KEYS: readonly string[] = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
