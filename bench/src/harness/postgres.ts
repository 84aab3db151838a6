import pg from 'pg';

/** Where the PostgreSQL figures run; a fresh schema is created in it for every run and dropped after. */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Creates a schema `bench_<time>_<pid>` and returns a URL whose connections use it as `search_path`,
 * or why PostgreSQL is not usable (the figure is then skipped, never faked).
 */
export async function postgresDatabase(): Promise<
  { url: string; drop(): Promise<void> } | { missing: string }
> {
  const schema = `bench_${Date.now()}_${process.pid}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await client.end().catch(() => {});
    return {
      missing: `PostgreSQL not reachable at ${new URL(POSTGRES_URL).host}: ${(error as Error).message}`,
    };
  }
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-csearch_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
