import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { createMetrics } from '../http/metrics.ts';
import { type RelayRig, sandboxSlack, startRelayRig } from '../test-utils/relay-rig.ts';
import { createRelay, type PostMessage } from './relay.ts';

// Leases and shutdown, on virtual time with the real Slack emulator and SQLite store (see relay-rig.ts).
let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const CHANNEL = 'C0CALLS';
const texts = (r: RelayRig) => r.sandbox.slack.messages(CHANNEL).map((m) => m.text);

/**
 * A rig whose first post is answered only when the test calls `answer()`: meanwhile virtual time runs.
 * Later posts go straight to the sandbox's Slack.
 */
async function rigWithSlowFirstPost(options: { leaseMs?: number } = {}) {
  let answer: () => void = () => {};
  let slowAnswer: Promise<void> | null = new Promise<void>((resolve) => {
    answer = resolve;
  });
  let realPost: PostMessage | undefined;
  const started = await startRelayRig({
    ...options,
    post: async (args) => {
      const wait = slowAnswer;
      slowAnswer = null;
      if (wait) await wait;
      return (realPost as PostMessage)(args);
    },
  });
  realPost = sandboxSlack(started.sandbox, started.clock).post;
  return { rig: started, answer: () => answer() };
}

describe('leases', () => {
  test('a lease shorter than Slack’s answer time is renewed: a second relay never posts the message', async () => {
    // The first post is answered only when the test says: meanwhile virtual time runs (ten leases).
    const slow = await rigWithSlowFirstPost({ leaseMs: 1_000 });
    rig = slow.rig;
    const { answer } = slow;
    const other = createRelay({
      ...sandboxSlack(rig.sandbox, rig.clock),
      store: rig.store,
      render: (message) => ({ text: message.sessionId }),
      owner: 'other',
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      ratePerChannel: 1000,
      maxAttempts: 5,
      leaseMs: 1_000,
      scheduler: rig.clock.scheduler,
    });
    other.start();
    await rig.enqueue(CHANNEL, 's-1');
    await rig.clock.advance(10_000);
    answer();
    await rig.clock.advance(1_000);
    await other.stop();
    expect(texts(rig)).toEqual(['s-1']);
    expect(await rig.store.findPost('s-1', CHANNEL)).toMatchObject({ state: 'sent' });
  });
});

describe('shutdown', () => {
  test('stop() keeps to its deadline: a post on the wire keeps its claim, everything else is released', async () => {
    const slow = await rigWithSlowFirstPost();
    rig = slow.rig;
    const { answer } = slow;
    await rig.enqueue(CHANNEL, 's-1', 's-2', 's-3');
    await rig.clock.advance(0);
    let stopped = false;
    const stopping = rig.relay.stop({ timeoutMs: 10_000 }).then(() => {
      stopped = true;
    });
    await rig.clock.advance(9_999);
    expect(stopped).toBe(false);
    await rig.clock.advance(1);
    await stopping;
    expect(await rig.store.findPost('s-1', CHANNEL)).toMatchObject({ state: 'sending', inDoubt: true });
    expect((await rig.store.stats()).outbox).toMatchObject({ pending: 2, sending: 1 });
    // The answer comes after all: the claim it kept lets the relay record it.
    answer();
    await rig.clock.advance(0);
    expect(await rig.store.findPost('s-1', CHANNEL)).toMatchObject({ state: 'sent' });
    expect(texts(rig)).toEqual(['s-1']);
  });
});
