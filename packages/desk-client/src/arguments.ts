import { invalidArgument } from './errors.ts';

/** Tencent's maximum `Limit` for Desk list commands. */
export const MAX_LIMIT = 100;

/** Validates a page size: an integer 1..100 (Tencent answers 141004 otherwise). */
export function checkLimit(limit: number | undefined, command: string): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw invalidArgument(
      `limit must be an integer from 1 to ${MAX_LIMIT} (Tencent's maximum), got ${limit}`,
      command,
    );
  return limit;
}

/** Validates an offset: an integer ≥ 0. */
export function checkOffset(offset: number | undefined, command: string): number | undefined {
  if (offset === undefined) return undefined;
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidArgument(`offset must be an integer ≥ 0, got ${offset}`, command);
  return offset;
}

/** Validates a window of Unix seconds; catches millisecond values, the usual mistake. */
export function checkWindow(start: number, end: number, command: string): void {
  for (const [name, value] of [
    ['startTimestamp', start],
    ['endTimestamp', end],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw invalidArgument(`${name} must be Unix seconds (integer ≥ 0), got ${value}`, command);
    if (value > 99_999_999_999)
      throw invalidArgument(`${name} ${value} looks like milliseconds; Desk expects Unix seconds`, command);
  }
  if (start > end) throw invalidArgument(`startTimestamp ${start} is after endTimestamp ${end}`, command);
}

/** Validates a required non-empty string argument. */
export function checkId(name: string, value: unknown, command: string): string {
  if (typeof value !== 'string' || value === '')
    throw invalidArgument(`${name} must be a non-empty string`, command);
  return value;
}
