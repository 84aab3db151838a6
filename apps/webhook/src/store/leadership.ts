import type pg from 'pg';
import { checkOut } from './postgres-client.ts';
import { ADVISORY_LOCK_CLASS } from './postgres-migrations.ts';
import type { Leadership } from './types.ts';

/** SQLite is one instance: it always leads. */
export const soleLeadership: Leadership = { holds: async () => true, release: async () => undefined };

/**
 * Leads `job` among PostgreSQL replicas with a session advisory lock held on a dedicated connection: the
 * lock lives as long as that connection, so when the leader dies (its connection closes) the lock is free
 * for the next replica that asks. Null when another replica holds it.
 */
export async function tryLeadPostgres(pool: pg.Pool, job: string): Promise<Leadership | null> {
  // Advisory locks are database-wide: the schema in the key keeps two deployments sharing a database apart.
  const key = [ADVISORY_LOCK_CLASS, job];
  const lockKey = `hashtext('lead:' || current_schema() || ':' || $2)`;
  const { client, release } = await checkOut(pool);
  try {
    const { rows } = await client.query<{ held: boolean }>(
      `SELECT pg_try_advisory_lock($1, ${lockKey}) AS held`,
      key,
    );
    if (!rows[0]?.held) {
      release();
      return null;
    }
  } catch (error) {
    release(error as Error);
    throw error;
  }
  let lost = false;
  const drop = (error?: Error): void => {
    lost = true;
    release(error);
  };
  return {
    async holds() {
      if (lost) return false;
      // A connection that died took the lock with it: the lead may be someone else's by now.
      return client.query('SELECT 1').then(
        () => true,
        (error: unknown) => {
          drop(error as Error);
          return false;
        },
      );
    },
    async release() {
      if (lost) return;
      await client.query(`SELECT pg_advisory_unlock($1, ${lockKey})`, key).catch(() => undefined);
      drop();
    },
  };
}
