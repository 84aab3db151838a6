import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from './test-utils/harness.ts';
import { createTestSchema, postgresSuite, type TestSchema } from './test-utils/postgres.ts';

let harness: Harness | undefined;
let schema: TestSchema | undefined;
afterEach(async () => {
  await harness?.stop();
  await schema?.drop();
  [harness, schema] = [undefined, undefined];
});

const basic = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;

/** One push as Tencent sends it (no retry), with when its answer came. */
async function push(h: Harness, body: string, pushId: string) {
  const res = await fetch(`${h.pushUrl}?action=cdr&version=1`, {
    method: 'POST',
    body,
    headers: { authorization: basic, 'content-type': 'application/json', 'x-tccc-push-uuid': pushId },
  });
  return { pushId, status: res.status, reply: (await res.json()) as { ErrCode: number }, at: Date.now() };
}

const callBody = (h: Harness, index: number, sessionId?: string): string => {
  const call = h.sandbox.dataset.calls[index]?.push as Record<string, unknown>;
  return JSON.stringify(sessionId === undefined ? call : { ...call, SessionId: sessionId });
};

/** Another connection holds `inbox` in EXCLUSIVE mode: every commit waits, as on a stalled database. */
async function lockInbox(s: TestSchema): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: s.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE inbox IN EXCLUSIVE MODE');
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

const postgres = await postgresSuite('commit back-pressure on PostgreSQL');
describe.skipIf(postgres.skip)(postgres.title, () => {
  test('while commits stall, a full commit queue answers 503 at once and /readyz says commits_stalled; the queued pushes are acked after', async () => {
    schema = await createTestSchema('webhook_backpressure');
    const config = { commitQueueMax: 2, commitStallMs: 300, pgQueryTimeoutMs: 10_000 };
    harness = await startHarness({ databaseUrl: schema.url, config });
    const h = harness;
    const unlock = await lockInbox(schema);
    // One at a time: the first ones start their own transactions (4 at most) and wait, 2 more wait in
    // the queue, the rest find it full.
    const answers: ReturnType<typeof push>[] = [];
    for (let i = 0; i < 10; i++) {
      answers.push(push(h, callBody(h, i), `stall-${i}`));
      await sleep(40);
    }
    await sleep(400);
    const stalled = await fetch(`${h.webhook.url}/readyz`);
    const unlockedAt = Date.now();
    await unlock();
    const replies = await Promise.all(answers);
    const refused = replies.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.reply.ErrCode !== 0 && r.at < unlockedAt)).toBe(true);
    const acked = replies.filter((r) => r.status === 200 && r.reply.ErrCode === 0);
    expect(acked.length + refused.length).toBe(10);
    expect([stalled.status, await stalled.json()]).toEqual([
      503,
      { status: 'unavailable', reason: 'commits_stalled' },
    ]);
    expect((await fetch(`${h.webhook.url}/readyz`)).status).toBe(200);
    const stored = (await h.webhook.store.listInbox()).map((row) => row.pushId);
    expect(stored.sort()).toEqual(acked.map((r) => r.pushId).sort());
  });

  test('a push whose SessionId the database cannot store is answered 400 and quarantined; the pushes beside it are acked', async () => {
    schema = await createTestSchema('webhook_refused');
    harness = await startHarness({ databaseUrl: schema.url });
    const h = harness;
    const good = [0, 1, 2, 3, 4, 5].map((i) => ({ pushId: `good-${i}`, body: callBody(h, i) }));
    const bad = [
      { pushId: 'bad-nul', body: callBody(h, 6, 'nul\u0000session') },
      // Incompressible, so it stays beyond PostgreSQL's index row limit (about 2.7 KB).
      { pushId: 'bad-long', body: callBody(h, 7, randomBytes(2_250).toString('base64url')) },
    ];
    const all = [...good.slice(0, 3), ...bad, ...good.slice(3)];
    const replies = await Promise.all(all.map((p) => push(h, p.body, p.pushId)));
    const of = (id: string) => replies.find((r) => r.pushId === id);
    expect(good.map((p) => [of(p.pushId)?.status, of(p.pushId)?.reply.ErrCode])).toEqual(
      good.map(() => [200, 0]),
    );
    expect(bad.map((p) => [of(p.pushId)?.status, of(p.pushId)?.reply.ErrCode])).toEqual([
      [400, 400],
      [400, 400],
    ]);
    const quarantined = await h.webhook.store.listQuarantine();
    expect(quarantined.map((row) => row.pushId).sort()).toEqual(['bad-long', 'bad-nul']);
    const stored = (await h.webhook.store.listInbox()).map((row) => row.pushId);
    expect(stored.sort()).toEqual(good.map((p) => p.pushId).sort());
  });
});
