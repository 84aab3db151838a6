import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore, type QuarantineInput } from '../store/index.ts';
import { loadSqlite } from '../store/sqlite-driver.ts';
import { CLI_ENV, runCli } from '../test-utils/cli.ts';
import { createTestSchema, postgresSuite, type TestSchema } from '../test-utils/postgres.ts';

const refused = (pushId: string, body: string | Uint8Array, extra: Partial<QuarantineInput> = {}) => ({
  pushId,
  action: 'cdr',
  query: 'action=cdr&version=1',
  reason: { code: 'invalid_payload', message: 'refused by an older version' },
  body,
  receivedAt: 1_700_000_000_000,
  ...extra,
});

interface Database {
  readonly url: string;
  /** Makes every insert into the inbox fail inside the database (a fault in the middle of the replay). */
  failInboxInserts(): Promise<() => Promise<void>>;
}

/**
 * The operator's replay, through the CLI process: a push an older version refused is stored and leaves the
 * quarantine; invalid and truncated rows stay (same ids); a database error in the middle of the replay
 * leaves every row in quarantine and nothing stored, and a second run then finishes the job.
 */
function describeReplay(name: string, database: () => Promise<Database>): void {
  test(`${name}: replay-quarantine stores what parses now, keeps the rest, loses nothing on a failure`, async () => {
    const db = await database();
    const seeded = await openStore(db.url);
    const good = await seeded.quarantine(refused('old-1', repairedSamples.cdrPushSeed));
    const bad = await seeded.quarantine(refused('bad-1', '{"SessionId": 42}'));
    const cut = await seeded.quarantine(
      refused('cut-1', repairedSamples.cdrPushSeed.slice(0, 40), { receivedBytes: 5_000 }),
    );
    await seeded.close();
    const env = { ...CLI_ENV, DATABASE_URL: db.url };

    const undo = await db.failInboxInserts();
    const failed = await runCli(['replay-quarantine'], env);
    await undo();
    expect({ code: failed.code, stderr: failed.stderr }).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('inbox is on fire'),
    });
    const afterFailure = await openStore(db.url);
    expect((await afterFailure.listQuarantine()).map((row) => row.id)).toEqual([cut, bad, good]);
    expect(await afterFailure.listInbox()).toEqual([]);
    await afterFailure.close();

    const run = await runCli(['replay-quarantine'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // What happened to each push, newest first, then the totals; never a body.
    expect(run.stdout.split('\n')).toEqual([
      `#${cut}: still refused, kept: truncated: only part of its 5000 bytes was kept, so it cannot parse`,
      expect.stringMatching(new RegExp(`^#${bad}: still refused, kept: invalid_payload: .*SessionId`)),
      `#${good} (cdr): stored, left the quarantine`,
      'replayed: 1 stored, 0 duplicate, 2 still invalid (kept)',
      '',
    ]);
    const store = await openStore(db.url);
    expect((await store.listQuarantine()).map((row) => row.id)).toEqual([cut, bad]);
    expect((await store.listInbox()).map((row) => [row.kind, row.pushId])).toEqual([['cdr', 'old-1']]);
    expect((await store.stats()).outbox.pending).toBe(1);
    await store.close();
    expect((await runCli(['replay-quarantine', '--id', String(good)], env)).stdout).toBe(
      `#${good}: not in the quarantine (already replayed or evicted)\nreplayed: 0 stored, 0 duplicate, 0 still invalid (kept)\n`,
    );
  }, 30_000);
}

const dir = mkdtempSync(join(tmpdir(), 'webhook-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replay-quarantine on SQLite', () => {
  describeReplay('sqlite', async () => {
    const path = join(dir, 'replay.db');
    return {
      url: `sqlite:${path}`,
      failInboxInserts: async () => {
        const raw = new (loadSqlite())(path);
        raw.exec(`CREATE TRIGGER fail_inbox BEFORE INSERT ON inbox BEGIN
          SELECT RAISE(ABORT, 'inbox is on fire'); END`);
        return async () => {
          raw.exec('DROP TRIGGER fail_inbox');
          raw.close();
        };
      },
    };
  });
});

const suite = await postgresSuite('replay-quarantine on PostgreSQL');
const schemas: TestSchema[] = [];
afterAll(() => Promise.all(schemas.map((schema) => schema.drop())));

describe.skipIf(suite.skip)(suite.title, () => {
  describeReplay('postgres', async () => {
    const schema = await createTestSchema('webhook_cli');
    schemas.push(schema);
    const sql = async (text: string): Promise<void> => {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      await client.query(text).finally(() => client.end());
    };
    return {
      url: schema.url,
      failInboxInserts: async () => {
        await sql(`CREATE FUNCTION fail_inbox() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'inbox is on fire'; END $$;
          CREATE TRIGGER fail_inbox BEFORE INSERT ON inbox FOR EACH ROW EXECUTE FUNCTION fail_inbox()`);
        return () => sql('DROP TRIGGER fail_inbox ON inbox; DROP FUNCTION fail_inbox()');
      },
    };
  });
});
