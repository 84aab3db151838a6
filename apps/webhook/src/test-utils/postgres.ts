import pg from 'pg';

/**
 * The PostgreSQL server of every test that needs one (the store and replica tests here, the reliability
 * suite, the benchmarks): `WEBHOOK_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`.
 * One variable for all of them, so pointing the tests at another server is one setting.
 */
export const TEST_DATABASE_URL: string =
  process.env.WEBHOOK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const host = (): string => new URL(TEST_DATABASE_URL).host;

/** Connects and disconnects; false when the server does not answer within `timeoutMs`. */
async function reachable(timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a PostgreSQL suite runs, and a title that says against which server or why not. */
export interface PostgresSuite {
  readonly skip: boolean;
  readonly title: string;
}

/**
 * The rule of every PostgreSQL test: skipped only when the server is unreachable AND `CI` is not `'true'`.
 * On CI PostgreSQL is part of the job, so the tests run (and fail loudly) even when it is down.
 *
 * @example
 * const suite = await postgresSuite('postgres store');
 * describe.skipIf(suite.skip)(suite.title, () => {
 *   // tests that use TEST_DATABASE_URL
 * });
 */
export async function postgresSuite(name: string): Promise<PostgresSuite> {
  const skip = process.env.CI !== 'true' && !(await reachable(2_000));
  return {
    skip,
    title: skip
      ? `${name} — SKIPPED: PostgreSQL unreachable at ${host()} and CI is not 'true'`
      : `${name} (PostgreSQL at ${host()})`,
  };
}

let made = 0;

/**
 * A schema name of its own for this process and call, `<prefix>_<pid>_<time>_<n>`: a plain lower-case
 * identifier, as the store's `schema` option requires. Nothing is created (see {@link createTestSchema}).
 */
export function testSchemaName(prefix: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix))
    throw new Error(`schema prefix ${prefix} is not a plain identifier`);
  made += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${made}`;
}

/** Drops the schemas, and everything in them, that exist (the code under test may have created them). */
export async function dropSchemas(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A created schema and URLs whose connections use it as their `search_path`. */
export interface TestSchema {
  readonly name: string;
  /** {@link TEST_DATABASE_URL} with `options=-csearch_path=<name>`: what `DATABASE_URL` is set to. */
  readonly url: string;
  /** The same URL on another port of the same host (a proxy that cuts the connection, for example). */
  via(port: number): string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh schema (see {@link testSchemaName}); rejects with the connection error when the server
 * does not answer.
 *
 * @example
 * const schema = await createTestSchema('reliability');
 * await startWebhookProcess({ env: { DATABASE_URL: schema.url } });
 * await schema.drop();
 */
export async function createTestSchema(prefix: string): Promise<TestSchema> {
  const name = testSchemaName(prefix);
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA "${name}"`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = (port?: number): string => {
    const u = new URL(TEST_DATABASE_URL);
    if (port !== undefined) u.port = String(port);
    u.searchParams.set('options', `-csearch_path=${name}`);
    return u.toString();
  };
  return { name, url: url(), via: (port) => url(port), drop: () => dropSchemas([name]) };
}
