import { type QuarantineWrite, REPLAY_SQL, toEviction } from './quarantine-values.ts';
import { toQuarantineRow } from './row-mapping.ts';
import { SQL } from './sql.ts';
import { ingestOneSqlite, type SqliteSql } from './sqlite-ops.ts';
import type { IngestItem, QuarantineReplayOutcome, QuarantineRow } from './types.ts';
import { assertIngestItems } from './validation.ts';

// The newest row beyond the `limit` newest: it and every older row go. Counted before the delete (the
// single writer holds the lock), so the count and the oldest receive time are exactly what was deleted.
const EVICT_FROM = 'SELECT id FROM quarantine ORDER BY id DESC LIMIT 1 OFFSET $1';
const EVICTED = 'SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM quarantine WHERE id <= $1';
const EVICT = 'DELETE FROM quarantine WHERE id <= $1';

/** Inserts a quarantine row and trims the table to the newest `limit` rows, inside the caller's transaction. */
export function quarantineSqlite(sql: SqliteSql, values: unknown[], limit: number): QuarantineWrite {
  const id = Number(sql.get(SQL.insertQuarantine, ...values)?.id);
  const cut = sql.get(EVICT_FROM, limit);
  if (!cut) return { id, eviction: null };
  const eviction = toEviction(sql.get(EVICTED, cut.id));
  sql.run(EVICT, cut.id);
  return { id, eviction };
}

/** See `Store.ingestQuarantined`; runs inside the caller's IMMEDIATE transaction. */
export function ingestQuarantinedSqlite(
  sql: SqliteSql,
  id: number,
  prepare: (row: QuarantineRow) => IngestItem | null,
): QuarantineReplayOutcome | null {
  const row = sql.get(REPLAY_SQL.select, id);
  if (!row) return null;
  const item = prepare(toQuarantineRow(row));
  if (!item) return 'kept';
  assertIngestItems([item]);
  const outcome = ingestOneSqlite(sql, item);
  sql.run(REPLAY_SQL.remove, id);
  return outcome;
}
