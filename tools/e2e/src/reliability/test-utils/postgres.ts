import pg from 'pg';

/** The PostgreSQL server the suite uses (the store tests use the same default). */
export const POSTGRES_URL: string =
  process.env.WEBHOOK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when the server answers; on CI the scenarios run regardless, so a missing server fails them. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema and URLs that use it: `direct` for the test's own reads, `via(port)` through a proxy. */
export interface FreshSchema {
  readonly direct: string;
  via(port: number): string;
  drop(): Promise<void>;
}

/** Creates `reliability_<time>_<pid>` and URLs whose connections use it as their search_path. */
export async function freshSchema(): Promise<FreshSchema> {
  const schema = `reliability_${Date.now()}_${process.pid}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  const url = (port?: number) => {
    const u = new URL(POSTGRES_URL);
    if (port !== undefined) u.port = String(port);
    u.searchParams.set('options', `-csearch_path=${schema}`);
    return u.toString();
  };
  return {
    direct: url(),
    via: (port) => url(port),
    async drop() {
      await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
