import pg from 'pg';
import { StoreError, StoreErrorCode } from './errors.ts';

/** How the pool talks to the server; every duration in ms (see `PostgresStoreOptions`). */
export interface PoolSettings {
  readonly connectionString: string;
  readonly schema: string | null;
  readonly poolSize: number;
  readonly queryTimeoutMs: number;
  readonly connectionTimeoutMs?: number | undefined;
  readonly statementTimeoutMs?: number | undefined;
  readonly lockTimeoutMs?: number | undefined;
}

/**
 * The server cancels a slow statement a little before the client gives up on it (cleanly: the connection
 * stays usable), so the client-side timeout only fires when the server is not heard from at all.
 */
const serverTimeout = (queryTimeoutMs: number): number =>
  Math.max(1, queryTimeoutMs - Math.min(1_000, Math.floor(queryTimeoutMs / 5)));

/**
 * A pool that never waits forever on a link that went dark (failover, a NAT or firewall dropping the
 * connection without a reset): the server's `statement_timeout` no longer reaches us there, so every query
 * has a client-side `query_timeout`, every connection attempt (and wait for a free client) a
 * `connectionTimeoutMillis`, and idle sockets TCP keep-alive (idle connections are kept, not closed). A client whose query timed out is destroyed
 * (see `inTransaction`), which frees its pool slot. `idle_in_transaction_session_timeout` makes the server
 * end the abandoned half of such a transaction, releasing its row and advisory locks.
 */
export function createPool(settings: PoolSettings): pg.Pool {
  const { queryTimeoutMs } = settings;
  for (const [name, value] of Object.entries({ queryTimeoutMs, poolSize: settings.poolSize })) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new StoreError(StoreErrorCode.InvalidOptions, `${name} must be a positive integer, got ${value}`);
  }
  return new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectionTimeoutMs ?? queryTimeoutMs,
    query_timeout: queryTimeoutMs,
    statement_timeout: settings.statementTimeoutMs ?? serverTimeout(queryTimeoutMs),
    idle_in_transaction_session_timeout: queryTimeoutMs,
    // Connections stay open once made: a new one pays for its backend, catalog caches and the first plans
    // of the ingest statement (~35 ms measured), a stall the push that meets it would wait for.
    idleTimeoutMillis: 0,
    // Who is who in pg_stat_activity (and which schema, when several webhooks share a database).
    application_name: (settings.schema === null ? 'ccc-webhook' : `ccc-webhook:${settings.schema}`).slice(
      0,
      63,
    ),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(settings.lockTimeoutMs === undefined ? {} : { lock_timeout: settings.lockTimeoutMs }),
    ...(settings.schema === null ? {} : { options: `-c search_path=${settings.schema}` }),
  });
}

/**
 * True when the server answered the failed query (the error carries a SQLSTATE): the connection is in a
 * known state and a ROLLBACK works. A client-side timeout or a dead socket has no SQLSTATE.
 */
export const answeredByServer = (error: unknown): boolean =>
  /^[0-9A-Z]{5}$/.test(String((error as { code?: unknown } | null)?.code));

/** A client taken from the pool, released with {@link CheckedOut.release}. */
export interface CheckedOut {
  readonly client: pg.PoolClient;
  /** Returns the client to the pool, or destroys it when it failed (`error`) or its connection died. */
  release(error?: Error): void;
}

/**
 * Takes a client from the pool. A checked-out client reports a dead connection twice: to the running query
 * (which rejects, and the caller handles that) and as an 'error' event on the client. The pool listens for
 * that event only while the client is idle, so without this listener a connection cut mid-transaction
 * crashes the process (found by the reliability suite, scenario 4).
 */
export async function checkOut(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let died: Error | undefined;
  const onError = (error: Error): void => {
    died = error;
  };
  client.on('error', onError);
  return {
    client,
    release(error) {
      // A dead client keeps the listener: it is destroyed, and may still report its socket closing.
      if (!died) client.removeListener('error', onError);
      client.release(error ?? died);
    },
  };
}
