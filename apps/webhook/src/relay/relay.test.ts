import { pino } from 'pino';
import { expect, test } from 'vitest';
import { createMetrics } from '../http/metrics.ts';
import { StoreError, StoreErrorCode } from '../store/errors.ts';
import { openStore, type Store } from '../store/index.ts';
import { createRelay, type PostMessage } from './relay.ts';

async function storeWithOneCall(): Promise<Store> {
  const store = await openStore('sqlite::memory:');
  await store.ingest([
    {
      kind: 'cdr',
      dedupeKey: 'cdr:s-1',
      sessionId: 's-1',
      pushId: null,
      source: 'push',
      body: '{"SessionId":"s-1"}',
      receivedAt: Date.now(),
      deliveries: [{ channel: 'C0CALLS' }],
    },
  ]);
  return store;
}

function startRelay(store: Store, leaseMs = 60_000) {
  const posts: Parameters<PostMessage>[0][] = [];
  const relay = createRelay({
    store,
    post: async (args) => {
      posts.push(args);
      return { ts: `1700000000.00000${posts.length}` };
    },
    render: () => ({ text: 'Call ended' }),
    owner: 'test',
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    ratePerChannel: 100,
    maxAttempts: 5,
    leaseMs,
    backoffMs: { base: 5, max: 20 },
    pollMs: 10,
  });
  relay.start();
  return { relay, posts };
}

async function sentWithin(store: Store, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  while ((await store.stats()).outbox.sent === 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  return (await store.stats()).outbox.sent;
}

const unavailable = (what: string) =>
  new StoreError(StoreErrorCode.Unavailable, `Store ${what} failed: Connection terminated`);

test('a store failure after Slack accepted a message retries the sent mark, never the post', async () => {
  const store = await storeWithOneCall();
  let failures = 2;
  // The disk is full (or PostgreSQL unreachable) exactly when Slack has just accepted the post.
  const flaky: Store = {
    ...store,
    markSent: (...args) =>
      failures-- > 0 ? Promise.reject(unavailable('markSent')) : store.markSent(...args),
  };
  const { relay, posts } = startRelay(flaky);
  await sentWithin(store, 5_000);
  await relay.stop();
  expect(posts).toHaveLength(1);
  expect((await store.findPost('s-1', 'C0CALLS'))?.slackTs).toBe('1700000000.000001');
  expect(failures).toBe(-1);
  await store.close();
});

test('rows claimed by a call that failed after committing are released once idle, not after the lease', async () => {
  const store = await storeWithOneCall();
  let lost = 1;
  // PostgreSQL committed the claim, then the connection died before the reply: the relay never saw the row.
  const flaky: Store = {
    ...store,
    claimDue: async (options) => {
      const claimed = await store.claimDue(options);
      if (claimed.length > 0 && lost-- > 0) throw unavailable('claimDue');
      return claimed;
    },
  };
  const { relay, posts } = startRelay(flaky, 600_000);
  expect(await sentWithin(store, 5_000)).toBe(1);
  await relay.stop();
  expect(posts).toHaveLength(1);
  await store.close();
});
