import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { resolveCommonOptions } from './common-options.ts';
import { createDigestStore } from './digest-store.ts';
import { StoreError, StoreErrorCode, toStoreError } from './errors.ts';
import { followUpSqlite, resolvedOf, waitingCounts } from './follow-up-ops.ts';
import { FOLLOW_UP_SQL } from './follow-up-sql.ts';
import { soleLeadership } from './leadership.ts';
import { quarantineValues } from './quarantine-values.ts';
import { toFollowUpRow, toInboxRow, toOutboxRow, toQuarantineRow } from './row-mapping.ts';
import { callerClock, leaseSql, releaseClaimsSql, SQL } from './sql.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { migrateSqlite } from './sqlite-migrations.ts';
import {
  claimDueSqlite,
  createSqliteSql,
  ingestOneSqlite,
  pruneSqlite,
  readDepthSqlite,
  readStatsSqlite,
} from './sqlite-ops.ts';
import { ingestQuarantinedSqlite, quarantineSqlite } from './sqlite-quarantine.ts';
import type { Store, StoreCommonOptions } from './types.ts';
import { assertIngestItems, assertPruneOptions } from './validation.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions extends StoreCommonOptions {
  /** File path (parent folders are created) or `:memory:`. */
  readonly path: string;
  /**
   * `full` (default): every commit is fsync'd, so an ack survives an OS crash or power loss, not only a
   * process crash. `normal`: survives kill -9 but the last commits may roll back on power loss.
   */
  readonly synchronous?: 'full' | 'normal';
  /** How long a write waits for another connection's lock before failing `unavailable`; default 5,000 ms. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (or creates) a SQLite store: one better-sqlite3 connection, WAL journal. Call `migrate()` before
 * use (`openStore` does it for you).
 *
 * @example
 * const store = createSqliteStore({ path: './data/webhook.db' });
 * await store.migrate();
 * const [outcome] = await store.ingest([item]);
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const common = resolveCommonOptions(options);
  const db = openDatabase(options);
  const sql = createSqliteSql(db);
  let closed = false;
  // Operations run synchronously inside the promise executor: better-sqlite3 blocks, and with one connection
  // per store two operations can never interleave inside one transaction.
  const op = <T>(what: string, fn: () => T): Promise<T> =>
    new Promise<T>((resolve) => {
      if (closed) throw new StoreError(StoreErrorCode.Closed, `Store ${what} called after close()`);
      resolve(fn());
    }).catch((error: unknown) => {
      throw toStoreError(error, what);
    });
  // IMMEDIATE takes the write lock up front, so a second process waits (busy_timeout) instead of failing
  // with SQLITE_BUSY when a read transaction tries to upgrade.
  const write = <T>(fn: () => T): T => db.transaction(fn).immediate();
  const settle = (text: string, ...args: unknown[]): boolean => sql.run(text, ...args) === 1;
  const LEASE = leaseSql(callerClock);
  const RELEASE = releaseClaimsSql('SELECT value FROM json_each($2)');

  const digestOp = <T>(fn: () => T) => op('digests', fn);
  return {
    engine: 'sqlite',
    digests: createDigestStore(
      (text, values) => digestOp(() => sql.all(text, ...values)),
      (text, values) => digestOp(() => sql.run(text, ...values)),
    ),
    migrate: () => op('migrate', () => migrateSqlite(db, common.now)),
    ingest: (items) =>
      op('ingest', () => {
        assertIngestItems(items);
        return items.length === 0 ? [] : write(() => items.map((item) => ingestOneSqlite(sql, item)));
      }),
    claimDue: (options) => op('claimDue', () => write(() => claimDueSqlite(sql, options))),
    beginAttempt: ({ id, owner, fence }, { at, leaseMs, attempt }) =>
      op('beginAttempt', () =>
        settle(LEASE.beginAttempt, at, at, leaseMs, id, owner, fence, null, attempt ?? null),
      ),
    renewLeases: (owner, { now, leaseMs }) =>
      op('renewLeases', () => sql.run(LEASE.renewLeases, now, leaseMs, owner)),
    markSent: (id, owner, slackTs, fence) =>
      op('markSent', () => settle(SQL.markSent, slackTs, id, owner, fence ?? null)),
    reschedule: (id, owner, { nextAt, error }, fence) =>
      op('reschedule', () => settle(SQL.reschedule, nextAt, error, id, owner, fence ?? null)),
    deadLetter: (id, owner, error, fence) =>
      op('deadLetter', () => settle(SQL.deadLetter, error, id, owner, fence ?? null)),
    releaseClaims: (owner, { except = [] } = {}) =>
      op('releaseClaims', () => sql.run(RELEASE, owner, JSON.stringify(except))),
    recoverExpiredLeases: (now) => op('recoverExpiredLeases', () => sql.run(LEASE.recoverExpired, now)),
    replayDead: () => op('replayDead', () => sql.run(SQL.replayDead, common.now())),
    quarantine: (item) =>
      op('quarantine', () => {
        const values = quarantineValues(item, common.quarantineMaxBodyBytes);
        const { id, eviction } = write(() => quarantineSqlite(sql, values, common.quarantineLimit));
        if (eviction) common.onQuarantineEvicted(eviction);
        return id;
      }),
    listQuarantine: ({ limit = 100 } = {}) =>
      op('listQuarantine', () => sql.all(SQL.listQuarantine, limit).map(toQuarantineRow)),
    takeQuarantine: (id) =>
      op('takeQuarantine', () => {
        const row = sql.get(SQL.takeQuarantine, id);
        return row ? toQuarantineRow(row) : null;
      }),
    ingestQuarantined: (id, prepare) =>
      op('ingestQuarantined', () => write(() => ingestQuarantinedSqlite(sql, id, prepare))),
    stats: () => op('stats', () => db.transaction(() => readStatsSqlite(sql))()),
    depth: () => op('depth', () => db.transaction(() => readDepthSqlite(sql))()),
    tryLead: () => op('tryLead', () => soleLeadership),
    ping: () => op('ping', () => void sql.get('SELECT 1 AS ok')),
    followUp: (change) => op('followUp', () => write(() => followUpSqlite(sql, change))),
    getFollowUp: (sessionId) =>
      op('getFollowUp', () => {
        const row = sql.get(FOLLOW_UP_SQL.get, sessionId);
        return row ? toFollowUpRow(row) : null;
      }),
    listWaitingFollowUps: ({ since, group, limit, offset }) =>
      op('listWaitingFollowUps', () =>
        db.transaction(() => {
          const filter = [since, group?.toLowerCase() ?? null] as const;
          const total = Number(sql.get(FOLLOW_UP_SQL.countListed, ...filter)?.n ?? 0);
          const rows = sql.all(FOLLOW_UP_SQL.listWaiting, ...filter, limit, offset).map(toFollowUpRow);
          return { total, rows };
        })(),
      ),
    countWaitingFollowUps: () =>
      op('countWaitingFollowUps', () => waitingCounts(sql.all(FOLLOW_UP_SQL.countWaiting))),
    takeResolvedFollowUps: (now, limit) =>
      op('takeResolvedFollowUps', () => resolvedOf(sql.all(FOLLOW_UP_SQL.takeResolved, now, limit))),
    findPost: (sessionId, channel) =>
      op('findPost', () => {
        const row = sql.get(SQL.findPost, sessionId, channel);
        return row ? toOutboxRow(row) : null;
      }),
    prune: (options) =>
      op('prune', () => {
        assertPruneOptions(options);
        return write(() => pruneSqlite(sql, options));
      }),
    listInbox: ({ sinceMs, kind, limit = 10_000 } = {}) =>
      op('listInbox', () => sql.all(SQL.listInbox, sinceMs ?? null, kind ?? null, limit).map(toInboxRow)),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

function openDatabase(options: SqliteStoreOptions): Database.Database {
  try {
    if (options.path !== ':memory:' && options.path !== '')
      mkdirSync(dirname(options.path), { recursive: true });
    const db = new (loadSqlite())(options.path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    const failure = toStoreError(error, `open of SQLite database ${options.path}`);
    if (!UNWRITABLE.has(String((error as { code?: unknown } | null)?.code))) throw failure;
    // SQLite says only "unable to open database file" on a read-only disk: name what to check.
    const hint = `check that ${dirname(options.path)} exists and is writable by this process and not on a read-only disk (the store writes its WAL files next to the database)`;
    throw new StoreError(failure.code, `${failure.message}: ${hint}`, { cause: error });
  }
}

/** Codes of a database or folder the process cannot write (SQLite's, and Node's from creating the folder). */
const UNWRITABLE = new Set(['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'EACCES', 'EROFS', 'EPERM']);
