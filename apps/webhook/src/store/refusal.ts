import { StoreError, StoreErrorCode } from './errors.ts';
import type { IngestItem } from './types.ts';

// The failures a value of one item causes, whatever else is in its transaction. PostgreSQL: SQLSTATE class
// 22 (data exception: 22021 a NUL character or bytes that are not UTF-8, 22001 a value too long for its
// column, 22P05 a character the encoding lacks) and 54000 (an index row beyond about 2.7 KB). SQLite stores
// any text of any length up to 1 GB; its equivalents are listed for completeness.
const SQLITE_ITEM_CODES: ReadonlySet<string> = new Set([
  'SQLITE_TOOBIG',
  'SQLITE_MISMATCH',
  'SQLITE_CONSTRAINT_CHECK',
  'SQLITE_CONSTRAINT_NOTNULL',
]);

/** The driver's code of `error` or of an error it wraps (`cause`), e.g. `22021` or `SQLITE_TOOBIG`. */
function driverCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StoreError) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** True when the database refused a value of one item (see {@link StoreErrorCode.RefusedItem}). */
export function isItemRefusal(error: unknown): boolean {
  const code = driverCode(error);
  if (code === undefined) return false;
  return /^22[0-9A-Z]{3}$/.test(code) || code === '54000' || SQLITE_ITEM_CODES.has(code);
}

/** The item's text values, under the names an operator knows them by. */
function textValues(item: IngestItem): [string, string][] {
  const values: [string, string | null | undefined][] = [
    ['SessionId', item.sessionId],
    ['dedupe key', item.dedupeKey],
    ['push id (X-TCCC-PUSH-UUID)', item.pushId],
    ['body', item.body],
    ...item.deliveries.flatMap((d): [string, string | null | undefined][] => [
      ['delivery channel', d.channel],
      ['delivery mention', d.mention],
    ]),
  ];
  return values.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** What the database could not store, named without echoing the value (it may be huge or binary). */
function describe(code: string, item: IngestItem): string {
  const values = textValues(item);
  if (code === '22021' || code === '22P05') {
    const withNul = values.find(([, value]) => value.includes('\u0000'));
    if (withNul) return `${withNul[0]} contains a NUL character (U+0000), which PostgreSQL text cannot hold`;
    return `a text value is not valid UTF-8 for the database (SQLSTATE ${code})`;
  }
  if (code === '54000') {
    // The indexed keys; the longest is the one over the limit.
    const keys = values.filter(([name]) => name !== 'body' && name !== 'delivery mention');
    const [name, value] = keys.reduce((a, b) => (Buffer.byteLength(b[1]) > Buffer.byteLength(a[1]) ? b : a));
    const bytes = Buffer.byteLength(value).toLocaleString('en-US');
    return `${name} is ${bytes} bytes, beyond PostgreSQL's index row limit (about 2.7 KB)`;
  }
  return `the database refused a value of it (${code})`;
}

/**
 * The error of an item the database refused (`webhook_store_refused_item`), naming what was wrong; the
 * driver's error stays as `cause` (for the log), its text is not in the message (that goes to Tencent and
 * the quarantine).
 */
export function refusedItemError(error: unknown, item: IngestItem): StoreError {
  const code = driverCode(error) ?? 'unknown';
  return new StoreError(
    StoreErrorCode.RefusedItem,
    `The database cannot store this push: ${describe(code, item)}`,
    { cause: error },
  );
}
