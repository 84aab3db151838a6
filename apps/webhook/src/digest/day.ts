import { addDays, localTime } from '@ccc-kit/stats';

/** When the digest is due: `DIGEST_AT` as minutes, and the day it covers. */

/** `HH:MM` → minutes since midnight; null when it is not a time of day. */
export function minuteOfDay(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The day whose digest is due at `now`: yesterday (local), once the local time has reached `atMinute`;
 * null before that. Never an older day: a digest missed for longer than a day is not posted late.
 */
export function dueDay(now: number, timeZone: string, atMinute: number): string | null {
  const local = localTime(now, timeZone);
  return local.minute >= atMinute ? addDays(local.day, -1) : null;
}
