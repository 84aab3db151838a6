import pg from 'pg';
import { resolveCommonOptions } from './common-options.ts';
import { StoreError, StoreErrorCode, toStoreError } from './errors.ts';
import { migratePostgres } from './postgres-migrations.ts';
import {
  claimDuePostgres,
  ingestPostgres,
  inTransaction,
  prunePostgres,
  quarantinePostgres,
  readStatsPostgres,
} from './postgres-ops.ts';
import { quarantineValues } from './quarantine-values.ts';
import { toInboxRow, toOutboxRow, toQuarantineRow } from './row-mapping.ts';
import { SQL } from './sql.ts';
import type { Store, StoreCommonOptions } from './types.ts';
import { assertIngestItems, assertPruneOptions } from './validation.ts';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions extends StoreCommonOptions {
  /** `postgres://user@host:5432/db` (credentials stay in here; they are never put in error messages). */
  readonly connectionString: string;
  /** Tables live in this schema (created by `migrate()`); default: the server's search_path. */
  readonly schema?: string;
  /** Pool size; default 10. */
  readonly poolSize?: number;
  /** Give up connecting after this long (`webhook_store_unavailable`); default 5,000 ms. */
  readonly connectionTimeoutMs?: number;
  /** Server-side cap per statement; default 30,000 ms, so an ack never hangs on a stuck query. */
  readonly statementTimeoutMs?: number;
  /** Server-side cap on waiting for a row/table lock; default: no cap beyond the statement timeout. */
  readonly lockTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates a Postgres store over a `pg` pool; safe to use from several replicas at once (claims use
 * `FOR UPDATE SKIP LOCKED`, migrations an advisory lock). Call `migrate()` before use (`openStore` does).
 *
 * @example
 * const store = createPostgresStore({ connectionString: 'postgres://app@127.0.0.1/webhook' });
 * await store.migrate();
 * const claimed = await store.claimDue({ now: Date.now(), limit: 10, leaseMs: 30_000, owner: 'relay-1' });
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const common = resolveCommonOptions(options);
  const schema = options.schema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(StoreErrorCode.InvalidOptions, `schema must match ${SCHEMA_NAME}, got "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    ...(options.lockTimeoutMs === undefined ? {} : { lock_timeout: options.lockTimeoutMs }),
    ...(schema === null ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client died (server restart, network cut): the pool drops it and the next query reconnects
  // or fails with `unavailable`. Without a listener the 'error' event would crash the process.
  pool.on('error', () => {});
  let closed = false;
  const op = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreError(StoreErrorCode.Closed, `Store ${what} called after close()`);
    try {
      return await fn();
    } catch (error) {
      throw toStoreError(error, what);
    }
  };
  const query = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rows;
  const count = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount ?? 0;

  return {
    engine: 'postgres',
    migrate: () => op('migrate', () => migratePostgres(pool, schema, common.now)),
    ingest: (items) =>
      op('ingest', async () => {
        assertIngestItems(items);
        return items.length === 0 ? [] : inTransaction(pool, (client) => ingestPostgres(client, items));
      }),
    claimDue: (options) => op('claimDue', () => claimDuePostgres(pool, options)),
    markSent: (id, owner, slackTs) =>
      op('markSent', async () => (await count(SQL.markSent, [slackTs, id, owner])) === 1),
    reschedule: (id, owner, { nextAt, error }) =>
      op('reschedule', async () => (await count(SQL.reschedule, [nextAt, error, id, owner])) === 1),
    deadLetter: (id, owner, error) =>
      op('deadLetter', async () => (await count(SQL.deadLetter, [error, id, owner])) === 1),
    releaseClaims: (owner) => op('releaseClaims', () => count(SQL.releaseClaims, [owner])),
    recoverExpiredLeases: (now) => op('recoverExpiredLeases', () => count(SQL.recoverExpired, [now])),
    replayDead: () => op('replayDead', () => count(SQL.replayDead, [common.now()])),
    quarantine: (item) =>
      op('quarantine', () =>
        quarantinePostgres(
          pool,
          quarantineValues(item, common.quarantineMaxBodyBytes),
          common.quarantineLimit,
        ),
      ),
    listQuarantine: ({ limit = 100 } = {}) =>
      op('listQuarantine', async () => (await query(SQL.listQuarantine, [limit])).map(toQuarantineRow)),
    takeQuarantine: (id) =>
      op('takeQuarantine', async () => {
        const [row] = await query(SQL.takeQuarantine, [id]);
        return row ? toQuarantineRow(row) : null;
      }),
    stats: () => op('stats', () => readStatsPostgres(pool)),
    ping: () => op('ping', async () => void (await query('SELECT 1 AS ok'))),
    findPost: (sessionId, channel) =>
      op('findPost', async () => {
        const [row] = await query(SQL.findPost, [sessionId, channel]);
        return row ? toOutboxRow(row) : null;
      }),
    prune: (options) =>
      op('prune', async () => {
        assertPruneOptions(options);
        return prunePostgres(pool, options);
      }),
    listInbox: ({ sinceMs, kind, limit = 10_000 } = {}) =>
      op('listInbox', async () =>
        (await query(SQL.listInbox, [sinceMs ?? null, kind ?? null, limit])).map(toInboxRow),
      ),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
