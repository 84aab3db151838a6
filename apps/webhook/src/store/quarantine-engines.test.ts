import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { dropSchemas, postgresSuite, TEST_DATABASE_URL, testSchemaName } from '../test-utils/postgres.ts';
import { cdr, T0 } from './contract-fixtures.ts';
import { createPostgresStore } from './postgres-store.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { createSqliteStore } from './sqlite-store.ts';
import type { QuarantineEviction, QuarantineInput, Store, StoreCommonOptions } from './types.ts';

// Engine-specific halves of the quarantine contract: a failure raised by the database INSIDE the replayed
// ingest (a trigger), and one eviction batch of several rows (a restart with a smaller limit).

const refused = (n: number): QuarantineInput => ({
  pushId: `q-${n}`,
  action: 'cdr',
  query: 'action=cdr&version=1',
  reason: { code: 'invalid_payload', message: 'refused' },
  body: JSON.stringify({ SessionId: `s${n}` }),
  receivedAt: T0 + n,
});

interface Engine {
  /** A store on one database; every call opens another connection to the same one. */
  open(options?: StoreCommonOptions): Store;
  /** Makes every insert into the inbox fail from inside the database; returns the undo. */
  failInboxInserts(): Promise<() => Promise<void>>;
}

function describeEngine(name: string, engine: () => Promise<Engine>): void {
  describe(`quarantine on ${name}`, () => {
    test('a database error inside the replayed ingest rolls back: the row stays, nothing is ingested', async () => {
      const { open, failInboxInserts } = await engine();
      const store = open();
      await store.migrate();
      const id = await store.quarantine(refused(1));
      const undo = await failInboxInserts();
      const error = await store.ingestQuarantined(id, () => cdr('s1', ['C1'])).catch((e: unknown) => e);
      expect((error as Error).message).toContain('inbox is on fire');
      expect((await store.listQuarantine()).map((row) => row.pushId)).toEqual(['q-1']);
      expect(await store.listInbox()).toEqual([]);
      await undo();
      expect(await store.ingestQuarantined(id, () => cdr('s1', ['C1']))).toBe('stored');
      expect(await store.listQuarantine()).toEqual([]);
      await store.close();
    });

    test('a smaller limit evicts the surplus in one batch, reported once', async () => {
      const { open } = await engine();
      const roomy = open({ quarantineLimit: 10 });
      await roomy.migrate();
      for (let n = 1; n <= 6; n++) await roomy.quarantine(refused(n));
      await roomy.close();
      const evictions: QuarantineEviction[] = [];
      const tight = open({ quarantineLimit: 2, onQuarantineEvicted: (e) => evictions.push(e) });
      await tight.quarantine(refused(7));
      expect(evictions).toEqual([{ rows: 5, oldestReceivedAt: T0 + 1 }]);
      expect((await tight.listQuarantine()).map((row) => row.pushId)).toEqual(['q-7', 'q-6']);
      await tight.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'webhook-quarantine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describeEngine('sqlite', async () => {
  const path = join(dir, `q-${++files}.db`);
  return {
    open: (options = {}) => createSqliteStore({ ...options, path }),
    failInboxInserts: async () => {
      const db = new (loadSqlite())(path);
      db.exec(`CREATE TRIGGER fail_inbox BEFORE INSERT ON inbox BEGIN
        SELECT RAISE(ABORT, 'inbox is on fire'); END`);
      return async () => {
        db.exec('DROP TRIGGER fail_inbox');
        db.close();
      };
    },
  };
});

const suite = await postgresSuite('quarantine on postgres');
const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

describe.skipIf(suite.skip)(suite.title, () => {
  describeEngine('postgres', async () => {
    const schema = testSchemaName('webhook_quarantine');
    schemas.push(schema);
    const sql = async (text: string): Promise<void> => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`SET search_path = "${schema}"`);
      await client.query(text).finally(() => client.end());
    };
    return {
      open: (options = {}) =>
        createPostgresStore({ ...options, connectionString: TEST_DATABASE_URL, schema, poolSize: 2 }),
      failInboxInserts: async () => {
        await sql(`CREATE FUNCTION fail_inbox() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'inbox is on fire'; END $$;
          CREATE TRIGGER fail_inbox BEFORE INSERT ON inbox FOR EACH ROW EXECUTE FUNCTION fail_inbox()`);
        return () => sql('DROP TRIGGER fail_inbox ON inbox; DROP FUNCTION fail_inbox()');
      },
    };
  });
});
