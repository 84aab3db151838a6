/**
 * Callbacks stored before their missed call. A call that reached a customer resolves the open follow-ups of
 * their earlier missed calls (`FOLLOW_UP_SQL.reach`), but pushes do not always arrive in call order: Tencent
 * retries a failed push later, and reconciliation stores the calls of an outage after the fact. So every
 * call that reached a customer is also kept as a contact, and a missed call stored later opens already
 * resolved when one of its customer's contacts falls inside its window, as if it had arrived in order.
 */

/**
 * Migration 11 of both engines (`bigint` is `BIGINT` on Postgres, `INTEGER` on SQLite): the calls that
 * reached a customer, by session, found by number and time. Removed by retention with their call.
 */
export const followUpContactsMigration = (bigint: string): string => `
  CREATE TABLE follow_up_contacts (
    session_id TEXT PRIMARY KEY,
    customer TEXT NOT NULL,
    at ${bigint} NOT NULL,
    detail TEXT NOT NULL,
    received_at ${bigint} NOT NULL
  );
  CREATE INDEX follow_up_contacts_customer ON follow_up_contacts (customer, at);`;

/**
 * Migration 12 of SQLite: the contacts keyed by what finds them, (`customer`, `at`, `session_id`), in a table
 * without rowid, and by `received_at` for retention. Migration 11's table had a rowid, a unique index on the
 * session and an index by customer: two index pages with random keys written per call that reached a
 * customer, now one (7–18 µs less CPU per call in a synthetic store with the same indexes). The session's uniqueness is the
 * inbox's: a contact is added only with the call's newly stored inbox row.
 */
export const SQLITE_CONTACTS_V12 = `
  CREATE TABLE follow_up_contacts_v12 (
    customer TEXT NOT NULL,
    at INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (customer, at, session_id)
  ) WITHOUT ROWID;
  INSERT INTO follow_up_contacts_v12 (customer, at, session_id, detail, received_at)
    SELECT customer, at, session_id, detail, received_at FROM follow_up_contacts;
  DROP TABLE follow_up_contacts;
  ALTER TABLE follow_up_contacts_v12 RENAME TO follow_up_contacts;
  CREATE INDEX follow_up_contacts_received ON follow_up_contacts (received_at);`;

/**
 * The follow-up row of a missed call (`f`: `customer`, `at`, `until`, `grp`; `s`: `session_id`,
 * `received_at`) given `c`, its earliest contact inside the window or nulls: open, or resolved as reached
 * by `c` (version 1, as if `reach` had run once after it was opened).
 */
const OPENED_ROW = `s.session_id, CASE WHEN c.session_id IS NULL THEN 'open' ELSE 'resolved' END, f.customer,
    f.at, f.until, CASE WHEN c.session_id IS NULL THEN 0 ELSE 1 END, s.received_at, f.grp, c.at,
    CASE WHEN c.session_id IS NULL THEN NULL ELSE 'reached' END, c.session_id, c.at, c.detail`;

const OPENED_COLUMNS = `session_id, state, customer, missed_at, follow_until, version, updated_at,
    skill_group, resolved_at, outcome, reached_session, reached_at, reached_detail`;

/** The earliest of `contacts` (`session_id`, `at`, `detail`) inside the window of the missed call `f`. */
const earliestContact = (
  contacts: string,
): string => `SELECT x.session_id, x.at, x.detail FROM (${contacts}) x
    WHERE x.at > f.at AND x.at <= f.until ORDER BY x.at, x.session_id LIMIT 1`;

/** SQLite's statements, one item at a time (Postgres `$n` placeholders, rewritten for SQLite). */
export const CONTACT_SQL = {
  /** A call reached `$2`: $1 session, $2 customer, $3 at, $4 detail (JSON), $5 received. */
  add: `INSERT INTO follow_up_contacts (session_id, customer, at, detail, received_at)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
  /**
   * Retention's delete of its batch's contacts ($1 the sessions as a JSON array, $2 the cutoff): there is no
   * index by session since migration 12, so they are found among the contacts received before the cutoff
   * (every one of a prunable session was), through `follow_up_contacts_received`.
   */
  prune: `DELETE FROM follow_up_contacts WHERE received_at < $2 AND session_id IN (SELECT value FROM json_each($1))
    AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.session_id = follow_up_contacts.session_id)`,
  /**
   * A missed call opens its follow-up, resolved at once when a stored contact falls in its window: $1
   * session, $2 customer, $3 missed at, $4 until, $5 received, $6 group. (`WHERE TRUE` lets SQLite parse
   * the upsert after a join.)
   */
  open: `INSERT INTO follow_ups (${OPENED_COLUMNS})
    SELECT ${OPENED_ROW}
    FROM (SELECT $1 AS session_id, CAST($5 AS BIGINT) AS received_at) s
    CROSS JOIN (SELECT $2 AS customer, CAST($3 AS BIGINT) AS at, CAST($4 AS BIGINT) AS until, $6 AS grp) f
    LEFT JOIN (SELECT session_id, at, detail FROM follow_up_contacts
      WHERE customer = $2 AND at > $3 AND at <= $4 ORDER BY at, session_id LIMIT 1) c ON TRUE
    WHERE TRUE
    ON CONFLICT (session_id) DO NOTHING`,
} as const;

/**
 * PostgreSQL's follow-up CTEs over `follow` (`dedupe_key`, `kind`, `customer`, `at`, `until`, `detail`,
 * `grp`, `n`) and `ins` (the inbox rows stored: `id`, `dedupe_key`, `session_id`, `received_at`), for the
 * batch function and the one-item statement. The sibling CTEs of one statement do not see each other's
 * writes, so a missed call looks for its contacts among the stored ones AND the batch's own calls: a
 * missed call and its callback in one batch resolve it in either order, as one item at a time would.
 * `reaching`, `reached` and `reach_updates` are migration 7's (`followUpCtesV7`).
 */
export const contactCtes = (ins: string): string => `
  follow_open AS (
    INSERT INTO follow_ups (${OPENED_COLUMNS})
    SELECT ${OPENED_ROW}
    FROM ${ins} s JOIN follow f ON f.dedupe_key = s.dedupe_key
    LEFT JOIN LATERAL (${earliestContact(`SELECT k.session_id, k.at, k.detail FROM follow_up_contacts k
        WHERE k.customer = f.customer
      UNION ALL
      SELECT b.session_id, g.at, g.detail FROM ${ins} b JOIN follow g ON g.dedupe_key = b.dedupe_key
        WHERE g.kind = 'answered' AND g.customer = f.customer`)}) c ON TRUE
    WHERE f.kind = 'missed'
    ON CONFLICT (session_id) DO NOTHING),
  contact_add AS (
    INSERT INTO follow_up_contacts (session_id, customer, at, detail, received_at)
    SELECT s.session_id, f.customer, f.at, f.detail, s.received_at
    FROM ${ins} s JOIN follow f ON f.dedupe_key = s.dedupe_key WHERE f.kind = 'answered'
    ON CONFLICT (session_id) DO NOTHING),`;
