import { SlackBlocksError, SlackBlocksErrorCode } from './errors.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch (cause) {
      throw new SlackBlocksError(
        SlackBlocksErrorCode.InvalidTimeZone,
        `Unknown time zone "${timeZone}": expected an IANA name such as "Asia/Shanghai" or "UTC"`,
        { cause },
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Formats Unix milliseconds as `2026-11-20 10:03:12` in `timeZone` (default `UTC`): the transcript and
 * fallback format.
 *
 * @example
 * formatDateTime(1730443136000, 'Asia/Shanghai'); // '2024-11-01 14:38:56'
 */
export function formatDateTime(ms: number, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Throws {@link SlackBlocksError} `slack_blocks_invalid_time_zone` unless `Intl` knows `timeZone`. */
export function assertTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined) formatterFor(timeZone);
}

/** True when `timeZone` is a time zone `Intl` knows (for validating configuration up front). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
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
