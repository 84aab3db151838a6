import { CdrParserError, CdrParserErrorCode } from './errors.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
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
      throw new CdrParserError(CdrParserErrorCode.InvalidOption, `Unknown timeZone "${timeZone}"`, { cause });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws `cdr_parser_invalid_option` unless `timeZone` is an IANA zone Intl knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/**
 * True when `Intl` knows `timeZone` (an IANA name such as `Asia/Shanghai`, or `UTC`).
 *
 * @example
 * isValidTimeZone('Asia/Shanghai'); // true
 */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * `2023-02-23 16:14:28 UTC`-style wall time in `timeZone` (an IANA zone name), the zone named last.
 *
 * @throws {CdrParserError} `cdr_parser_invalid_option` for a zone `Intl` does not know.
 * @example
 * formatTime(new Date(1730443136000), 'Asia/Shanghai'); // '2024-11-01 14:38:56 Asia/Shanghai'
 */
export function formatTime(date: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${timeZone}`;
}
