import { contactCtes } from './follow-up-contacts-sql.ts';
import { INGEST_CALLS_FUNCTION } from './postgres-ingest-function.ts';

/**
 * The follow-up part of a call's ingest on PostgreSQL, as CTEs over `follow` (its rows: `dedupe_key`,
 * `kind`, `customer`, `at`, `until`, `detail`, `grp`, `n`) and `ins`, the relation of the inbox rows stored
 * (`id`, `dedupe_key`, `session_id`, `received_at`): a missed call opens
 * its follow-up; a call that reached a customer resolves their open follow-ups of earlier missed calls
 * (the first such call of the batch, in item order), and each of those calls' posts gets a `chat.update`.
 * The same rules as migration 7's SQLite statements (a plain insert, `FOLLOW_UP_SQL.reach`). Frozen as
 * migration 7's; {@link followUpCtes} is what runs now.
 */
export const followUpCtesV7 = (ins: string): string => `
  follow_open AS (
    INSERT INTO follow_ups (session_id, state, customer, missed_at, follow_until, version, updated_at,
      skill_group)
    SELECT ins.session_id, 'open', f.customer, f.at, f.until, 0, ins.received_at, f.grp
    FROM ${ins} ins JOIN follow f ON f.dedupe_key = ins.dedupe_key WHERE f.kind = 'missed'
    ON CONFLICT (session_id) DO NOTHING),
  reaching AS (
    SELECT DISTINCT ON (f.customer) f.customer, f.at, f.detail, ins.session_id, ins.received_at
    FROM ${ins} ins JOIN follow f ON f.dedupe_key = ins.dedupe_key WHERE f.kind = 'answered'
    ORDER BY f.customer, f.n),
  reached AS (
    UPDATE follow_ups u SET state = 'resolved', resolved_by = NULL, resolved_at = a.at, outcome = 'reached',
      note = NULL, reached_session = a.session_id, reached_at = a.at, reached_detail = a.detail,
      version = u.version + 1, updated_at = a.received_at
    FROM reaching a
    WHERE u.customer = a.customer AND u.state <> 'resolved' AND u.missed_at < a.at AND a.at <= u.follow_until
      AND (u.reopened_at IS NULL OR u.reopened_at <= a.at)
    RETURNING u.session_id, u.version, a.received_at),
  reach_updates AS (
    INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at, revision)
    SELECT o.inbox_id, o.id, o.channel, 'update', o.session_id, NULL, r.received_at, r.received_at, r.version
    FROM reached r JOIN outbox o ON o.session_id = r.session_id AND o.kind = 'post'
      JOIN inbox pi ON pi.id = o.inbox_id
    WHERE pi.kind = 'cdr' AND o.state <> 'dead'
    ON CONFLICT DO NOTHING)`;

/** The follow-up arrays of `ccc_ingest_calls_v7`, after the eleven of migration 5 (the lock class is last). */
const FOLLOW_UP_PARAMS = `p_follow TEXT[], p_customers TEXT[], p_follow_at BIGINT[], p_follow_until BIGINT[],
  p_follow_detail TEXT[], p_follow_groups TEXT[], p_lock_class INTEGER`;

/**
 * Migration 7: `ccc_ingest_calls_v7`, migration 5's function plus the follow-up CTEs, built from its frozen
 * text so that both say the same about everything else. Migration 5's function stays: replicas not
 * upgraded yet keep calling it during a rolling upgrade (their calls then open no follow-ups).
 */
export const INGEST_CALLS_FUNCTION_V7 = INGEST_CALLS_FUNCTION.replace(
  'CREATE OR REPLACE FUNCTION ccc_ingest_calls(',
  'CREATE OR REPLACE FUNCTION ccc_ingest_calls_v7(',
)
  .replace('p_lock_class INTEGER)', `${FOLLOW_UP_PARAMS})`)
  .replace(
    '  ins AS (',
    `  follow AS (
    SELECT * FROM unnest(p_keys, p_follow, p_customers, p_follow_at, p_follow_until, p_follow_detail,
      p_follow_groups) WITH ORDINALITY AS t(dedupe_key, kind, customer, at, until, detail, grp, n)),
  ins AS (`,
  )
  .replace(
    '    ON CONFLICT DO NOTHING)\n  SELECT ins.dedupe_key FROM ins;',
    `    ON CONFLICT DO NOTHING),${followUpCtesV7('ins')}\n  SELECT ins.dedupe_key FROM ins;`,
  );

/**
 * The follow-up CTEs since migration 11: a missed call also finds a callback stored before it (see
 * `contactCtes`), and every call that reached a customer is kept as a contact; then migration 7's reach.
 */
export const followUpCtes = (ins: string): string => {
  const v7 = followUpCtesV7(ins);
  return `${contactCtes(ins)}\n  ${v7.slice(v7.indexOf('reaching AS ('))}`;
};

/** The session locks of migration 5's function. */
const SESSION_LOCKS = `SELECT DISTINCT hashtext('session:' || s.session) AS k
    FROM unnest(p_kinds, p_sessions) AS s(kind, session) WHERE s.kind <> 'imcdr' ORDER BY k`;

/**
 * Advisory lock keys of a batch: its sessions' (`session:<id>`) and, since migration 11, its follow-up
 * customers' (`customer:<number>`), all taken in one sorted sweep so two transactions cannot deadlock.
 * Without the customer's, a missed call and its callback stored at the same moment by two transactions
 * (two replicas, or two of one replica's batches in flight) would each miss the other's row and the
 * missed call would stay open; with it, the second waits, then reads what the first committed.
 */
export const lockKeysSql = (sessions: string, customers: string): string => `SELECT DISTINCT k FROM (
      SELECT hashtext('session:' || s) AS k FROM (${sessions}) AS x(s)
      UNION ALL
      SELECT hashtext('customer:' || c) FROM (${customers}) AS y(c) WHERE c IS NOT NULL) AS all_keys
    ORDER BY k`;

/**
 * Migration 11: `ccc_ingest_calls_v11`, migration 7's function with {@link followUpCtes} and the
 * customers' locks ({@link lockKeysSql}). The older functions stay for replicas not upgraded yet during a
 * rolling upgrade.
 */
export const INGEST_CALLS_FUNCTION_V11 = INGEST_CALLS_FUNCTION_V7.replace(
  'CREATE OR REPLACE FUNCTION ccc_ingest_calls_v7(',
  'CREATE OR REPLACE FUNCTION ccc_ingest_calls_v11(',
)
  .replace(SESSION_LOCKS, () =>
    lockKeysSql(
      "SELECT t.session FROM unnest(p_kinds, p_sessions) AS t(kind, session) WHERE t.kind <> 'imcdr'",
      'SELECT unnest(p_customers)',
    ),
  )
  .replace(followUpCtesV7('ins'), () => followUpCtes('ins'));
