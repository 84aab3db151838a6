import { setTimeout as realSleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { type RelayRig, startRelayRig, T0 } from '../test-utils/relay-rig.ts';

// Virtual time, real Slack: the rig's relay posts with the WebClient to the sandbox's Slack emulator, both
// on one virtual clock, with backoff base 100 ms, max 10 s and random() = 0.5 (jitter factor 0.75).
let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const warnings = (r: RelayRig) => r.logs.filter((line) => line.level === 40).map((line) => line.msg);

describe('retries', () => {
  test('retry n comes exactly base * 2^(n-1) * (0.5 + random/2) ms after failure n', async () => {
    rig = await startRelayRig({ maxAttempts: 8 });
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'status', status: 500 }, 3);
    await rig.enqueue('C0CALLS', 's-1');
    await rig.clock.advance(60_000);
    // Waits of 75, 150 and 300 ms: the third retry at 75 + 150 + 100 * 2^2 * 0.75 = 525.
    expect(rig.requests('C0CALLS')).toEqual([
      { at: 0, session: 's-1', status: 500 },
      { at: 75, session: 's-1', status: 500 },
      { at: 225, session: 's-1', status: 500 },
      { at: 525, session: 's-1', status: 200 },
    ]);
    expect(await rig.posts()).toEqual({ retried: 3, sent: 1 });
    expect(warnings(rig)).toEqual([
      'Slack post failed (HTTP 500); retrying in 75 ms',
      'Slack post failed (HTTP 500); retrying in 150 ms',
      'Slack post failed (HTTP 500); retrying in 300 ms',
    ]);
    expect(rig.sandbox.slack.messages('C0CALLS').map((m) => m.text)).toEqual(['s-1']);
  });

  test('the last allowed attempt dead-letters the message and the channel moves on at once', async () => {
    rig = await startRelayRig({ maxAttempts: 3 });
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'status', status: 500 }, 3);
    await rig.enqueue('C0CALLS', 'doomed', 'next');
    await rig.clock.advance(60_000);
    expect(rig.requests('C0CALLS')).toEqual([
      { at: 0, session: 'doomed', status: 500 },
      { at: 75, session: 'doomed', status: 500 },
      { at: 225, session: 'doomed', status: 500 },
      { at: 225, session: 'next', status: 200 },
    ]);
    expect(await rig.posts()).toEqual({ retried: 2, dead: 1, sent: 1 });
    const dead = rig.logs.filter((line) => line.level === 50);
    expect(dead).toMatchObject([{ msg: 'message dead-lettered: HTTP 500', attempt: 3, sessionId: 'doomed' }]);
    expect((await rig.store.stats()).outbox).toEqual({ pending: 0, sending: 0, sent: 1, dead: 1 });
  });
});

describe('Retry-After', () => {
  test('a 429 pauses only its channel, for exactly Retry-After, and is not a failed attempt', async () => {
    rig = await startRelayRig({ maxAttempts: 1 });
    rig.sandbox.slack.storm429('C0CALLS', 2, 3);
    await rig.enqueue('C0CALLS', 'call-1', 'call-2');
    await rig.enqueue('C0ALERTS', 'alert-1');
    await rig.clock.advance(60_000);
    expect(rig.requests('C0CALLS')).toEqual([
      { at: 0, session: 'call-1', status: 429 },
      { at: 3_000, session: 'call-1', status: 429 },
      { at: 6_000, session: 'call-1', status: 200 },
      { at: 6_000, session: 'call-2', status: 200 },
    ]);
    expect(rig.requests('C0ALERTS')).toEqual([{ at: 0, session: 'alert-1', status: 200 }]);
    expect(await rig.posts()).toEqual({ rate_limited: 2, sent: 3 });
    expect(warnings(rig)).toEqual([
      'Slack rate limited (Retry-After 3s): channel paused',
      'Slack rate limited (Retry-After 3s): channel paused',
    ]);
  });
});

describe('stop()', () => {
  test('does not wait out a Retry-After: it returns at once, clears every timer and releases the row', async () => {
    rig = await startRelayRig();
    rig.sandbox.slack.storm429('C0CALLS', 1, 30);
    await rig.enqueue('C0CALLS', 'paused');
    await rig.clock.advance(0);
    expect(rig.requests('C0CALLS')).toEqual([{ at: 0, session: 'paused', status: 429 }]);
    await rig.relay.stop();
    expect(rig.clock.fake.now).toBe(T0);
    expect(rig.clock.fake.countTimers()).toBe(0);
    expect((await rig.store.stats()).outbox).toEqual({ pending: 1, sending: 0, sent: 0, dead: 0 });
  });

  test('lets a post in flight finish and records it', async () => {
    rig = await startRelayRig();
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'latency', ms: 300 });
    await rig.enqueue('C0CALLS', 'slow');
    const relay = rig.relay;
    // Stops while Slack takes 300 real ms to answer the post the relay just sent.
    const stopped = realSleep(50).then(() => relay.stop());
    await rig.clock.advance(0);
    await stopped;
    expect(rig.requests('C0CALLS')).toEqual([{ at: 0, session: 'slow', status: 200 }]);
    expect((await rig.store.stats()).outbox).toEqual({ pending: 0, sending: 0, sent: 1, dead: 0 });
  });
});
