import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { claimAll, record, T0 } from './contract-fixtures.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { migrateSqlite, SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import { createSqliteStore } from './sqlite-store.ts';

const Database = loadSqlite();
const dir = mkdtempSync(join(tmpdir(), 'webhook-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('version 4 rebuilds the outbox of a version-3 database and keeps every row and column', async () => {
  const path = join(dir, 'v3.db');
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  migrateSqlite(db, () => T0, SQLITE_MIGRATIONS.slice(0, 3));
  db.exec(`INSERT INTO inbox (id, kind, dedupe_key, session_id, push_id, source, body, received_at)
      VALUES (7, 'cdr', 'cdr:s1', 's1', 'p1', 'push', '{"SessionId":"s1"}', ${T0});
    INSERT INTO outbox (id, inbox_id, parent_id, channel, kind, session_id, mention, state, attempts, next_at,
      slack_ts, created_at, fence, in_doubt, first_attempt_at, last_attempt_at)
      VALUES (40, 7, NULL, 'C1', 'post', 's1', 'U1', 'sent', 1, ${T0}, '1.2', ${T0}, 3, 0, ${T0}, ${T0}),
        (41, 7, NULL, 'C2', 'post', 's1', NULL, 'pending', 2, ${T0}, NULL, ${T0}, 5, 1, ${T0 - 5}, ${T0 - 1});`);
  db.close();

  const store = createSqliteStore({ path });
  expect(await store.migrate()).toEqual({ applied: [4, 5, 6, 7, 8, 9, 10, 11, 12], current: 12 });
  const [pending] = await claimAll(store, 'relay-a', T0 + 1);
  expect(pending).toMatchObject({
    id: 41,
    channel: 'C2',
    attempts: 2,
    fence: 6,
    inDoubt: true,
    firstAttemptAt: T0 - 5,
    lastAttemptAt: T0 - 1,
    awaitsCall: false,
  });
  // New rows take ids after the old ones, and the new kind is accepted.
  expect(await store.ingest([record('s1', 'r1')])).toEqual(['stored']);
  const threaded = await claimAll(store, 'relay-b', T0 + 2);
  expect(threaded.map((m) => [m.kind, m.parentId, m.threadTs])).toEqual([
    ['reply', 40, '1.2'],
    ['update', 40, '1.2'],
  ]);
  expect(Math.min(...threaded.map((m) => m.id))).toBeGreaterThan(41);
  await store.close();
});

test('version 12 keeps every contact of a version-11 database, now found by customer', async () => {
  const path = join(dir, 'v11.db');
  const db = new Database(path);
  migrateSqlite(db, () => T0, SQLITE_MIGRATIONS.slice(0, 11));
  db.exec(`INSERT INTO follow_up_contacts (session_id, customer, at, detail, received_at)
    VALUES ('s1', '8613800000001', ${T0}, '{"talkSeconds":30}', ${T0 + 5}),
      ('s2', '8613800000002', ${T0 + 1}, '{}', ${T0 + 6});`);
  db.close();

  const store = createSqliteStore({ path });
  expect(await store.migrate()).toEqual({ applied: [12], current: 12 });
  await store.close();
  const after = new Database(path, { readonly: true });
  expect(after.prepare('SELECT * FROM follow_up_contacts ORDER BY customer').all()).toEqual([
    {
      customer: '8613800000001',
      at: T0,
      session_id: 's1',
      detail: '{"talkSeconds":30}',
      received_at: T0 + 5,
    },
    { customer: '8613800000002', at: T0 + 1, session_id: 's2', detail: '{}', received_at: T0 + 6 },
  ]);
  const plan = after
    .prepare('EXPLAIN QUERY PLAN SELECT * FROM follow_up_contacts WHERE customer = ? AND at > ? ORDER BY at')
    .all('8613800000001', T0) as { detail: string }[];
  expect(plan.map((step) => step.detail)).toEqual([
    'SEARCH follow_up_contacts USING PRIMARY KEY (customer=? AND at>?)',
  ]);
  after.close();
});
