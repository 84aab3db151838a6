import { expect, test } from 'vitest';
import { T0 } from './contract-fixtures.ts';
import { CONTACT_SQL } from './follow-up-contacts-sql.ts';
import { FOLLOW_UP_SQL } from './follow-up-sql.ts';
import { callerClock, leaseSql, SQL, toPositional } from './sql.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { migrateSqlite } from './sqlite-migrations.ts';
import { SQLITE_PRUNE } from './sqlite-ops.ts';

const Database = loadSqlite();

// What SQLite may scan whole: a constant row, the claim's own CTEs, and the due rows in id order (read until
// the claim's LIMIT). Anything else on the path of every push or claim reads a table whole, whose cost grows
// with the backlog: measured, ingest fell from ~18,000 to ~850 items/s as the outbox grew to 20,000 pending
// rows while a voicemail lookup scanned them through an index on `state` alone.
// `s`, `f` and `c` are the one-row subqueries of opening a follow-up (c: its earliest contact, by index).
const ALLOWED_SCAN =
  /^SCAN (CONSTANT ROW|due|r|s|f|c LEFT-JOIN|\(subquery-\d+\)|c USING INDEX outbox_pending)$/;

const HOT_PATH = {
  insertPost: SQL.insertPost,
  insertReply: SQL.insertReply,
  insertUpdate: SQL.insertUpdate,
  insertAwaitingPost: SQL.insertAwaitingPost,
  dropAwaitingPosts: SQL.dropAwaitingPosts,
  insertReplyUnlessAlone: SQL.insertReplyUnlessAlone,
  attachmentsOfSession: SQL.attachmentsOfSession,
  cdrPostsOfSession: SQL.cdrPostsOfSession,
  findPost: SQL.findPost,
  selectDue: SQL.selectDue,
  markSent: SQL.markSent,
  beginAttempt: leaseSql(callerClock).beginAttempt,
  openFollowUp: CONTACT_SQL.open,
  addContact: CONTACT_SQL.add,
  reach: FOLLOW_UP_SQL.reach,
  callPosted: FOLLOW_UP_SQL.callPosted,
  enqueueUpdates: FOLLOW_UP_SQL.enqueueUpdates,
};

/** The plans' steps that read a table whole, except those `allowed`. */
function scansOf(statements: Record<string, string>, allowed: RegExp): string[] {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrateSqlite(db, () => T0);
  const scans = Object.entries(statements).flatMap(([name, text]) => {
    const { sql, order } = toPositional(text);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...order.map(() => 1)) as { detail: string }[];
    return plan
      .map((step) => step.detail)
      .filter((detail) => /^SCAN /.test(detail) && !allowed.test(detail))
      .map((detail) => `${name}: ${detail}`);
  });
  db.close();
  return scans;
}

test('no statement on the path of every push or claim reads the outbox or inbox whole', () => {
  expect(scansOf(HOT_PATH, ALLOWED_SCAN)).toEqual([]);
});

// Retention holds the write lock while it runs, and on SQLite the event loop too. Before migration 12 each
// batch read the whole outbox, in its deletes and in the foreign-key check of every inbox row it deleted:
// 3.1 s per batch of 500 sessions at 100,000 outbox rows (15–32 ms since). The plans include those checks.
test('retention reads no table whole, foreign-key checks included', () => {
  const retention = { prunableSessions: SQL.prunableSessions, ...SQLITE_PRUNE };
  expect(scansOf(retention, /^SCAN json_each VIRTUAL TABLE/)).toEqual([]);
});

test("a metrics scrape's counts read only the undelivered rows, by index", () => {
  expect(
    scansOf(
      { countUndelivered: SQL.countUndelivered },
      /USING (COVERING )?INDEX outbox_(pending|sending|dead)$/,
    ),
  ).toEqual([]);
});
