import type pg from 'pg';
import { ingestPostgres } from './postgres-ingest.ts';
import { inTransaction } from './postgres-ops.ts';
import { type QuarantineWrite, REPLAY_SQL, toEviction } from './quarantine-values.ts';
import { toQuarantineRow } from './row-mapping.ts';
import { SQL } from './sql.ts';
import type { IngestItem, QuarantineReplayOutcome, QuarantineRow } from './types.ts';
import { assertIngestItems } from './validation.ts';

// RETURNING counts only the rows this transaction deleted: two replicas trimming at once never count one
// eviction twice.
const EVICT = `WITH gone AS (
    DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine ORDER BY id DESC OFFSET $1)
    RETURNING received_at)
  SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM gone`;

/** Inserts a quarantine row and trims the table to the newest `limit` rows, in one transaction. */
export function quarantinePostgres(
  pool: pg.Pool,
  values: unknown[],
  limit: number,
): Promise<QuarantineWrite> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<Record<string, unknown>>(SQL.insertQuarantine, values);
    const gone = await client.query<Record<string, unknown>>(EVICT, [limit]);
    return { id: Number(rows[0]?.id), eviction: toEviction(gone.rows[0]) };
  });
}

/**
 * See `Store.ingestQuarantined`. The row is locked first (`FOR UPDATE`): a second replay of the same row
 * waits, then finds it gone.
 */
export function ingestQuarantinedPostgres(
  pool: pg.Pool,
  id: number,
  prepare: (row: QuarantineRow) => IngestItem | null,
): Promise<QuarantineReplayOutcome | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<Record<string, unknown>>(`${REPLAY_SQL.select} FOR UPDATE`, [id]);
    if (!rows[0]) return null;
    const item = prepare(toQuarantineRow(rows[0]));
    if (!item) return 'kept';
    assertIngestItems([item]);
    const [outcome] = await ingestPostgres(client, [item]);
    await client.query(REPLAY_SQL.remove, [id]);
    return outcome ?? 'duplicate';
  });
}
