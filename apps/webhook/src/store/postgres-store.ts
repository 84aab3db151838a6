import { resolveCommonOptions } from './common-options.ts';
import { createDigestStore } from './digest-store.ts';
import { StoreError, StoreErrorCode, toStoreError } from './errors.ts';
import { followUpPostgres, resolvedOf, waitingCounts } from './follow-up-ops.ts';
import { FOLLOW_UP_SQL } from './follow-up-sql.ts';
import { tryLeadPostgres } from './leadership.ts';
import { channelSql, claimOwnedPostgres, ownedDueSql, releaseChannelsPostgres } from './postgres-channels.ts';
import { createPool } from './postgres-client.ts';
import { ingestBatchPostgres, warmUpPostgres } from './postgres-ingest.ts';
import { migratePostgres } from './postgres-migrations.ts';
import {
  claimDuePostgres,
  claimSql,
  prunePostgres,
  readDepthPostgres,
  readStatsPostgres,
} from './postgres-ops.ts';
import { ingestQuarantinedPostgres, quarantinePostgres } from './postgres-quarantine.ts';
import { quarantineValues } from './quarantine-values.ts';
import { toFollowUpRow, toInboxRow, toOutboxRow, toQuarantineRow } from './row-mapping.ts';
import { callerClock, databaseClock, leaseSql, releaseClaimsSql, SQL } from './sql.ts';
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
  /**
   * Client-side cap per query (`query_timeout`); default 5,000 ms. It holds where the server's own
   * timeout cannot reach us (a connection that went dark without a reset): the query fails
   * `webhook_store_unavailable` and its client is destroyed, freeing its pool slot.
   */
  readonly queryTimeoutMs?: number | undefined;
  /** Give up connecting, or waiting for a free pooled client, after this long; default `queryTimeoutMs`. */
  readonly connectionTimeoutMs?: number;
  /**
   * Server-side cap per statement; default `queryTimeoutMs` less a fifth (at most 1 s), so on a link that
   * works the server cancels a slow statement (the connection stays usable) before the client gives up.
   */
  readonly statementTimeoutMs?: number;
  /** Server-side cap on waiting for a row/table lock; default: no cap beyond the statement timeout. */
  readonly lockTimeoutMs?: number;
  /**
   * Whose clock lease times follow: `database` (default: PostgreSQL's `clock_timestamp()`, one clock for
   * every replica, so a replica whose clock runs ahead cannot take over live leases) or `caller` (the `now`
   * passed to each method: tests on a virtual clock).
   */
  readonly leaseClock?: 'database' | 'caller';
}

const RELEASE_CLAIMS = releaseClaimsSql(
  'SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST($2 AS json))',
);

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
  const poolSize = options.poolSize ?? 10;
  const pool = createPool({
    connectionString: options.connectionString,
    schema,
    poolSize,
    queryTimeoutMs: options.queryTimeoutMs ?? 5_000,
    connectionTimeoutMs: options.connectionTimeoutMs,
    statementTimeoutMs: options.statementTimeoutMs,
    lockTimeoutMs: options.lockTimeoutMs,
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
  const onDatabaseClock = options.leaseClock !== 'caller';
  const clock = {
    sql: onDatabaseClock ? databaseClock : callerClock,
    now: (now: number) => (onDatabaseClock ? null : now),
  };
  const LEASE = leaseSql(clock.sql, true);
  const channels = { channels: channelSql(clock.sql), claim: claimSql(clock.sql, ownedDueSql) };
  const query = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rows;
  const count = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount ?? 0;

  return {
    engine: 'postgres',
    digests: createDigestStore(
      (text, values) => op('digests', () => query(text, [...values])),
      (text, values) => op('digests', () => count(text, [...values])),
    ),
    migrate: () =>
      op('migrate', async () => {
        const result = await migratePostgres(pool, schema, common.now);
        // The group committer's batches in flight (4 in the webhook) find warm connections. Warming every
        // pool slot measured no better, and would hold more connections open from the start.
        await warmUpPostgres(pool, Math.min(poolSize, 4));
        return result;
      }),
    ingest: (items) =>
      op('ingest', async () => {
        assertIngestItems(items);
        return items.length === 0 ? [] : ingestBatchPostgres(pool, items);
      }),
    claimDue: (options) =>
      op('claimDue', () => {
        const { channelLeaseMs } = options;
        if (channelLeaseMs === undefined) return claimDuePostgres(pool, options, clock);
        return claimOwnedPostgres(pool, { ...options, channelLeaseMs }, channels, clock.now(options.now));
      }),
    beginAttempt: ({ id, owner, fence }, { at, leaseMs, channelGuardMs, attempt }) =>
      op('beginAttempt', async () => {
        const values = [
          clock.now(at),
          at,
          leaseMs,
          id,
          owner,
          fence,
          channelGuardMs ?? null,
          attempt ?? null,
        ];
        return (await count(LEASE.beginAttempt, values)) === 1;
      }),
    renewLeases: (owner, { now, leaseMs }) =>
      op('renewLeases', () => count(LEASE.renewLeases, [clock.now(now), leaseMs, owner])),
    markSent: (id, owner, slackTs, fence) =>
      op('markSent', async () => (await count(SQL.markSent, [slackTs, id, owner, fence ?? null])) === 1),
    reschedule: (id, owner, { nextAt, error }, fence) =>
      op(
        'reschedule',
        async () => (await count(SQL.reschedule, [nextAt, error, id, owner, fence ?? null])) === 1,
      ),
    deadLetter: (id, owner, error, fence) =>
      op('deadLetter', async () => (await count(SQL.deadLetter, [error, id, owner, fence ?? null])) === 1),
    releaseClaims: (owner, { except = [] } = {}) =>
      op('releaseClaims', async () => {
        const released = await count(RELEASE_CLAIMS, [owner, JSON.stringify(except)]);
        await releaseChannelsPostgres(pool, channels.channels, owner);
        return released;
      }),
    recoverExpiredLeases: (now) =>
      op('recoverExpiredLeases', () => count(LEASE.recoverExpired, [clock.now(now)])),
    replayDead: () => op('replayDead', () => count(SQL.replayDead, [common.now()])),
    quarantine: (item) =>
      op('quarantine', async () => {
        const values = quarantineValues(item, common.quarantineMaxBodyBytes);
        const { id, eviction } = await quarantinePostgres(pool, values, common.quarantineLimit);
        if (eviction) common.onQuarantineEvicted(eviction);
        return id;
      }),
    listQuarantine: ({ limit = 100 } = {}) =>
      op('listQuarantine', async () => (await query(SQL.listQuarantine, [limit])).map(toQuarantineRow)),
    takeQuarantine: (id) =>
      op('takeQuarantine', async () => {
        const [row] = await query(SQL.takeQuarantine, [id]);
        return row ? toQuarantineRow(row) : null;
      }),
    ingestQuarantined: (id, prepare) =>
      op('ingestQuarantined', () => ingestQuarantinedPostgres(pool, id, prepare)),
    stats: () => op('stats', () => readStatsPostgres(pool)),
    depth: () => op('depth', () => readDepthPostgres(pool)),
    tryLead: (job) => op('tryLead', () => tryLeadPostgres(pool, job)),
    ping: () => op('ping', async () => void (await query('SELECT 1 AS ok'))),
    followUp: (change) => op('followUp', () => followUpPostgres(pool, change)),
    getFollowUp: (sessionId) =>
      op('getFollowUp', async () => {
        const [row] = await query(FOLLOW_UP_SQL.get, [sessionId]);
        return row ? toFollowUpRow(row) : null;
      }),
    listWaitingFollowUps: ({ since, group, limit, offset }) =>
      op('listWaitingFollowUps', async () => {
        const filter = [since, group?.toLowerCase() ?? null];
        const [count] = await query(FOLLOW_UP_SQL.countListed, filter);
        const rows = (await query(FOLLOW_UP_SQL.listWaiting, [...filter, limit, offset])).map(toFollowUpRow);
        return { total: Number(count?.n ?? 0), rows };
      }),
    countWaitingFollowUps: () =>
      op('countWaitingFollowUps', async () => waitingCounts(await query(FOLLOW_UP_SQL.countWaiting))),
    takeResolvedFollowUps: (now, limit) =>
      op('takeResolvedFollowUps', async () =>
        resolvedOf(await query(FOLLOW_UP_SQL.takeResolved, [now, limit])),
      ),
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
