/**
 * The daily digests (Postgres `$n` placeholders, rewritten for SQLite). One row per day, keyed
 * `digest:<YYYY-MM-DD>`: queueing twice is a no-op, and a conditional claim gives the row to one replica.
 *
 * Why not the outbox: outbox rows belong to an inbox row (a push), and the inbox's `kind` CHECK cannot be
 * widened on SQLite without rebuilding the inbox table with foreign keys off, which a migration running in
 * one transaction cannot do. The digest keeps the outbox's guarantees with its own row: queued once,
 * claimed under a lease, marked sent with its `ts`, and looked up in the channel (its message metadata)
 * before a second attempt, so a post whose answer was lost is not posted again.
 */
export const DIGEST_SQL = {
  // $1 key, $2 day, $3 channel, $4 now.
  queue: `INSERT INTO digests (dedupe_key, day, channel, state, attempts, next_at, created_at)
    VALUES ($1, $2, $3, 'pending', 0, $4, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
  get: `SELECT * FROM digests WHERE dedupe_key = $1`,
  /** The oldest due digest, for $1 owner until $3 ($2 now): pending and due, or sending with a lapsed lease. */
  claim: `UPDATE digests SET state = 'sending', lease_owner = $1, lease_until = $3, attempts = attempts + 1,
      first_attempt_at = COALESCE(first_attempt_at, $2)
    WHERE dedupe_key = (
      SELECT dedupe_key FROM digests
      WHERE (state = 'pending' AND next_at <= $2) OR (state = 'sending' AND lease_until < $2)
      ORDER BY day LIMIT 1)
      AND ((state = 'pending' AND next_at <= $2) OR (state = 'sending' AND lease_until < $2))
    RETURNING *`,
  // $1 key, $2 owner, $3 ts. Only the lease holder finishes it.
  sent: `UPDATE digests SET state = 'sent', slack_ts = $3, lease_owner = NULL, lease_until = NULL,
      last_error = NULL
    WHERE dedupe_key = $1 AND state = 'sending' AND lease_owner = $2`,
  // $1 key, $2 owner, $3 next attempt at (null: dead), $4 error.
  failed: `UPDATE digests SET state = CASE WHEN CAST($3 AS BIGINT) IS NULL THEN 'dead' ELSE 'pending' END,
      next_at = COALESCE(CAST($3 AS BIGINT), next_at), last_error = $4, lease_owner = NULL, lease_until = NULL
    WHERE dedupe_key = $1 AND state = 'sending' AND lease_owner = $2`,
  /** Call pushes stored in [$1, $2) (received at), after inbox id $3, at most $4, in id order. */
  callBodies: `SELECT id, body FROM inbox WHERE kind = 'cdr' AND received_at >= $1 AND received_at < $2
      AND id > $3 ORDER BY id LIMIT $4`,
  /** Chat (IM CDR) pushes stored in [$1, $2) (received at), after inbox id $3, at most $4, in id order. */
  chatBodies: `SELECT id, body FROM inbox WHERE kind = 'imcdr' AND received_at >= $1 AND received_at < $2
      AND id > $3 ORDER BY id LIMIT $4`,
} as const;

/** Migration 10 of both engines: the daily digests. */
export const digestMigration = (bigint: string): string => `
  CREATE TABLE digests (
    dedupe_key TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    channel TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
    attempts INTEGER NOT NULL,
    next_at ${bigint} NOT NULL,
    lease_owner TEXT,
    lease_until ${bigint},
    first_attempt_at ${bigint},
    slack_ts TEXT,
    last_error TEXT,
    created_at ${bigint} NOT NULL
  );
  CREATE INDEX digests_due ON digests (day) WHERE state IN ('pending', 'sending');`;
