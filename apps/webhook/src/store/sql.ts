import { FOLLOW_UP_COLUMNS } from './follow-up-sql.ts';

/**
 * The claim candidates (`SQL.selectDue`) narrowed by `filter` (an `AND …` on the candidate `c`): due rows
 * in id order (replies and updates once their parent is settled), at most `$4` per channel counting the ones `$3`
 * already holds, so a channel is never given more than its rate can post within a lease. Ranking looks at
 * the first 2,000 due rows only, to keep a claim cheap on a long backlog.
 */
export const dueSql = (filter: string): string =>
  candidatesSql(`SELECT c.id, c.channel FROM outbox c LEFT JOIN outbox q ON q.id = c.parent_id
      WHERE ${DUE_ROW} ${filter} ORDER BY c.id LIMIT 2000`);

/** A due row `c` (its parent, if any, `q`): pending, due at `$1`, and a post or the reply/update of a settled post. */
export const DUE_ROW = `c.state = 'pending' AND c.next_at <= $1 AND (c.kind = 'post' OR q.state IN ('sent', 'dead'))`;

/**
 * The claim candidates among the rows `due` selects (`id`, `channel`, in any order): at most `$4` per
 * channel counting the ones `$3` already holds, with what rendering them needs, in id order, `$2` at most.
 */
export const candidatesSql = (due: string): string => `WITH due AS (${due}),
    ranked AS (SELECT id, channel, ROW_NUMBER() OVER (PARTITION BY channel ORDER BY id) AS n FROM due),
    held AS (SELECT channel, COUNT(*) AS n FROM outbox WHERE state = 'sending' AND lease_owner = $3
      GROUP BY channel)
    SELECT o.*, i.kind AS inbox_kind, i.body, p.state AS parent_state, p.slack_ts AS parent_ts,
      CASE WHEN o.kind = 'update' THEN pi.body END AS parent_body, p.mention AS parent_mention,
      (SELECT COUNT(*) FROM inbox x WHERE x.session_id = o.session_id AND x.kind = 'record') AS recordings,
      (SELECT COUNT(*) FROM inbox x WHERE x.session_id = o.session_id AND x.kind = 'voicemail') AS voicemails,
      ${FOLLOW_UP_COLUMNS}
    FROM ranked r
    JOIN outbox o ON o.id = r.id
    JOIN inbox i ON i.id = o.inbox_id
    LEFT JOIN outbox p ON p.id = o.parent_id
    LEFT JOIN inbox pi ON pi.id = p.inbox_id
    LEFT JOIN held h ON h.channel = r.channel
    LEFT JOIN follow_ups f ON f.session_id = o.session_id
    WHERE o.state = 'pending' AND r.n + COALESCE(h.n, 0) <= $4
    ORDER BY o.id LIMIT $2`;

/**
 * Migration 5 of both engines. Voicemail posts waiting for their call, by inbox row; and no index on `state`
 * alone: with a few values, it only ever misled SQLite's planner (no statistics), which then read every
 * pending row to find a voicemail's waiting post or the first due rows, once per call stored or claim. The
 * partial indexes (`outbox_pending`, `outbox_sending`, `outbox_channel_open`) serve every query by state.
 */
export const OUTBOX_INDEXES_V5 = `CREATE INDEX outbox_awaiting ON outbox (inbox_id, channel) WHERE awaits_call = 1;
  DROP INDEX outbox_state;`;

/**
 * Migration 12 of both engines: every outbox row by its inbox row. Retention deletes a session's outbox rows
 * by inbox row, then its inbox rows where none is left, and the foreign key checks each deleted inbox row
 * the same way: without this index each of those read the whole outbox (measured on SQLite: one batch of
 * 500 sessions held the write lock, and the event loop, for 3.1 s with 100,000 outbox rows, 0.55 s with
 * 20,000). Its keys grow with the inbox id, so an insert writes the page the previous one wrote. A session's
 * outbox rows are found the same way, through its inbox rows; SQLite drops `outbox_session`, whose random
 * keys cost a page written per row stored (see the webhook's README). PostgreSQL keeps it for now: the
 * ingest functions of migrations 7 and 11, which replicas call during a rolling upgrade, look a call's
 * posts up by session. `outbox_dead` lets a metrics scrape count dead letters without reading the history
 * (`countUndelivered`): the old count read every row, 60 ms per scrape at 300,000 rows on SQLite, with the
 * event loop held. Rows are only ever dead after they were stored, so inserts never write it.
 */
export const OUTBOX_BY_INBOX = `CREATE INDEX outbox_inbox ON outbox (inbox_id);
  CREATE INDEX outbox_dead ON outbox (id) WHERE state = 'dead';`;

/** `AND fence = $n` when the relay passes a fencing token (`$n` not null). */
const FENCED = (param: string): string =>
  `AND (CAST(${param} AS BIGINT) IS NULL OR fence = CAST(${param} AS BIGINT))`;

/**
 * The lease clock: a SQL expression of "now" in epoch ms, given the placeholder of the caller's time. SQLite
 * uses the caller's; PostgreSQL uses the database's when the caller passes null, so every replica's leases
 * run on one clock whatever the skew between their machines.
 */
export type LeaseClock = (param: string) => string;

/** The caller's time, as passed. */
export const callerClock: LeaseClock = (param) => `CAST(${param} AS BIGINT)`;

/** PostgreSQL's `clock_timestamp()` in ms unless the caller passes a time (tests on a virtual clock). */
export const databaseClock: LeaseClock = (param) =>
  `COALESCE(CAST(${param} AS BIGINT), CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))`;

/**
 * Statements whose times are lease times, on `clock`. With `channels` (PostgreSQL), an attempt given a guard
 * (`$7`, ms) also requires this owner to hold the row's channel for at least that much longer, so a post
 * never outlives the channel lease that makes this replica the channel's only sender.
 */
export function leaseSql(clock: LeaseClock, channels = false) {
  const channelHeld = channels
    ? `AND (CAST($7 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM relay_channels rc
        WHERE rc.channel = outbox.channel AND rc.owner = $5 AND rc.lease_until > ${clock('$1')} + $7))`
    : '';
  return {
    /** The claim's lease: `$1` now, `$2` lease ms, `$3` owner, `$4` id (SQLite leases row by row). */
    lease: `UPDATE outbox SET state = 'sending', lease_owner = $3, lease_until = ${clock('$1')} + $2,
      fence = fence + 1 WHERE id = $4 RETURNING lease_until, fence`,
    beginAttempt: `UPDATE outbox SET in_doubt = 1, first_attempt_at = COALESCE(first_attempt_at, $2),
      last_attempt_at = $2, attempts = COALESCE(CAST($8 AS INTEGER) - 1, attempts), lease_until = ${clock('$1')} + $3
      WHERE id = $4 AND state = 'sending' AND lease_owner = $5 AND fence = $6 ${channelHeld}`,
    renewLeases: `UPDATE outbox SET lease_until = ${clock('$1')} + $2
      WHERE state = 'sending' AND lease_owner = $3`,
    recoverExpired: `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL
      WHERE state = 'sending' AND lease_until <= ${clock('$1')}`,
  };
}

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
  insertUpdate: `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at)
    VALUES ($1, $2, $3, 'update', $4, NULL, $5, $5) ON CONFLICT DO NOTHING`,
  // A voicemail's own post waiting for its call: due at `$5` unless the call's arrival drops it first.
  insertAwaitingPost: `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at,
    created_at, awaits_call) VALUES ($1, NULL, $2, 'post', $3, $4, $5, $6, 1) ON CONFLICT DO NOTHING`,
  // The call arrived: its voicemails' waiting posts that never started are dropped (they go in its threads).
  // Driven from the session's voicemails through outbox_awaiting: filtering the outbox on its own columns
  // first made SQLite read every pending row, once per call stored.
  dropAwaitingPosts: `DELETE FROM outbox WHERE id IN (SELECT w.id FROM inbox v JOIN outbox w ON w.inbox_id = v.id
    WHERE v.session_id = $1 AND v.kind = 'voicemail' AND w.awaits_call = 1 AND w.state = 'pending'
      AND w.attempts = 0 AND w.first_attempt_at IS NULL)`,
  // A reply goes under a call's post unless the same voicemail was already posted alone in that channel.
  insertReplyUnlessAlone: `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention,
    next_at, created_at) SELECT $1, $2, $3, 'reply', $4, NULL, $5, $5
    WHERE NOT EXISTS (SELECT 1 FROM outbox a WHERE a.inbox_id = $1 AND a.channel = $3 AND a.awaits_call = 1)
    ON CONFLICT DO NOTHING`,
  /** What goes into a call's threads: its recordings and voicemails, oldest first. */
  attachmentsOfSession: `SELECT id FROM inbox WHERE session_id = $1 AND kind IN ('record', 'voicemail')
    ORDER BY id`,
  // A session's outbox rows are found through its inbox rows (see OUTBOX_BY_INBOX), on both engines.
  cdrPostsOfSession: `SELECT o.id, o.channel FROM inbox i JOIN outbox o ON o.inbox_id = i.id
    WHERE i.session_id = $1 AND i.kind = 'cdr' AND o.kind = 'post' ORDER BY o.id`,
  /**
   * The call's posts Slack may already show (claimed, sent, or attempted): these need an update when their
   * thread grows. One still pending and never attempted is rendered later with the counts of that moment;
   * a dead one has nothing to update (replayed, it is rendered afresh).
   */
  shownCallPost: `(o.state IN ('sending', 'sent') OR (o.state = 'pending' AND o.first_attempt_at IS NOT NULL))`,
  // Settling a claim requires holding the lease: same owner, still 'sending' and, when the relay passes it,
  // the same fencing token (a row claimed again since, even by the same owner, refuses the old claim). The
  // lease end is not checked: if nobody recovered the row yet, recording a real Slack ts beats posting again.
  markSent: `UPDATE outbox SET state = 'sent', slack_ts = $1, last_error = NULL, lease_owner = NULL,
    lease_until = NULL, in_doubt = 0 WHERE id = $2 AND state = 'sending' AND lease_owner = $3 ${FENCED('$4')}`,
  reschedule: `UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_at = $1, last_error = $2,
    lease_owner = NULL, lease_until = NULL WHERE id = $3 AND state = 'sending' AND lease_owner = $4
    ${FENCED('$5')}`,
  deadLetter: `UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = $1, lease_owner = NULL,
    lease_until = NULL WHERE id = $2 AND state = 'sending' AND lease_owner = $3 ${FENCED('$4')}`,
  replayDead: `UPDATE outbox SET state = 'pending', attempts = 0, next_at = $1, lease_owner = NULL,
    lease_until = NULL WHERE state = 'dead'`,
  insertQuarantine: `INSERT INTO quarantine (push_id, action, query, reason_code, reason_message, body,
    truncated, body_size, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
  listQuarantine: `SELECT * FROM quarantine ORDER BY id DESC LIMIT $1`,
  takeQuarantine: `DELETE FROM quarantine WHERE id = $1 RETURNING *`,
  // Oldest first through inbox_received; a session qualifies only when nothing of it is newer or unsent, and
  // is named once, by its first inbox row. The session checks are scalar subqueries, run per candidate by
  // index until the LIMIT is reached: as NOT EXISTS, PostgreSQL hashed every younger inbox row at each batch,
  // and a `DISTINCT` made SQLite walk inbox_session from the first session id on.
  prunableSessions: `SELECT i.session_id FROM inbox i WHERE i.received_at < $1
    AND i.id = (SELECT MIN(e.id) FROM inbox e WHERE e.session_id = i.session_id)
    AND (SELECT MAX(j.received_at) FROM inbox j WHERE j.session_id = i.session_id) < $1
    AND NOT EXISTS (SELECT 1 FROM inbox k JOIN outbox o ON o.inbox_id = k.id
      WHERE k.session_id = i.session_id AND o.state <> 'sent')
    ORDER BY i.received_at LIMIT $2`,
  countInbox: `SELECT COUNT(*) AS n, MAX(received_at) AS last FROM inbox`,
  countQuarantine: `SELECT COUNT(*) AS n FROM quarantine`,
  countOutboxByState: `SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`,
  // One count per partial index (outbox_pending, outbox_sending, outbox_dead): a scrape never reads the history.
  countUndelivered: `SELECT 'pending' AS state, COUNT(*) AS n FROM outbox WHERE state = 'pending'
    UNION ALL SELECT 'sending', COUNT(*) FROM outbox WHERE state = 'sending'
    UNION ALL SELECT 'dead', COUNT(*) FROM outbox WHERE state = 'dead'`,
  findPost: `SELECT o.* FROM inbox i JOIN outbox o ON o.inbox_id = i.id
    WHERE i.session_id = $1 AND i.kind IN ('cdr', 'imcdr') AND o.channel = $2 AND o.kind = 'post'
    ORDER BY o.id LIMIT 1`,
  listInbox: `SELECT * FROM inbox
    WHERE (CAST($1 AS BIGINT) IS NULL OR received_at >= $1) AND (CAST($2 AS TEXT) IS NULL OR kind = $2)
    ORDER BY id LIMIT $3`,
  /** The claim candidates (see {@link dueSql}); Postgres appends `FOR UPDATE OF o SKIP LOCKED`. */
  selectDue: dueSql(''),
} as const;

/**
 * Deletes of `Store.prune` for the sessions in `$1` (engine-specific, `inSessions` says how a column is
 * matched: a JSON array in SQLite, a text[] in Postgres, where `= ANY` leaves the planner free to probe
 * inbox_session per session when that is cheaper than reading the rows older than the cut-off), re-checking the cut-off (`$2`) and `sent` in case a push
 * arrived since the sessions were chosen (another replica); an inbox row that still has a message is kept.
 */
export const pruneSql = (
  inSessions: (column: string) => string,
): { outbox: string; inbox: string; followUps: string; contacts: string } => ({
  outbox: `DELETE FROM outbox WHERE state = 'sent' AND inbox_id IN
    (SELECT id FROM inbox WHERE ${inSessions('session_id')} AND received_at < $2)`,
  inbox: `DELETE FROM inbox WHERE ${inSessions('session_id')} AND received_at < $2
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inbox_id = inbox.id)`,
  // A follow-up goes with the last of its call's rows (`$2` unused: the placeholders must match the others).
  followUps: `DELETE FROM follow_ups WHERE ${inSessions('session_id')} AND CAST($2 AS BIGINT) IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.session_id = follow_ups.session_id)`,
  // A call's contact (follow-up-contacts-sql.ts) goes with it too.
  contacts: `DELETE FROM follow_up_contacts WHERE ${inSessions('session_id')} AND CAST($2 AS BIGINT) IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.session_id = follow_up_contacts.session_id)`,
});

/**
 * Graceful shutdown's release of `$1`'s claims except the ids `ids` yields (`$2`, engine-specific: a JSON
 * array, read by `json_each` in SQLite and `json_array_elements_text` in Postgres): posts still in flight
 * at the deadline keep their lease (and their in-doubt mark) for whoever takes them over.
 */
export const releaseClaimsSql = (ids: string): string =>
  `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL
    WHERE state = 'sending' AND lease_owner = $1 AND id NOT IN (${ids})`;

/** Rewrites `$n` placeholders to `?` and says which argument each `?` takes (SQLite binds positionally). */
export function toPositional(sql: string): { sql: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { sql: text, order };
}
