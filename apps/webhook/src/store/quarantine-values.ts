import type { QuarantineInput } from './types.ts';

/** A quarantine body as bytes, cut to `maxBytes`, with its original size. */
function truncateBody(
  body: string | Uint8Array,
  maxBytes: number,
): { bytes: Buffer; size: number; truncated: boolean } {
  const all = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const truncated = all.length > maxBytes;
  return { bytes: truncated ? all.subarray(0, maxBytes) : all, size: all.length, truncated };
}

/** Columns of a new quarantine row, in the order both engines insert them. */
export function quarantineValues(item: QuarantineInput, maxBytes: number): unknown[] {
  const { bytes, size, truncated } = truncateBody(item.body, maxBytes);
  return [
    item.pushId,
    item.action,
    item.query,
    item.reason.code,
    item.reason.message,
    bytes,
    // 1/0 rather than a boolean: better-sqlite3 cannot bind booleans and Postgres reads '1'/'0' as boolean.
    truncated ? 1 : 0,
    size,
    item.receivedAt,
  ];
}
