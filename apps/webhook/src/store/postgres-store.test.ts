import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { dropSchemas, postgresSuite, TEST_DATABASE_URL, testSchemaName } from '../test-utils/postgres.ts';
import { startTcpProxy } from '../test-utils/tcp-proxy.ts';
import { describeStoreContract, type MakeStore } from './contract.ts';
import { cdr, record, T0 } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import { openStore } from './open-store.ts';
import { checkOut } from './postgres-client.ts';
import { createPostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
import type { Store } from './types.ts';

const url = TEST_DATABASE_URL;
const suite = await postgresSuite('postgres store');

// The stores create their schemas (migrate()); every one this file named is dropped at the end.
const schemas: string[] = [];
const freshSchema = (): string => {
  const schema = testSchemaName('webhook_test');
  schemas.push(schema);
  return schema;
};
afterAll(() => dropSchemas(schemas));

const makePostgres: MakeStore = async (options = {}) => {
  const schema = freshSchema();
  const settings: PostgresStoreOptions = {
    ...options,
    connectionString: url,
    schema,
    poolSize: 4,
    lockTimeoutMs: 200,
    // The contract runs on the caller's (virtual) clock; the database clock has its own test below.
    leaseClock: 'caller',
  };
  const store = createPostgresStore(settings);
  expect(await store.migrate()).toEqual({ applied: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], current: 12 });
  return {
    store,
    reopen: async () => createPostgresStore(settings),
    blockWrites: async () => {
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query('BEGIN');
      await other.query(`LOCK TABLE "${schema}".inbox IN EXCLUSIVE MODE`);
      return async () => {
        await other.query('ROLLBACK');
        await other.end();
      };
    },
  };
};

describe.skipIf(suite.skip)(suite.title, () => {
  describeStoreContract('postgres', makePostgres);

  const opened: Store[] = [];
  const track = <T extends Store>(store: T): T => {
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  test('two replicas claiming 200 due rows concurrently claim every row exactly once', async () => {
    const { store, reopen } = await makePostgres();
    const replicas = [track(store), track(await reopen())];
    await store.ingest(Array.from({ length: 200 }, (_, i) => cdr(`c${i}`, ['C1'])));
    const drain = async (replica: Store, owner: string): Promise<number[]> => {
      const ids: number[] = [];
      for (;;) {
        const batch = await replica.claimDue({ now: T0 + 1, limit: 7, leaseMs: 60_000, owner });
        if (batch.length === 0) return ids;
        ids.push(...batch.map((message) => message.id));
      }
    };
    const claims = await Promise.all(
      replicas.flatMap((replica, r) => [drain(replica, `replica-${r}-a`), drain(replica, `replica-${r}-b`)]),
    );
    const all = claims.flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(await store.stats()).toMatchObject({ outbox: { pending: 0, sending: 200 } });
  });

  test('leases run on the database clock by default, whatever clock the replica passes', async () => {
    const settings = { connectionString: url, schema: freshSchema(), poolSize: 2 };
    const store = track(createPostgresStore(settings));
    await store.migrate();
    await store.ingest([cdr('s1', ['C1'])]);
    // This replica's clock is years behind (T0): the lease still ends a minute after the database's now.
    const before = Date.now();
    const [claimed] = await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 60_000, owner: 'skewed' });
    expect(claimed?.leaseUntil).toBeGreaterThanOrEqual(before + 60_000 - 1_000);
    expect(claimed?.leaseUntil).toBeLessThanOrEqual(Date.now() + 60_000 + 1_000);
    // A replica whose clock runs a day ahead cannot expire the live lease.
    expect(await store.recoverExpiredLeases(Date.now() + 86_400_000)).toBe(0);
    const claim = { id: claimed?.id ?? 0, owner: 'skewed', fence: claimed?.fence ?? 0 };
    expect(await store.beginAttempt(claim, { at: T0 + 2, leaseMs: 1 })).toBe(true);
    // A lease of 1 ms on the database clock has ended once a few ms have passed there.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.recoverExpiredLeases(0)).toBe(1);
  });

  test('two replicas migrating a fresh schema at once apply each version exactly once', async () => {
    const settings = { connectionString: url, schema: freshSchema(), poolSize: 2 };
    const [a, b] = [track(createPostgresStore(settings)), track(createPostgresStore(settings))];
    const results = await Promise.all([a.migrate(), b.migrate()]);
    expect(results.map((r) => r.applied).sort()).toEqual([[], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]);
    expect(await b.ingest([cdr('s1', ['C1'])])).toEqual(['stored']);
  });

  test('a cdr and its recording committed at the same moment on two replicas are still threaded', async () => {
    const { store, reopen } = await makePostgres();
    const other = track(await reopen());
    track(store);
    const sessions = Array.from({ length: 30 }, (_, i) => `race-${i}`);
    await Promise.all(
      sessions.flatMap((s) => [
        store.ingest([cdr(s, ['C1'])]),
        other.ingest([record(s, 'r1'), record(s, 'r2')]),
      ]),
    );
    expect(await store.stats()).toMatchObject({ inbox: 90, outbox: { pending: 90 } });
  });

  test('a checked-out client whose connection dies is discarded instead of crashing the process', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const { client, release } = await checkOut(pool);
    // What pg does when the socket of a checked-out client dies; with no listener, emit() would throw.
    expect(() => client.emit('error', new Error('read ECONNRESET'))).not.toThrow();
    release();
    expect(pool.totalCount).toBe(0);
    await pool.end();
  });

  test('a query on a connection gone dark fails within the query timeout and frees its pool slot, 3 times over', async () => {
    const target = new URL(url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    try {
      target.port = String(proxy.port);
      const settings = { connectionString: target.toString(), schema: freshSchema(), poolSize: 1 };
      const store = track(createPostgresStore({ ...settings, queryTimeoutMs: 1_000 }));
      await store.migrate();
      expect(await store.ingest([cdr('before', ['C1'])])).toEqual(['stored']);
      // One pool slot: a client hung on the dark link and never destroyed would hold it for good.
      for (const outage of [1, 2, 3]) {
        proxy.blackhole();
        const timed = async (n: number) => {
          const started = performance.now();
          const error = await store.ingest([cdr(`d${outage}-${n}`)]).catch((e: unknown) => e);
          return { code: isStoreError(error) && error.code, ms: performance.now() - started };
        };
        // One waits out the timeout on the dark client (no ROLLBACK after it: that would wait as long
        // again), the other waits as long for the slot, or for a new connection that stays dark.
        const results = await Promise.all([timed(1), timed(2)]);
        expect(results.map((r) => r.code)).toEqual([
          'webhook_store_unavailable',
          'webhook_store_unavailable',
        ]);
        // Under two timeouts: a ROLLBACK on the dark client would wait out the timeout a second time (≥ 2 s),
        // so this bound tells the two apart without depending on how loaded the machine is.
        expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(2 * 1_000);
        proxy.restore();
        expect(await store.ingest([cdr(`after-${outage}`, ['C1'])])).toEqual(['stored']);
      }
      expect(proxy.dark()).toBeGreaterThanOrEqual(3);
    } finally {
      await proxy.stop();
    }
  });

  test('openStore picks Postgres for postgres:// and postgresql:// URLs and migrates', async () => {
    for (const scheme of ['postgres:', 'postgresql:']) {
      const store = track(await openStore(url.replace(/^postgres(ql)?:/, scheme), { schema: freshSchema() }));
      expect(store.engine).toBe('postgres');
      expect(await store.ingest([cdr('s1', ['C1'])])).toEqual(['stored']);
    }
  });
});

describe('postgres store without a server', () => {
  test('an unreachable server makes ping reject webhook_store_unavailable', async () => {
    const store = createPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    const error = await store.ping().catch((e: unknown) => e);
    await store.close();
    expect(isStoreError(error) && error.code).toBe('webhook_store_unavailable');
  });

  test('a schema that is not a plain lower-case identifier is refused', () => {
    const make = () => createPostgresStore({ connectionString: url, schema: 'x"; DROP TABLE inbox; --' });
    expect(make).toThrow(expect.objectContaining({ code: 'webhook_store_invalid_options' }));
  });
});
