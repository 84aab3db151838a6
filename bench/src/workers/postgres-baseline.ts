import pg from 'pg';
import { type MinimalPush, serveMinimal } from './minimal-receiver.ts';

// The minimal durable PostgreSQL receiver, the baseline of the `ingest-postgres` figure: the fastest honest
// server we could write for the webhook's guarantee (a push is acked only after its transaction committed,
// with `synchronous_commit` left at the server's default, on: the commit waits for the WAL flush). Same
// durable work as the webhook and nothing more: JSON.parse, dedupe by push id, one inbox row and one outbox
// row per push, a group commit of one multi-row statement per batch, then answer. No auth, routing,
// validation, quarantine, advisory locks, metrics or relay.
// Usage: node postgres-baseline.mjs <port> <database URL> [batches in flight, default 4]
// The URL chooses the schema (`options=-csearch_path=…`); the figure creates and drops it.

/**
 * Batches committing at once. One at a time leaves this process idle for each batch's round trip and WAL
 * flush; with a few, the next batch is sent while the previous one commits, and PostgreSQL flushes the WAL
 * of concurrent commits together. 4 is also the webhook's own PostgreSQL setting (apps/webhook/src/app.ts),
 * so both sides have the same parallelism; more only adds PostgreSQL backends competing for the same two
 * cores (measured: bench/README.md, "ingest-postgres").
 */
const DEFAULT_IN_FLIGHT = 4;

/** The one channel every outbox row goes to: no routing. */
const CHANNEL = 'C0CALLS';

// The outbox has the one index a relay needs to find due rows; without it the outbox would be write-only.
// No foreign key: both rows are written by the same statement, so it could never fail here.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS inbox (
    id bigserial PRIMARY KEY,
    push_id text NOT NULL UNIQUE,
    session_id text NOT NULL,
    kind text NOT NULL,
    body text NOT NULL,
    received_at bigint NOT NULL
  );
  CREATE TABLE IF NOT EXISTS outbox (
    id bigserial PRIMARY KEY,
    inbox_id bigint NOT NULL,
    channel text NOT NULL,
    state text NOT NULL,
    next_at bigint NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_at) WHERE state = 'pending';`;

/**
 * A whole batch in one statement, hence one round trip and one transaction (a statement outside BEGIN
 * commits on its own): the inbox rows from arrays, skipping push ids already stored (or repeated earlier
 * in the batch), then one outbox row for each inbox row actually inserted. Named, so each pooled
 * connection parses and plans it once.
 */
const INGEST = {
  name: 'minimal_ingest',
  text: `WITH ins AS (
      INSERT INTO inbox (push_id, session_id, kind, body, received_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
      ON CONFLICT (push_id) DO NOTHING
      RETURNING id, push_id, received_at),
    out AS (
      INSERT INTO outbox (inbox_id, channel, state, next_at)
      SELECT id, '${CHANNEL}', 'pending', received_at FROM ins)
    SELECT push_id FROM ins`,
};

/** Commits one batch; true for each push stored now, false for a duplicate. */
async function commitBatch(pool: pg.Pool, pushes: readonly MinimalPush[]): Promise<boolean[]> {
  const { rows } = await pool.query<{ push_id: string }>({
    ...INGEST,
    values: [
      pushes.map((p) => p.pushId),
      pushes.map((p) => p.sessionId),
      pushes.map((p) => p.kind),
      pushes.map((p) => p.body),
      pushes.map((p) => p.receivedAt),
    ],
  });
  // A push id repeated within the batch was inserted once: the first occurrence is the stored one.
  const inserted = new Set(rows.map((row) => row.push_id));
  return pushes.map((p) => inserted.delete(p.pushId));
}

const url = process.argv[3];
if (!url) throw new Error('usage: postgres-baseline <port> <database URL> [in flight]');
const inFlight = Number(process.argv[4] ?? DEFAULT_IN_FLIGHT);
// One connection per batch in flight: a batch never waits for a connection, and none sits idle.
const pool = new pg.Pool({ connectionString: url, max: inFlight });
await pool.query(SCHEMA);
serveMinimal({
  port: Number(process.argv[2] ?? 0),
  commit: (pushes) => commitBatch(pool, pushes),
  inFlight,
  close: () => pool.end(),
});
