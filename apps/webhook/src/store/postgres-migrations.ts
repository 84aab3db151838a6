import type pg from 'pg';
import { digestMigration } from './digest-sql.ts';
import { StoreError, StoreErrorCode } from './errors.ts';
import { followUpContactsMigration } from './follow-up-contacts-sql.ts';
import {
  followUpCallbackMigration,
  followUpCountedMigration,
  followUpMigration,
  followUpReachMigration,
} from './follow-up-sql.ts';
import type { Migration } from './migration.ts';
import { checkOut } from './postgres-client.ts';
import { INGEST_CALLS_FUNCTION_V7, INGEST_CALLS_FUNCTION_V11 } from './postgres-follow-up-ingest.ts';
import { INGEST_CALLS_FUNCTION } from './postgres-ingest-function.ts';
import { OUTBOX_BY_INBOX, OUTBOX_INDEXES_V5 } from './sql.ts';
import type { MigrationResult } from './types.ts';

/** Postgres schema versions, oldest first. Never edit a released one: append a new version. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inbox, outbox, quarantine',
    sql: `
      CREATE TABLE inbox (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('cdr', 'imcdr', 'record', 'voicemail')),
        dedupe_key TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL,
        push_id TEXT UNIQUE,
        source TEXT NOT NULL CHECK (source IN ('push', 'reconcile')),
        body TEXT NOT NULL,
        received_at BIGINT NOT NULL
      );
      CREATE INDEX inbox_session ON inbox (session_id, kind);
      CREATE INDEX inbox_received ON inbox (received_at);

      CREATE TABLE outbox (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        inbox_id BIGINT NOT NULL REFERENCES inbox (id),
        parent_id BIGINT REFERENCES outbox (id),
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'reply')),
        session_id TEXT NOT NULL,
        mention TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at BIGINT NOT NULL,
        lease_owner TEXT,
        lease_until BIGINT,
        slack_ts TEXT,
        last_error TEXT,
        created_at BIGINT NOT NULL,
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
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        push_id TEXT,
        action TEXT,
        query TEXT NOT NULL,
        reason_code TEXT NOT NULL,
        reason_message TEXT NOT NULL,
        body BYTEA NOT NULL,
        truncated BOOLEAN NOT NULL,
        body_size INTEGER NOT NULL,
        received_at BIGINT NOT NULL
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
      ALTER TABLE outbox ADD COLUMN fence BIGINT NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN first_attempt_at BIGINT;
      ALTER TABLE outbox ADD COLUMN last_attempt_at BIGINT;
    `,
  },
  {
    version: 3,
    name: 'channel ownership across replicas, open messages by channel',
    sql: `
      CREATE INDEX outbox_channel_open ON outbox (channel, state) WHERE state IN ('pending', 'sending');
      -- One relaying replica per channel (PostgreSQL): Slack's per-channel rate and order hold deployment-wide.
      CREATE TABLE relay_channels (
        channel TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        lease_until BIGINT NOT NULL,
        fence BIGINT NOT NULL DEFAULT 1
      );
      CREATE TABLE relay_replicas (owner TEXT PRIMARY KEY, seen_until BIGINT NOT NULL);
    `,
  },
  {
    version: 4,
    name: 'post updates, voicemails waiting for their call',
    // update: a chat.update of a call's post (parent) when a recording or voicemail joins its thread.
    // awaits_call: a voicemail's own post, held until its call arrives (then dropped for thread replies) or
    // its wait ends.
    sql: `
      ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
      ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('post', 'reply', 'update'));
      ALTER TABLE outbox ADD COLUMN awaits_call INTEGER NOT NULL DEFAULT 0;
      CREATE UNIQUE INDEX outbox_update_once ON outbox (inbox_id, parent_id) WHERE kind = 'update';
    `,
  },
  {
    version: 5,
    name: 'calls and chats in one round trip; outbox indexes for waiting voicemails and claims by channel',
    // OUTBOX_INDEXES_V5 as on SQLite, and outbox_channel_open gains id: a claim reads each held channel's
    // first due rows in id order from it instead of ranking the whole backlog.
    sql: `${OUTBOX_INDEXES_V5}
      DROP INDEX outbox_channel_open;
      CREATE INDEX outbox_channel_open ON outbox (channel, state, id) WHERE state IN ('pending', 'sending');
      ${INGEST_CALLS_FUNCTION}`,
  },
  {
    version: 6,
    name: 'missed-call follow-ups; one post update per follow-up change',
    sql: followUpMigration('BIGINT'),
  },
  {
    version: 7,
    name: 'follow-ups close themselves when a later call reaches the customer',
    sql: `${followUpReachMigration('BIGINT')}
      ${INGEST_CALLS_FUNCTION_V7}`,
  },
  {
    version: 8,
    name: 'callbacks started from Slack',
    sql: followUpCallbackMigration('BIGINT'),
  },
  {
    version: 9,
    name: 'follow-up resolutions counted once for the time-to-resolve histogram',
    sql: followUpCountedMigration('BIGINT'),
  },
  {
    version: 10,
    name: 'daily digests, one per day',
    sql: digestMigration('BIGINT'),
  },
  {
    version: 11,
    name: 'a callback stored before its missed call resolves it',
    sql: `${followUpContactsMigration('BIGINT')}
      ${INGEST_CALLS_FUNCTION_V11}`,
  },
  {
    version: 12,
    name: 'outbox rows by inbox row, dead letters by index',
    sql: OUTBOX_BY_INBOX,
  },
];

/** First key of every advisory lock this store takes ('ccWH'); the second key says what is locked. */
export const ADVISORY_LOCK_CLASS = 0x63635748;

/**
 * Applies the missing migrations in one transaction holding a transaction-level advisory lock keyed by the
 * schema, so replicas starting together apply each version exactly once (the others wait, then find it done).
 */
export async function migratePostgres(
  pool: pg.Pool,
  schema: string | null,
  now: () => number,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationResult> {
  const { client, release } = await checkOut(pool);
  let broken: unknown;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      ADVISORY_LOCK_CLASS,
      `migrate:${schema ?? ''}`,
    ]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now(),
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { applied, current: Math.max(0, ...done, ...applied) };
  } catch (error) {
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    );
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError(StoreErrorCode.MigrationFailed, `Postgres migration failed: ${detail}`, {
      cause: error,
    });
  } finally {
    release(broken instanceof Error ? broken : undefined);
  }
}
