/**
 * Follow-up statements of both engines (Postgres `$n` placeholders, rewritten for SQLite). Each change is
 * one conditional write, so concurrent clicks (two replicas, two people) are decided by the database: the
 * first wins, the second changes nothing and is told why from the row as it is then.
 */
export const FOLLOW_UP_SQL = {
  /** A call post of the session exists (only a posted call can be followed up). */
  callPosted: `SELECT 1 AS ok FROM inbox i JOIN outbox o ON o.inbox_id = i.id
    WHERE i.session_id = $1 AND i.kind = 'cdr' AND o.kind = 'post' LIMIT 1`,
  get: `SELECT * FROM follow_ups WHERE session_id = $1`,
  /** Calls waiting for someone, by state (`open`, `taken`): the metrics' gauge. */
  countWaiting: `SELECT state, COUNT(*) AS n FROM follow_ups WHERE state <> 'resolved' GROUP BY state`,
  // $1 session, $2 user, $3 at.
  take: `INSERT INTO follow_ups (session_id, state, taken_by, taken_at, version, updated_at)
    VALUES ($1, 'taken', $2, $3, 1, $3)
    ON CONFLICT (session_id) DO UPDATE SET state = 'taken', taken_by = $2, taken_at = $3,
      version = follow_ups.version + 1, updated_at = $3
    WHERE follow_ups.state = 'open' RETURNING *`,
  // $1 session, $2 user, $3 at, $4 outcome, $5 note. Who took it stays: "resolved by Bob (taken by Ann)".
  resolve: `INSERT INTO follow_ups (session_id, state, resolved_by, resolved_at, outcome, note, version, updated_at)
    VALUES ($1, 'resolved', $2, $3, $4, $5, 1, $3)
    ON CONFLICT (session_id) DO UPDATE SET state = 'resolved', resolved_by = $2, resolved_at = $3, outcome = $4,
      note = $5, reached_session = NULL, reached_at = NULL, reached_detail = NULL,
      version = follow_ups.version + 1, updated_at = $3
    WHERE follow_ups.state <> 'resolved' RETURNING *`,
  // $1 session, $2 at. Only a call after the reopening closes it again (see `reach`).
  reopen: `UPDATE follow_ups SET state = 'open', taken_by = NULL, taken_at = NULL, resolved_by = NULL,
    resolved_at = NULL, outcome = NULL, note = NULL, reached_session = NULL, reached_at = NULL,
    reached_detail = NULL, reopened_at = $2, counted_at = NULL, version = version + 1, updated_at = $2
    WHERE session_id = $1 AND state = 'resolved' RETURNING *`,
  /**
   * Resolutions not yet counted in the time-to-resolve histogram, marked counted ($1 now, $2 at most): the
   * conditional write gives each resolution to exactly one replica, so the histograms of all replicas add up.
   */
  takeResolved: `UPDATE follow_ups SET counted_at = $1
    WHERE state = 'resolved' AND counted_at IS NULL AND session_id IN (
      SELECT session_id FROM follow_ups WHERE state = 'resolved' AND counted_at IS NULL LIMIT $2)
    RETURNING missed_at, resolved_at, resolved_by`,
  /**
   * Someone started a callback ($1 session, $2 user, $3 at, $4 the callback's session): the call is theirs
   * (taken now if it was open; refused when someone else has it or it is resolved).
   */
  callback: `INSERT INTO follow_ups (session_id, state, taken_by, taken_at, callback_session, callback_by,
      callback_at, version, updated_at)
    VALUES ($1, 'taken', $2, $3, $4, $2, $3, 1, $3)
    ON CONFLICT (session_id) DO UPDATE SET state = 'taken', taken_by = $2,
      taken_at = CASE WHEN follow_ups.state = 'open' THEN $3 ELSE follow_ups.taken_at END,
      callback_session = $4, callback_by = $2, callback_at = $3, version = follow_ups.version + 1, updated_at = $3
    WHERE follow_ups.state = 'open' OR (follow_ups.state = 'taken' AND follow_ups.taken_by = $2) RETURNING *`,
  /**
   * Missed calls waiting (open or taken), longest waiting first: $1 missed since (epoch ms), $2 skill group
   * (lower case, or null for all), $3 limit, $4 offset.
   */
  listWaiting: `SELECT * FROM follow_ups WHERE state <> 'resolved' AND missed_at >= $1
      AND (CAST($2 AS TEXT) IS NULL OR LOWER(skill_group) = $2)
    ORDER BY missed_at, session_id LIMIT $3 OFFSET $4`,
  countListed: `SELECT COUNT(*) AS n FROM follow_ups WHERE state <> 'resolved' AND missed_at >= $1
      AND (CAST($2 AS TEXT) IS NULL OR LOWER(skill_group) = $2)`,
  /**
   * A call that reached the customer resolves their open follow-ups of missed calls before it, within
   * their window, and not reopened after it: $1 customer, $2 call at, $3 its session, $4 detail (JSON),
   * $5 received.
   */
  reach: `UPDATE follow_ups SET state = 'resolved', resolved_by = NULL, resolved_at = $2, outcome = 'reached',
      note = NULL, reached_session = $3, reached_at = $2, reached_detail = $4, version = version + 1,
      updated_at = $5
    WHERE customer = $1 AND state <> 'resolved' AND missed_at < $2 AND $2 <= follow_until
      AND (reopened_at IS NULL OR reopened_at <= $2)
    RETURNING session_id, version`,
  /**
   * A `chat.update` of every post of the call that is not dead ($1 session, $2 at, $3 version). Posts not
   * sent yet get one too: they render the state when claimed, and the update, which waits for its post,
   * only repeats it. Skipping them would race a claim reading the state just before this commits.
   */
  enqueueUpdates: `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at,
      created_at, revision)
    SELECT o.inbox_id, o.id, o.channel, 'update', o.session_id, NULL, $2, $2, $3
    FROM inbox i JOIN outbox o ON o.inbox_id = i.id
    WHERE i.session_id = $1 AND i.kind = 'cdr' AND o.kind = 'post' AND o.state <> 'dead'
    ON CONFLICT DO NOTHING`,
} as const;

/** The follow-up columns a claim returns with a message (`fu_*`), from `follow_ups f`. */
export const FOLLOW_UP_COLUMNS = `f.state AS fu_state, f.taken_by AS fu_taken_by, f.taken_at AS fu_taken_at,
      f.resolved_by AS fu_resolved_by, f.resolved_at AS fu_resolved_at, f.outcome AS fu_outcome,
      f.note AS fu_note, f.reached_at AS fu_reached_at, f.reached_detail AS fu_reached_detail,
      f.callback_by AS fu_callback_by, f.callback_at AS fu_callback_at`;

/** The same columns as returned by Postgres's claim (`c.fu_*`). */
export const FOLLOW_UP_RETURNED = `c.fu_state, c.fu_taken_by, c.fu_taken_at, c.fu_resolved_by, c.fu_resolved_at,
    c.fu_outcome, c.fu_note, c.fu_reached_at, c.fu_reached_detail, c.fu_callback_by, c.fu_callback_at`;

/**
 * Migration 7 of both engines: what a missed call's follow-up needs to close itself when a later call
 * reaches the customer (their number, when, until when, and how it was reached), found through the open
 * follow-ups of a number.
 */
export const followUpReachMigration = (bigint: string): string => `
  ALTER TABLE follow_ups ADD COLUMN customer TEXT;
  ALTER TABLE follow_ups ADD COLUMN missed_at ${bigint};
  ALTER TABLE follow_ups ADD COLUMN follow_until ${bigint};
  ALTER TABLE follow_ups ADD COLUMN reopened_at ${bigint};
  ALTER TABLE follow_ups ADD COLUMN reached_session TEXT;
  ALTER TABLE follow_ups ADD COLUMN reached_at ${bigint};
  ALTER TABLE follow_ups ADD COLUMN reached_detail TEXT;
  ALTER TABLE follow_ups ADD COLUMN skill_group TEXT;
  CREATE INDEX follow_ups_open_customer ON follow_ups (customer) WHERE state <> 'resolved';
  CREATE INDEX follow_ups_waiting ON follow_ups (missed_at) WHERE state <> 'resolved';`;

/**
 * Migration 6 of both engines (`bigint` is `BIGINT` on Postgres, `INTEGER` on SQLite): the follow-ups, and
 * `outbox.revision` so one post can be updated once per follow-up change (an update was once per post and
 * inbox row: the recording or voicemail that joined its thread).
 */
export const followUpMigration = (bigint: string): string => `
  CREATE TABLE follow_ups (
    session_id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('open', 'taken', 'resolved')),
    taken_by TEXT,
    taken_at ${bigint},
    resolved_by TEXT,
    resolved_at ${bigint},
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('reached', 'no_answer', 'wrong_number', 'other')),
    note TEXT,
    version INTEGER NOT NULL,
    updated_at ${bigint} NOT NULL
  );
  ALTER TABLE outbox ADD COLUMN revision INTEGER;
  DROP INDEX outbox_update_once;
  CREATE UNIQUE INDEX outbox_update_once ON outbox (inbox_id, parent_id, COALESCE(revision, 0))
    WHERE kind = 'update';`;

/** Migration 8 of both engines: the callback started from Slack ("Call back now"), its session, who, when. */
export const followUpCallbackMigration = (bigint: string): string => `
  ALTER TABLE follow_ups ADD COLUMN callback_session TEXT;
  ALTER TABLE follow_ups ADD COLUMN callback_by TEXT;
  ALTER TABLE follow_ups ADD COLUMN callback_at ${bigint};`;

/**
 * Migration 9 of both engines: when a resolution was counted in the time-to-resolve histogram (null: not
 * yet; a reopening clears it). Calls resolved before the upgrade count as counted, so the histogram starts
 * with the resolutions after it.
 */
export const followUpCountedMigration = (bigint: string): string => `
  ALTER TABLE follow_ups ADD COLUMN counted_at ${bigint};
  UPDATE follow_ups SET counted_at = updated_at WHERE state = 'resolved';
  CREATE INDEX follow_ups_uncounted ON follow_ups (session_id) WHERE state = 'resolved' AND counted_at IS NULL;`;
