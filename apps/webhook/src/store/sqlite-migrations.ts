import type Database from 'better-sqlite3';
import { digestMigration } from './digest-sql.ts';
import { StoreError, StoreErrorCode } from './errors.ts';
import { followUpContactsMigration, SQLITE_CONTACTS_V12 } from './follow-up-contacts-sql.ts';
import {
  followUpCallbackMigration,
  followUpCountedMigration,
  followUpMigration,
  followUpReachMigration,
} from './follow-up-sql.ts';
import type { Migration } from './migration.ts';
import { OUTBOX_BY_INBOX, OUTBOX_INDEXES_V5 } from './sql.ts';
import type { MigrationResult } from './types.ts';

/** The outbox's indexes as of version 4 (the same as PostgreSQL's). */
const OUTBOX_INDEXES = `
      CREATE UNIQUE INDEX outbox_post_once ON outbox (inbox_id, channel) WHERE kind = 'post';
      CREATE UNIQUE INDEX outbox_reply_once ON outbox (inbox_id, parent_id) WHERE kind = 'reply';
      CREATE UNIQUE INDEX outbox_update_once ON outbox (inbox_id, parent_id) WHERE kind = 'update';
      CREATE INDEX outbox_pending ON outbox (id, next_at) WHERE state = 'pending';
      CREATE INDEX outbox_sending ON outbox (lease_owner, lease_until) WHERE state = 'sending';
      CREATE INDEX outbox_state ON outbox (state);
      CREATE INDEX outbox_session ON outbox (session_id, channel);
      CREATE INDEX outbox_parent ON outbox (parent_id);
      CREATE INDEX outbox_channel_open ON outbox (channel, state) WHERE state IN ('pending', 'sending');`;

/** SQLite schema versions, oldest first. Never edit a released one: append a new version. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inbox, outbox, quarantine',
    sql: `
      CREATE TABLE inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('cdr', 'imcdr', 'record', 'voicemail')),
        dedupe_key TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL,
        push_id TEXT UNIQUE,
        source TEXT NOT NULL CHECK (source IN ('push', 'reconcile')),
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX inbox_session ON inbox (session_id, kind);
      CREATE INDEX inbox_received ON inbox (received_at);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        inbox_id INTEGER NOT NULL REFERENCES inbox (id),
        parent_id INTEGER REFERENCES outbox (id),
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'reply')),
        session_id TEXT NOT NULL,
        mention TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        slack_ts TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        CHECK ((kind = 'post') = (parent_id IS NULL))
      );
      CREATE UNIQUE INDEX outbox_post_once ON outbox (inbox_id, channel) WHERE kind = 'post';
      CREATE UNIQUE INDEX outbox_reply_once ON outbox (inbox_id, parent_id) WHERE kind = 'reply';
      CREATE INDEX outbox_pending ON outbox (id, next_at) WHERE state = 'pending';
      CREATE INDEX outbox_sending ON outbox (lease_owner, lease_until) WHERE state = 'sending';
      CREATE INDEX outbox_state ON outbox (state);
      CREATE INDEX outbox_session ON outbox (session_id, channel);
      CREATE INDEX outbox_parent ON outbox (parent_id);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        push_id TEXT,
        action TEXT,
        query TEXT NOT NULL,
        reason_code TEXT NOT NULL,
        reason_message TEXT NOT NULL,
        body BLOB NOT NULL,
        truncated INTEGER NOT NULL,
        body_size INTEGER NOT NULL,
        received_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'exactly-once: fencing token, in-doubt attempts',
    // fence: bumped by every claim and checked by every settle, so a relay whose claim was taken over cannot
    // post or settle. in_doubt/first_attempt_at: an attempt may have reached Slack without its answer
    // reaching us; the relay looks in the channel's history (from first_attempt_at) before posting again,
    // once Slack must be done with the last attempt (last_attempt_at).
    sql: `
      ALTER TABLE outbox ADD COLUMN fence INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN first_attempt_at INTEGER;
      ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
    `,
  },
  {
    version: 3,
    name: 'open messages by channel',
    sql: `
      CREATE INDEX outbox_channel_open ON outbox (channel, state) WHERE state IN ('pending', 'sending');
    `,
  },
  {
    version: 4,
    name: 'post updates, voicemails waiting for their call',
    // update: a chat.update of a call's post (parent) when a recording or voicemail joins its thread.
    // awaits_call: a voicemail's own post, held until its call arrives (then dropped for thread replies) or
    // its wait ends. SQLite cannot change a CHECK in place: the table is rebuilt (sqlite.org/lang_altertable).
    sql: `
      CREATE TABLE outbox_v4 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        inbox_id INTEGER NOT NULL REFERENCES inbox (id),
        parent_id INTEGER REFERENCES outbox_v4 (id),
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'reply', 'update')),
        session_id TEXT NOT NULL,
        mention TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        slack_ts TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        fence INTEGER NOT NULL DEFAULT 0,
        in_doubt INTEGER NOT NULL DEFAULT 0,
        first_attempt_at INTEGER,
        last_attempt_at INTEGER,
        awaits_call INTEGER NOT NULL DEFAULT 0,
        CHECK ((kind = 'post') = (parent_id IS NULL))
      );
      INSERT INTO outbox_v4 (id, inbox_id, parent_id, channel, kind, session_id, mention, state, attempts,
          next_at, lease_owner, lease_until, slack_ts, last_error, created_at, fence, in_doubt,
          first_attempt_at, last_attempt_at)
        SELECT id, inbox_id, parent_id, channel, kind, session_id, mention, state, attempts, next_at,
          lease_owner, lease_until, slack_ts, last_error, created_at, fence, in_doubt, first_attempt_at,
          last_attempt_at
        FROM outbox ORDER BY id;
      DROP TABLE outbox;
      ALTER TABLE outbox_v4 RENAME TO outbox;
      ${OUTBOX_INDEXES}
    `,
  },
  {
    version: 5,
    name: 'outbox indexes: waiting voicemail posts by inbox row, none on state alone',
    // See OUTBOX_INDEXES_V5: both changes stop reads of the whole backlog per push, and the backlog grows
    // fastest exactly when pushes arrive fastest.
    sql: OUTBOX_INDEXES_V5,
  },
  {
    version: 6,
    name: 'missed-call follow-ups; one post update per follow-up change',
    sql: followUpMigration('INTEGER'),
  },
  {
    version: 7,
    name: 'follow-ups close themselves when a later call reaches the customer',
    sql: followUpReachMigration('INTEGER'),
  },
  {
    version: 8,
    name: 'callbacks started from Slack',
    sql: followUpCallbackMigration('INTEGER'),
  },
  {
    version: 9,
    name: 'follow-up resolutions counted once for the time-to-resolve histogram',
    sql: followUpCountedMigration('INTEGER'),
  },
  {
    version: 10,
    name: 'daily digests, one per day',
    sql: digestMigration('INTEGER'),
  },
  {
    version: 11,
    name: 'a callback stored before its missed call resolves it',
    sql: followUpContactsMigration('INTEGER'),
  },
  {
    version: 12,
    name: 'outbox rows by inbox row, dead letters by index; none by session; contacts by customer',
    sql: `${OUTBOX_BY_INBOX}
      DROP INDEX outbox_session;
      ${SQLITE_CONTACTS_V12}`,
  },
];

/**
 * Applies the missing migrations in one IMMEDIATE transaction, so a second process opening the same file
 * waits for the first instead of applying a version twice.
 */
export function migrateSqlite(
  db: Database.Database,
  now: () => number,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): MigrationResult {
  const run = db.transaction((): MigrationResult => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const done = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => Number(v)),
    );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        now(),
      );
      applied.push(migration.version);
    }
    return { applied, current: Math.max(0, ...done, ...applied) };
  });
  try {
    return run.immediate();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError(StoreErrorCode.MigrationFailed, `SQLite migration failed: ${detail}`, {
      cause: error,
    });
  }
}
