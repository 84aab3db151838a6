import { CccClientErrorCode, CccError } from './errors.ts';
import type { CccTime } from './types.ts';

const DAY = 86_400;
/** Documented limits of the CCC record queries. */
export const CCC_WINDOW_LIMITS: { readonly maxAgeDays: number; readonly maxSpanDays: number } = {
  /** The start may be at most 180 days in the past. */
  maxAgeDays: 180,
  /** `end - start` must be less than 90 days. */
  maxSpanDays: 90,
};

/** Unix seconds of a `Date` or of an integer number of seconds. */
export function toUnixSeconds(value: CccTime, name: string, action: string): number {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new CccError(
      CccClientErrorCode.InvalidWindow,
      `${action}: ${name} must be a valid Date or non-negative integer Unix seconds (got ${String(value)})`,
      { action },
    );
  }
  // 1e11 s is the year 5138: such a number is certainly milliseconds passed by mistake.
  if (seconds >= 100_000_000_000) {
    throw new CccError(
      CccClientErrorCode.InvalidWindow,
      `${action}: ${name} ${seconds} looks like milliseconds; pass Unix seconds or a Date`,
      { action },
    );
  }
  return seconds;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/**
 * Checks a record-query window before any request is sent: start <= end, start within the last 180 days,
 * end - start < 90 days. Returns the window in Unix seconds.
 */
export function checkWindow(
  start: CccTime,
  end: CccTime,
  nowMs: number,
  action: string,
): { readonly start: number; readonly end: number } {
  const s = toUnixSeconds(start, 'startTimestamp', action);
  const e = toUnixSeconds(end, 'endTimestamp', action);
  const fail = (why: string): never => {
    throw new CccError(CccClientErrorCode.InvalidWindow, `${action}: ${why}`, { action });
  };
  if (s > e) fail(`startTimestamp ${iso(s)} is after endTimestamp ${iso(e)}`);
  const oldest = Math.floor(nowMs / 1000) - CCC_WINDOW_LIMITS.maxAgeDays * DAY;
  if (s < oldest)
    fail(`startTimestamp ${iso(s)} is more than 180 days ago (earliest allowed ${iso(oldest)})`);
  if (e - s >= CCC_WINDOW_LIMITS.maxSpanDays * DAY) {
    fail(`the window ${iso(s)} – ${iso(e)} must be shorter than 90 days`);
  }
  return { start: s, end: e };
}
