import type { QuarantineEviction, QuarantineInput } from './types.ts';

/** `body_size` is a 32-bit column; a declared Content-Length can claim more than that. */
const MAX_RECORDED_SIZE = 2 ** 31 - 1;

/**
 * A quarantine body as bytes, cut to `maxBytes`, with its original size. A body the HTTP layer already cut
 * (`receivedBytes` larger than what it kept) is truncated too, whatever `maxBytes` is.
 */
function truncateBody(
  item: QuarantineInput,
  maxBytes: number,
): { bytes: Buffer; size: number; truncated: boolean } {
  // A view, not a copy: an oversized body can be megabytes.
  const all =
    typeof item.body === 'string'
      ? Buffer.from(item.body, 'utf8')
      : Buffer.from(item.body.buffer, item.body.byteOffset, item.body.byteLength);
  const size = Math.min(Math.max(all.length, item.receivedBytes ?? 0), MAX_RECORDED_SIZE);
  const cut = all.length > maxBytes;
  return {
    bytes: cut ? all.subarray(0, maxBytes) : all,
    size,
    truncated: cut || (item.receivedBytes ?? 0) > all.length,
  };
}

/** Columns of a new quarantine row, in the order both engines insert them. */
export function quarantineValues(item: QuarantineInput, maxBytes: number): unknown[] {
  const { bytes, size, truncated } = truncateBody(item, maxBytes);
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

/** What inserting a quarantine row did: its id, and the oldest rows deleted to stay within the limit. */
export interface QuarantineWrite {
  readonly id: number;
  readonly eviction: QuarantineEviction | null;
}

/** The eviction a `COUNT(*) AS n, MIN(received_at) AS oldest` row describes; null when nothing went. */
export function toEviction(row: Record<string, unknown> | undefined): QuarantineEviction | null {
  const rows = Number(row?.n ?? 0);
  return rows > 0 ? { rows, oldestReceivedAt: Number(row?.oldest) } : null;
}

/** Statements of the replay, the same on both engines (Postgres appends `FOR UPDATE` to the select). */
export const REPLAY_SQL = {
  select: 'SELECT * FROM quarantine WHERE id = $1',
  remove: 'DELETE FROM quarantine WHERE id = $1',
} as const;
