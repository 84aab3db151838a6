import { createCccClient } from '@ccc-kit/ccc-client';
import { datasetToPushes } from '@ccc-kit/sandbox/dataset';
import { pino } from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { startWebhook } from './app.ts';
import { cccCallPages } from './reconcile/ccc-pages.ts';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from './test-utils/harness.ts';
import { createTestSchema, postgresSuite, type TestSchema } from './test-utils/postgres.ts';

const suite = await postgresSuite('replicas');
const schemas: TestSchema[] = [];
const harnesses: Harness[] = [];

afterAll(async () => {
  for (const h of harnesses) await h.stop();
  for (const schema of schemas) await schema.drop();
});

describe.skipIf(suite.skip)(suite.title, () => {
  test('two webhook processes on one PostgreSQL database post each message exactly once', async () => {
    const schema = await createTestSchema('webhook_replicas');
    schemas.push(schema);
    const first = await startHarness({ databaseUrl: schema.url, config: { relayOwner: 'replica-a' } });
    harnesses.push(first);
    const second = await startWebhook(
      { ...configOf(first), relayOwner: 'replica-b', port: 0 },
      { logger: pino({ level: 'silent' }) },
    );
    const otherPusher = first.sandbox.pusher({
      url: `${second.url}/push`,
      auth: { basic: { user: PUSH_USER, password: PUSH_PASSWORD } },
    });
    const pushes = datasetToPushes(first.sandbox.dataset, { outOfOrder: 2 });
    const results = await Promise.all(pushes.map((p, i) => (i % 2 ? otherPusher : first.pusher).push(p)));
    expect(results.every((r) => r.delivered)).toBe(true);
    await first.drained(30_000);
    const posts = first.sandbox.slack.messages('#calls');
    const sessions = posts.map(
      (m) =>
        first.sandbox.dataset.calls.find((c) => JSON.stringify(m.blocks).includes(c.sessionId))?.sessionId,
    );
    expect(new Set(sessions).size).toBe(first.sandbox.dataset.calls.length);
    expect(posts).toHaveLength(first.sandbox.dataset.calls.length);
    await second.stop();
  }, 60_000);
});

describe('reconciliation', () => {
  test('finds a call whose push was dropped and posts it once', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const [lost, ...delivered] = h.sandbox.dataset.calls;
    for (const [i, call] of delivered.entries())
      await h.pusher.push({ action: 'cdr', body: call.push, pushId: `r-${i}` });
    const { ccc } = h.sandbox.credentials;
    const client = createCccClient({ ...ccc, endpoint: h.sandbox.cccUrl });
    const reconciler = await startWebhook(
      {
        ...configOf(h),
        port: 0,
        relayOwner: 'reconciler',
        reconcile: {
          listCalls: cccCallPages(client),
          intervalMs: 60_000,
          windowMs: 3 * 86_400_000,
        },
      },
      { logger: pino({ level: 'silent' }) },
    );
    await reconciler.reconciler?.stop();
    await h.drained();
    const posts = h.sandbox.slack.messages('#calls');
    expect(posts).toHaveLength(h.sandbox.dataset.calls.length);
    expect(posts.filter((m) => JSON.stringify(m.blocks).includes(lost?.sessionId as string))).toHaveLength(1);
    expect(await reconciler.metrics.reconcileFound.get()).toMatchObject({
      values: [{ value: 1, labels: { kind: 'cdr' } }],
    });
    await reconciler.stop();
  }, 30_000);

  test('after a restart, reconciliation reaches back to the last push the previous process took', async () => {
    // The first webhook "ran" until just after the middle call of yesterday, then its host went down: the
    // later calls' pushes failed (Tencent gives up after 3 tries) and only reconciliation can find them.
    const h = await startHarness();
    harnesses.push(h);
    const calls = [...h.sandbox.dataset.calls].sort(
      (a, b) => (a.push.StartTimestamp ?? 0) - (b.push.StartTimestamp ?? 0),
    );
    const k = Math.floor(calls.length / 2);
    const downAt = (calls[k]?.push.StartTimestamp ?? 0) * 1000 + 1;
    const before = await startWebhook(
      { ...configOf(h), port: 0, relayOwner: 'before' },
      {
        logger: pino({ level: 'silent' }),
        now: () => downAt,
      },
    );
    const pusher = h.sandbox.pusher({
      url: `${before.url}/push`,
      auth: { basic: { user: PUSH_USER, password: PUSH_PASSWORD } },
    });
    for (const [i, call] of calls.slice(0, k + 1).entries())
      await pusher.push({ action: 'cdr', body: call.push, pushId: `restart-${i}` });
    await before.stop();

    const { ccc } = h.sandbox.credentials;
    const client = createCccClient({ ...ccc, endpoint: h.sandbox.cccUrl });
    const after = await startWebhook(
      {
        ...configOf(h),
        port: 0,
        relayOwner: 'after',
        // A one-hour window alone would miss every call of yesterday.
        reconcile: {
          listCalls: cccCallPages(client),
          intervalMs: 60_000,
          windowMs: 3_600_000,
        },
      },
      { logger: pino({ level: 'silent' }) },
    );
    await after.reconciler?.stop();
    await h.drained();
    const lost = calls.slice(k + 1);
    expect(await after.metrics.reconcileFound.get()).toMatchObject({ values: [{ value: lost.length }] });
    const posts = h.sandbox.slack.messages('#calls').map((m) => JSON.stringify(m.blocks));
    for (const call of calls) expect(posts.filter((p) => p.includes(call.sessionId))).toHaveLength(1);
    await after.stop();
  }, 30_000);
});

function configOf(h: Harness) {
  return h.webhook.config;
}
