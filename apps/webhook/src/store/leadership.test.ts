import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { dropSchemas, postgresSuite, TEST_DATABASE_URL, testSchemaName } from '../test-utils/postgres.ts';
import { ADVISORY_LOCK_CLASS } from './postgres-migrations.ts';
import { createPostgresStore } from './postgres-store.ts';
import { createSqliteStore } from './sqlite-store.ts';
import type { Store } from './types.ts';

const suite = await postgresSuite('leadership');
const schemas: string[] = [];
const stores: Store[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dropSchemas(schemas);
});

const open = (schema: string): Store => {
  const store = createPostgresStore({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2 });
  stores.push(store);
  return store;
};

/** Ends the server connection holding the lead of `reconcile-test` in `schema`, as a leader that died would. */
async function killLeaderConnection(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid
         AND objid = hashtext('lead:' || $2 || ':reconcile-test')::oid`,
      [ADVISORY_LOCK_CLASS, schema],
    );
    return rows.length;
  } finally {
    await client.end();
  }
}

describe('tryLead', () => {
  test('SQLite, one instance, always leads', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    const lead = await store.tryLead('reconcile');
    expect(await lead?.holds()).toBe(true);
    await lead?.release();
    await store.close();
  });

  describe.skipIf(suite.skip)(suite.title, () => {
    test('one replica leads; release hands over; a dead leader’s lead is free for the next', async () => {
      const schema = testSchemaName('webhook_lead');
      schemas.push(schema);
      const [a, b] = [open(schema), open(schema)];
      await a.migrate();
      const first = await a.tryLead('reconcile-test');
      expect(first).not.toBeNull();
      expect(await b.tryLead('reconcile-test')).toBeNull();
      await first?.release();
      const second = await b.tryLead('reconcile-test');
      expect(await second?.holds()).toBe(true);
      expect(await a.tryLead('reconcile-test')).toBeNull();
      // b dies (its connection is cut): it learns so at its next check, and a can lead.
      expect(await killLeaderConnection(schema)).toBe(1);
      expect(await second?.holds()).toBe(false);
      const third = await a.tryLead('reconcile-test');
      expect(await third?.holds()).toBe(true);
      await third?.release();
    });
  });
});
