import { formatTime, isValidTimeZone as knownTimeZone } from '@ccc-kit/cdr-parser';
import { SlackBlocksError, SlackBlocksErrorCode } from './errors.ts';

/**
 * Formats Unix milliseconds as `2026-11-20 10:03:12` in `timeZone` (default `UTC`): the transcript and
 * fallback format.
 *
 * @example
 * formatDateTime(1730443136000, 'Asia/Shanghai'); // '2024-11-01 14:38:56'
 */
export function formatDateTime(ms: number, timeZone = 'UTC'): string {
  assertTimeZone(timeZone);
  // cdr-parser's wall time without the zone name that it appends.
  return formatTime(new Date(ms), timeZone).slice(0, -(timeZone.length + 1));
}

/** Throws {@link SlackBlocksError} `slack_blocks_invalid_time_zone` unless `Intl` knows `timeZone`. */
export function assertTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined && !knownTimeZone(timeZone))
    throw new SlackBlocksError(
      SlackBlocksErrorCode.InvalidTimeZone,
      `Unknown time zone "${timeZone}": expected an IANA name such as "Asia/Shanghai" or "UTC"`,
    );
}

/** True when `timeZone` is a time zone `Intl` knows (for validating configuration up front). */
export function isValidTimeZone(timeZone: string): boolean {
  return knownTimeZone(timeZone);
}

/**
 * A Slack date token: each reader sees the time in their own Slack time zone; clients that cannot render it
 * show the fallback, written in `timeZone` with the zone named.
 *
 * @example
 * slackDate(1730443136, 'UTC');
 * // '<!date^1730443136^{date_short_pretty} {time_secs}|2024-11-01 06:38:56 UTC>'
 */
export function slackDate(unixSeconds: number, timeZone = 'UTC'): string {
  const seconds = Math.floor(unixSeconds);
  const fallback = `${formatDateTime(seconds * 1000, timeZone)} ${timeZone}`;
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${fallback}>`;
}

/** Plain fallback form of {@link slackDate}, for the top-level `text` and plain-text renderings. */
export function plainDate(unixSeconds: number, timeZone = 'UTC'): string {
  return `${formatDateTime(Math.floor(unixSeconds) * 1000, timeZone)} ${timeZone}`;
}

/** A short time token (`{time_secs}` only) for timeline lines of one call. */
export function slackTime(unixSeconds: number, timeZone = 'UTC'): string {
  const seconds = Math.floor(unixSeconds);
  const fallback = formatDateTime(seconds * 1000, timeZone).slice(11);
  return `<!date^${seconds}^{time_secs}|${fallback}>`;
}
