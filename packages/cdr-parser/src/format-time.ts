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

/** `2023-02-23 16:14:28 UTC`-style wall time in `timeZone` (an IANA zone name). */
export function formatTime(date: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${timeZone}`;
}
