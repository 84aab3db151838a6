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

describe('leases', () => {
  test('a lease shorter than Slack’s answer time is renewed: a second relay never posts the message', async () => {
    let answer: () => void = () => {};
    let slowAnswer: Promise<void> | null = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let realPost: PostMessage | undefined;
    // The first post is answered only when the test says: meanwhile virtual time runs (ten leases).
    rig = await startRelayRig({
      leaseMs: 1_000,
      post: async (args) => {
        const wait = slowAnswer;
        slowAnswer = null;
        if (wait) await wait;
        return (realPost as PostMessage)(args);
      },
    });
    realPost = sandboxSlack(rig.sandbox, rig.clock).post;
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
    let answer: () => void = () => {};
    let slowAnswer: Promise<void> | null = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let realPost: PostMessage | undefined;
    rig = await startRelayRig({
      post: async (args) => {
        const wait = slowAnswer;
        slowAnswer = null;
        if (wait) await wait;
        return (realPost as PostMessage)(args);
      },
    });
    realPost = sandboxSlack(rig.sandbox, rig.clock).post;
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
