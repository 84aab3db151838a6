import type pg from 'pg';

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
