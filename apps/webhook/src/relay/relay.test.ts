import { afterEach, describe, expect, test } from 'vitest';
import { StoreError, StoreErrorCode } from '../store/errors.ts';
import type { Store } from '../store/index.ts';
import { type RelayRig, startRelayRig, T0 } from '../test-utils/relay-rig.ts';

// Virtual time, real Slack and a real SQLite store (see relay-rig.ts); backoff base 100 ms, poll 500 ms.
let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const unavailable = (what: string) =>
  new StoreError(StoreErrorCode.Unavailable, `Store ${what} failed: Connection terminated`);

describe('store failures', () => {
  test('a store failure after Slack accepted a message retries the sent mark, never the post', async () => {
    let failures = 2;
    const marks: number[] = [];
    // The disk is full (or PostgreSQL unreachable) exactly when Slack has just accepted the post.
    rig = await startRelayRig({
      wrapStore: (store, clock): Store => ({
        ...store,
        markSent: (...args) => {
          marks.push(clock.fake.now - T0);
          return failures-- > 0 ? Promise.reject(unavailable('markSent')) : store.markSent(...args);
        },
      }),
    });
    await rig.enqueue('C0CALLS', 's-1');
    await rig.clock.advance(60_000);
    expect(rig.requests('C0CALLS')).toEqual([{ at: 0, session: 's-1', status: 200 }]);
    // The record is retried without jitter: 100 ms, then 200 ms later.
    expect(marks).toEqual([0, 100, 300]);
    expect(failures).toBe(-1);
    const [message] = rig.sandbox.slack.messages('C0CALLS');
    expect((await rig.store.findPost('s-1', 'C0CALLS'))?.slackTs).toBe(message?.ts);
    expect(await rig.posts()).toEqual({ sent: 1 });
  });

  test('stop() waits out the backoff of a sent mark, so the mark can land instead of the post doubling', async () => {
    let failures = 1;
    rig = await startRelayRig({
      wrapStore: (store): Store => ({
        ...store,
        markSent: (...args) =>
          failures-- > 0 ? Promise.reject(unavailable('markSent')) : store.markSent(...args),
      }),
    });
    await rig.enqueue('C0CALLS', 's-1');
    await rig.clock.advance(0);
    let stopped = false;
    const stopping = rig.relay.stop().then(() => {
      stopped = true;
    });
    await rig.clock.advance(99);
    expect(stopped).toBe(false);
    await rig.clock.advance(1);
    await stopping;
    expect(rig.requests('C0CALLS')).toEqual([{ at: 0, session: 's-1', status: 200 }]);
    expect((await rig.store.stats()).outbox).toEqual({ pending: 0, sending: 0, sent: 1, dead: 0 });
  });

  test('rows claimed by a call that failed after committing are released once idle, not after the lease', async () => {
    let lost = 1;
    // PostgreSQL committed the claim, then the connection died before the reply: the relay never saw the row.
    rig = await startRelayRig({
      leaseMs: 600_000,
      wrapStore: (store): Store => ({
        ...store,
        claimDue: async (options) => {
          const claimed = await store.claimDue(options);
          if (claimed.length > 0 && lost-- > 0) throw unavailable('claimDue');
          return claimed;
        },
      }),
    });
    await rig.enqueue('C0CALLS', 's-1');
    await rig.clock.advance(60_000);
    // Released and claimed again one poll (500 ms) after the failure, ten minutes before the lease ends.
    expect(rig.requests('C0CALLS')).toEqual([{ at: 500, session: 's-1', status: 200 }]);
    expect((await rig.store.stats()).outbox).toEqual({ pending: 0, sending: 0, sent: 1, dead: 0 });
    expect(rig.logs.filter((line) => line.level === 50).map((line) => line.msg)).toEqual([
      'relay cycle failed; retrying',
    ]);
  });
});

describe('pacing', () => {
  test('a channel posts at most ratePerChannel messages a second, in order; other channels do not wait', async () => {
    rig = await startRelayRig({ ratePerChannel: 4 });
    await rig.enqueue('C0CALLS', 'c-1', 'c-2', 'c-3');
    await rig.enqueue('C0ALERTS', 'a-1', 'a-2');
    await rig.clock.advance(60_000);
    expect(rig.requests('C0CALLS')).toEqual([
      { at: 0, session: 'c-1', status: 200 },
      { at: 250, session: 'c-2', status: 200 },
      { at: 500, session: 'c-3', status: 200 },
    ]);
    expect(rig.requests('C0ALERTS')).toEqual([
      { at: 0, session: 'a-1', status: 200 },
      { at: 250, session: 'a-2', status: 200 },
    ]);
  });

  test('a message still retrying holds the next one back; the interval counts from each start', async () => {
    rig = await startRelayRig({ ratePerChannel: 4 });
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'status', status: 500 }, 3);
    await rig.enqueue('C0CALLS', 'c-1', 'c-2', 'c-3');
    await rig.clock.advance(60_000);
    expect(rig.requests('C0CALLS')).toEqual([
      { at: 0, session: 'c-1', status: 500 },
      { at: 75, session: 'c-1', status: 500 },
      { at: 225, session: 'c-1', status: 500 },
      { at: 525, session: 'c-1', status: 200 },
      { at: 525, session: 'c-2', status: 200 },
      { at: 775, session: 'c-3', status: 200 },
    ]);
  });
});
