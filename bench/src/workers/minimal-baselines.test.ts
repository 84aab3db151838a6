import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadSqlite } from '@ccc-kit/webhook/sqlite';
import { createTestSchema, postgresSuite } from '@ccc-kit/webhook/test-utils/postgres';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { freePort, type Service, startService } from '../harness/processes.ts';

// The minimal durable baselines of the ingest figures, run as their own processes from source: they ack a
// push only once it is committed (kill -9 right after the acks loses none), dedupe by push id, and refuse
// a body that is not JSON.

const HERE = dirname(fileURLToPath(import.meta.url));
const RUN_TS = join(HERE, 'run-ts.test-helper.mjs');

/** push id → outbox rows of its inbox row, for every inbox row. */
type Stored = Map<string, number>;
const STORED_SQL = `SELECT i.push_id, count(o.id) AS n FROM inbox i LEFT JOIN outbox o ON o.inbox_id = i.id
  GROUP BY i.push_id`;

/** One engine's baseline on a fresh database, and a way to read that database (also after a crash). */
interface Started {
  readonly service: Service;
  stored(): Promise<Stored>;
  /** Takes the database's write lock from another connection; resolves to its release. */
  lock(): Promise<() => Promise<void>>;
  cleanup(): Promise<void>;
}

async function startWorker(worker: string, database: string): Promise<Service> {
  const port = await freePort();
  return startService({
    name: worker,
    script: RUN_TS,
    args: [join(HERE, `${worker}.ts`), String(port), database],
    port,
    readyPath: '/',
  });
}

async function startSqlite(): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'ccc-bench-baseline-test-'));
  const file = join(dir, 'baseline.db');
  const service = await startWorker('sqlite-baseline', file);
  return {
    service,
    async stored() {
      const db = new (loadSqlite())(file);
      try {
        const rows = db.prepare(STORED_SQL).all() as { push_id: string; n: number }[];
        return new Map(rows.map((row) => [row.push_id, Number(row.n)]));
      } finally {
        db.close();
      }
    },
    async lock() {
      const db = new (loadSqlite())(file);
      db.exec('BEGIN IMMEDIATE');
      return async () => {
        db.exec('ROLLBACK');
        db.close();
      };
    },
    async cleanup() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startPostgres(): Promise<Started> {
  const schema = await createTestSchema('bench_baseline');
  const service = await startWorker('postgres-baseline', schema.url);
  return {
    service,
    async stored() {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ push_id: string; n: string }>(STORED_SQL);
        return new Map(rows.map((row) => [row.push_id, Number(row.n)]));
      } finally {
        await client.end();
      }
    },
    async lock() {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      // EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT takes, and lets readers through.
      await client.query('BEGIN; LOCK TABLE inbox IN EXCLUSIVE MODE');
      return async () => {
        await client.query('ROLLBACK');
        await client.end();
      };
    },
    async cleanup() {
      await service.stop();
      await schema.drop();
    },
  };
}

interface Answer {
  readonly status: number;
  readonly body: { ErrCode: number; ErrMsg: string };
}

async function post(service: Service, id: string, body = JSON.stringify({ SessionId: id })): Promise<Answer> {
  const res = await fetch(`${service.url}/push?action=cdr&version=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tccc-push-uuid': id },
    body,
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/**
 * 32 concurrent senders of distinct pushes. Once `ackedFirst` are acked, the test takes the database's
 * write lock, so the pushes sent from then on wait for a commit that cannot happen; 300 ms later it kills
 * the receiver with SIGKILL. A receiver that answered before committing would have acked pushes that are
 * not stored; one that acks only after the commit has acked none of them. Returns every push acked
 * (answers read after the kill included) and how many requests were cut off by the kill.
 */
async function pushLockKill(
  started: Started,
  ackedFirst: number,
): Promise<{ acked: Set<string>; cut: number }> {
  const acked = new Set<string>();
  let reached = (): void => undefined;
  const enough = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let next = 0;
  let cut = 0;
  let killed = false;
  const sender = async (): Promise<void> => {
    while (!killed) {
      const id = `kill-${next++}`;
      const body = JSON.stringify({ SessionId: id, Pad: 'x'.repeat(2_000) });
      const answer = await post(started.service, id, body).catch(() => undefined);
      if (!answer) {
        cut += 1;
        return;
      }
      if (answer.status === 200 && answer.body.ErrMsg === '') acked.add(id);
      if (acked.size >= ackedFirst) reached();
    }
  };
  const senders = Promise.all(Array.from({ length: 32 }, sender));
  await enough;
  const unlock = await started.lock();
  await sleep(300);
  killed = true;
  process.kill(started.service.pid, 'SIGKILL');
  await senders;
  await unlock();
  return { acked, cut };
}

const suite = await postgresSuite('postgres-baseline');
const engines = [
  { name: 'sqlite-baseline', start: startSqlite, skip: false },
  { name: suite.title, start: startPostgres, skip: suite.skip },
];

for (const engine of engines) {
  describe.skipIf(engine.skip)(engine.name, () => {
    test('every push acked before a kill -9 is stored, with its outbox row; none acked before its commit', async () => {
      const started = await engine.start();
      try {
        const { acked, cut } = await pushLockKill(started, 400);
        await started.service.stop();
        const stored = await started.stored();
        expect(acked.size).toBeGreaterThanOrEqual(400);
        expect(cut).toBeGreaterThan(0);
        const lost = [...acked].filter((id) => stored.get(id) !== 1);
        expect(lost).toEqual([]);
      } finally {
        await started.cleanup();
      }
      // A process started through the TypeScript runner, 400+ pushes and a kill: ~2 s alone, 14–17 s in CI
      // with every workspace's suite running on the same two cores (it once reached the default 20 s there).
    }, 60_000);

    test('a repeated push id is answered duplicate and stored once', async () => {
      const started = await engine.start();
      try {
        expect(await post(started.service, 'push-a')).toEqual({
          status: 200,
          body: { ErrCode: 0, ErrMsg: '' },
        });
        expect((await post(started.service, 'push-a')).body.ErrMsg).toBe('duplicate');
        // Sent together, so usually in the same batch: the first stored, the second a duplicate.
        const both = await Promise.all([post(started.service, 'push-b'), post(started.service, 'push-b')]);
        expect(both.map((answer) => answer.body.ErrMsg).sort()).toEqual(['', 'duplicate']);
        expect(await started.stored()).toEqual(
          new Map([
            ['push-a', 1],
            ['push-b', 1],
          ]),
        );
      } finally {
        await started.cleanup();
      }
    });

    test('a body that is not JSON is answered 400 and stores nothing', async () => {
      const started = await engine.start();
      try {
        const answer = await post(started.service, 'push-c', '{"SessionId": ');
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({ ErrCode: 400, ErrMsg: 'body is not JSON' });
        expect((await started.stored()).size).toBe(0);
      } finally {
        await started.cleanup();
      }
    });
  });
}
