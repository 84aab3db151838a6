/**
 * SQL both engines run verbatim, written with Postgres `$n` placeholders (the SQLite engine rewrites them
 * to `?` with {@link toPositional}). Keeping one text per statement keeps the two engines' semantics equal.
 */
export const SQL = {
  insertInbox: `INSERT INTO inbox (kind, dedupe_key, session_id, push_id, source, body, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
  insertPost: `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at)
    VALUES ($1, NULL, $2, 'post', $3, $4, $5, $5) ON CONFLICT DO NOTHING RETURNING id`,
  insertReply: `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at)
    VALUES ($1, $2, $3, 'reply', $4, NULL, $5, $5) ON CONFLICT DO NOTHING`,
  recordsOfSession: `SELECT id FROM inbox WHERE session_id = $1 AND kind = 'record' ORDER BY id`,
  cdrPostsOfSession: `SELECT o.id, o.channel FROM outbox o JOIN inbox i ON i.id = o.inbox_id
    WHERE o.session_id = $1 AND o.kind = 'post' AND i.kind = 'cdr' ORDER BY o.id`,
  // Settling a claim requires holding the lease: same owner and still 'sending'. The lease end is not
  // checked: if nobody recovered the row yet, recording a real Slack ts beats posting it again.
  markSent: `UPDATE outbox SET state = 'sent', slack_ts = $1, last_error = NULL, lease_owner = NULL,
    lease_until = NULL WHERE id = $2 AND state = 'sending' AND lease_owner = $3`,
  reschedule: `UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_at = $1, last_error = $2,
    lease_owner = NULL, lease_until = NULL WHERE id = $3 AND state = 'sending' AND lease_owner = $4`,
  deadLetter: `UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = $1, lease_owner = NULL,
    lease_until = NULL WHERE id = $2 AND state = 'sending' AND lease_owner = $3`,
  releaseClaims: `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL
    WHERE state = 'sending' AND lease_owner = $1`,
  recoverExpired: `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL
    WHERE state = 'sending' AND lease_until <= $1`,
  replayDead: `UPDATE outbox SET state = 'pending', attempts = 0, next_at = $1, lease_owner = NULL,
    lease_until = NULL WHERE state = 'dead'`,
  insertQuarantine: `INSERT INTO quarantine (push_id, action, query, reason_code, reason_message, body,
    truncated, body_size, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
  listQuarantine: `SELECT * FROM quarantine ORDER BY id DESC LIMIT $1`,
  takeQuarantine: `DELETE FROM quarantine WHERE id = $1 RETURNING *`,
  // Oldest first through inbox_received; a session qualifies only when nothing of it is newer or unsent.
  prunableSessions: `SELECT DISTINCT i.session_id FROM inbox i WHERE i.received_at < $1
    AND NOT EXISTS (SELECT 1 FROM inbox j WHERE j.session_id = i.session_id AND j.received_at >= $1)
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.session_id = i.session_id AND o.state <> 'sent')
    LIMIT $2`,
  countInbox: `SELECT COUNT(*) AS n, MAX(received_at) AS last FROM inbox`,
  countQuarantine: `SELECT COUNT(*) AS n FROM quarantine`,
  countOutboxByState: `SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`,
  findPost: `SELECT o.* FROM outbox o JOIN inbox i ON i.id = o.inbox_id
    WHERE o.session_id = $1 AND o.channel = $2 AND o.kind = 'post' AND i.kind IN ('cdr', 'imcdr')
    ORDER BY o.id LIMIT 1`,
  listInbox: `SELECT * FROM inbox
    WHERE (CAST($1 AS BIGINT) IS NULL OR received_at >= $1) AND (CAST($2 AS TEXT) IS NULL OR kind = $2)
    ORDER BY id LIMIT $3`,
  /** The claim candidates; Postgres appends `FOR UPDATE OF o SKIP LOCKED`. */
  selectDue: `SELECT o.*, i.kind AS inbox_kind, i.body, p.state AS parent_state, p.slack_ts AS parent_ts
    FROM outbox o
    JOIN inbox i ON i.id = o.inbox_id
    LEFT JOIN outbox p ON p.id = o.parent_id
    WHERE o.state = 'pending' AND o.next_at <= $1 AND (o.kind = 'post' OR p.state IN ('sent', 'dead'))
    ORDER BY o.id LIMIT $2`,
} as const;

/** Rewrites `$n` placeholders to `?` and says which argument each `?` takes (SQLite binds positionally). */
/**
 * Deletes of `Store.prune` for the sessions `sessions` yields (`$1`, engine-specific: a JSON array in
 * SQLite, a text[] in Postgres), re-checking the cut-off (`$2`) and `sent` in case a push arrived since the
 * sessions were chosen (another replica); an inbox row that still has a message is kept.
 */
export const pruneSql = (sessions: string): { outbox: string; inbox: string } => ({
  outbox: `DELETE FROM outbox WHERE state = 'sent' AND inbox_id IN
    (SELECT id FROM inbox WHERE session_id IN (${sessions}) AND received_at < $2)`,
  inbox: `DELETE FROM inbox WHERE session_id IN (${sessions}) AND received_at < $2
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inbox_id = inbox.id)`,
});

export function toPositional(sql: string): { sql: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { sql: text, order };
}
