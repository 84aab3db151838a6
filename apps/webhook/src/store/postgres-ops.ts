import type pg from 'pg';
import { FOLLOW_UP_RETURNED } from './follow-up-sql.ts';
import { answeredByServer, checkOut } from './postgres-client.ts';
import { toClaimedMessage } from './row-mapping.ts';
import { callerClock, databaseClock, type LeaseClock, pruneSql, SQL } from './sql.ts';
import { toDepth, toStats } from './stats.ts';
import type {
  ClaimedMessage,
  ClaimOptions,
  PruneOptions,
  PruneResult,
  StoreDepth,
  StoreStats,
} from './types.ts';

type Row = Record<string, unknown>;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Runs `fn` in one transaction on one pooled client. After a server error it rolls back and returns the
 * client; after any other failure (a client-side timeout on a link that went dark, a dead socket) it
 * destroys the client without a ROLLBACK, which would only wait out the query timeout again (the server
 * ends its side: `idle_in_transaction_session_timeout`). A client whose ROLLBACK failed is destroyed too.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const { client, release } = await checkOut(pool);
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!answeredByServer(error)) broken = asError(error);
    else
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = asError(rollbackError);
      });
    throw error;
  } finally {
    release(broken);
  }
}

/**
 * Runs `fn` on one pooled client outside any explicit transaction (each statement commits on its own), with
 * the release rules of {@link inTransaction}: a server error leaves the client usable, anything else
 * destroys it.
 */
export async function onClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { client, release } = await checkOut(pool);
  let broken: Error | undefined;
  try {
    return await fn(client);
  } catch (error) {
    if (!answeredByServer(error)) broken = asError(error);
    throw error;
  } finally {
    release(broken);
  }
}

// One statement (over `candidates`, default SQL.selectDue): SKIP LOCKED makes concurrent claimers (replicas) take disjoint rows, and READ COMMITTED
// re-checks `state = 'pending'` on rows changed since the snapshot, so a row is never claimed twice.
export const claimSql = (
  clock: LeaseClock,
  candidates: string = SQL.selectDue,
): string => `WITH claimable AS (${candidates} FOR UPDATE OF o SKIP LOCKED)
  UPDATE outbox AS t SET state = 'sending', lease_owner = $3, lease_until = ${clock('$5')} + $6,
    fence = t.fence + 1
  FROM claimable c WHERE t.id = c.id
  RETURNING t.*, c.inbox_kind, c.body, c.parent_state, c.parent_ts, c.parent_body, c.parent_mention,
    c.recordings, c.voicemails, ${FOLLOW_UP_RETURNED}`;

const CLAIM_ON_DATABASE_CLOCK = claimSql(databaseClock);
const CLAIM_ON_CALLER_CLOCK = claimSql(callerClock);

/** Leases due rows (see {@link SQL.selectDue}), returned in id order; lease times on `clock`. */
export async function claimDuePostgres(
  pool: pg.Pool,
  options: ClaimOptions,
  clock: { sql: LeaseClock; now: (now: number) => number | null },
): Promise<ClaimedMessage[]> {
  const { now, limit, owner, leaseMs, perChannel = Number.MAX_SAFE_INTEGER } = options;
  const text = clock.sql === databaseClock ? CLAIM_ON_DATABASE_CLOCK : CLAIM_ON_CALLER_CLOCK;
  const { rows } = await pool.query<Row>(text, [now, limit, owner, perChannel, clock.now(now), leaseMs]);
  return rows.map(toClaimedMessage).sort((a, b) => a.id - b.id);
}

/** The rows of each of `queries`, all read from one snapshot, so counts taken together agree. */
async function readSnapshot(pool: pg.Pool, queries: readonly string[]): Promise<Row[][]> {
  return inTransaction(
    pool,
    async (client) => {
      const results: Row[][] = [];
      for (const text of queries) results.push((await client.query<Row>(text)).rows);
      return results;
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

/** Row counts from one snapshot. */
export async function readStatsPostgres(pool: pg.Pool): Promise<StoreStats> {
  const [inbox, quarantine, byState] = await readSnapshot(pool, [
    SQL.countInbox,
    SQL.countQuarantine,
    SQL.countOutboxByState,
  ]);
  return toStats(inbox?.[0], quarantine?.[0], byState ?? []);
}

/** Undelivered rows and quarantine size in one snapshot. */
export async function readDepthPostgres(pool: pg.Pool): Promise<StoreDepth> {
  const [quarantine, undelivered] = await readSnapshot(pool, [SQL.countQuarantine, SQL.countUndelivered]);
  return toDepth(quarantine?.[0], undelivered ?? []);
}

const PRUNE = pruneSql((column) => `${column} = ANY($1::text[])`);

/** Retention in one transaction (see `Store.prune`). */
export async function prunePostgres(pool: pg.Pool, { before, limit }: PruneOptions): Promise<PruneResult> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<Row>(SQL.prunableSessions, [before, limit]);
    const sessions = rows.map((row) => String(row.session_id));
    if (sessions.length === 0) return { sessions: 0, inbox: 0, outbox: 0 };
    const outbox = await client.query(PRUNE.outbox, [sessions, before]);
    const inbox = await client.query(PRUNE.inbox, [sessions, before]);
    await client.query(PRUNE.followUps, [sessions, before]);
    await client.query(PRUNE.contacts, [sessions, before]);
    return { sessions: sessions.length, inbox: inbox.rowCount ?? 0, outbox: outbox.rowCount ?? 0 };
  });
}
