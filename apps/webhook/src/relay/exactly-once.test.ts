import { CLAMPED_HISTORY_LIMITS } from '@ccc-kit/sandbox/slack';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { checkSlackToken } from '../slack-client.ts';
import { type RelayRig, sandboxSlack, startRelayRig, T0 } from '../test-utils/relay-rig.ts';
import { outboxMetadata } from './metadata.ts';
import type { PostMessage } from './relay.ts';

// Virtual time, real Slack emulator, real SQLite store (see relay-rig.ts); backoff base 100 ms.
let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const CHANNEL = 'C0CALLS';
const texts = (r: RelayRig) => r.sandbox.slack.messages(CHANNEL).map((m) => m.text);
const counter = async (r: RelayRig, name: 'historyChecks' | 'historyCalls') => {
  const { values } = await r.metrics[name].get();
  return Object.fromEntries(values.map((v) => [String(v.labels.result ?? 'calls'), v.value]));
};

describe('a post whose answer is lost', () => {
  test('accepted, then reset: found in the channel by its metadata, recorded, not posted again', async () => {
    rig = await startRelayRig();
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' });
    await rig.enqueue(CHANNEL, 's-1', 's-2');
    await rig.clock.advance(60_000);
    expect(texts(rig)).toEqual(['s-1', 's-2']);
    const [first] = rig.sandbox.slack.messages(CHANNEL);
    expect(first?.metadata).toMatchObject({ event_type: 'ccc_kit_outbox', event_payload: { kind: 'post' } });
    expect(await rig.store.findPost('s-1', CHANNEL)).toMatchObject({ state: 'sent', slackTs: first?.ts });
    expect(await counter(rig, 'historyChecks')).toEqual({ found: 1 });
    expect(rig.sandbox.slack.requests('chat.postMessage')).toHaveLength(2);
  });

  test('a 5xx that did not post: looked up, absent, posted once', async () => {
    rig = await startRelayRig();
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'status', status: 503 });
    await rig.enqueue(CHANNEL, 's-1');
    await rig.clock.advance(60_000);
    expect(texts(rig)).toEqual(['s-1']);
    expect(await counter(rig, 'historyChecks')).toEqual({ absent: 1 });
    expect(rig.requests(CHANNEL).map((r) => r.status)).toEqual([503, 200]);
  });

  test('a refused post (Slack said no) is not in doubt: retried without a lookup', async () => {
    rig = await startRelayRig();
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'api-error', code: 'fatal_error' });
    await rig.enqueue(CHANNEL, 's-1');
    await rig.clock.advance(60_000);
    expect(texts(rig)).toEqual(['s-1']);
    expect(rig.sandbox.slack.requests('conversations.history')).toEqual([]);
  });
});

describe('a post Slack makes after our timeout', () => {
  test('the lookup waits settleMs after the attempt started, so the late post is found', async () => {
    let realPost: PostMessage | undefined;
    let first = true;
    rig = await startRelayRig({
      settleMs: 2_000,
      post: (args) => {
        if (!first) return (realPost as PostMessage)(args);
        first = false;
        // Slack takes the request, we give up at once; Slack posts it 1.5 s later.
        rig?.clock.scheduler.setTimeout(() => void rig?.clock.io((realPost as PostMessage)(args)), 1_500);
        return Promise.reject(Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ETIMEDOUT' }));
      },
    });
    realPost = sandboxSlack(rig.sandbox, rig.clock).post;
    await rig.enqueue(CHANNEL, 's-1');
    await rig.clock.advance(60_000);
    expect(texts(rig)).toEqual(['s-1']);
    expect(rig.sandbox.slack.requests('conversations.history').map((r) => r.at - T0)).toEqual([2_000]);
    expect(await counter(rig, 'historyChecks')).toEqual({ found: 1 });
  });
});

describe('rows left in doubt by a process that died', () => {
  test('one lookup per channel settles them: the posted one is recorded, the others posted once', async () => {
    rig = await startRelayRig();
    const { store, sandbox } = rig;
    await store.ingest(
      ['landed', 'lost', 'untried'].map((sessionId) => ({
        kind: 'cdr' as const,
        dedupeKey: `cdr:${sessionId}`,
        sessionId,
        pushId: null,
        source: 'push' as const,
        body: '{}',
        receivedAt: T0,
        deliveries: [{ channel: CHANNEL }],
      })),
    );
    // The dead process claimed all three, started two attempts, and only the first reached Slack.
    const [landed, lost] = await store.claimDue({ now: T0, limit: 10, leaseMs: 60_000, owner: 'dead' });
    for (const m of [landed, lost]) {
      const claim = { id: m?.id ?? 0, owner: 'dead', fence: m?.fence ?? 0 };
      expect(await store.beginAttempt(claim, { at: T0, leaseMs: 60_000 })).toBe(true);
    }
    const slack = new WebClient(sandbox.credentials.slack.token, { slackApiUrl: sandbox.slackApiUrl });
    if (landed)
      await slack.chat.postMessage({ channel: CHANNEL, text: 'landed', metadata: outboxMetadata(landed) });
    await store.releaseClaims('dead');

    await rig.enqueue(CHANNEL);
    await rig.clock.advance(60_000);
    expect(texts(rig)).toEqual(['landed', 'lost', 'untried']);
    expect(await counter(rig, 'historyChecks')).toEqual({ found: 1, absent: 1 });
    expect(await counter(rig, 'historyCalls')).toEqual({ calls: 1 });
    expect((await store.stats()).outbox).toMatchObject({ sent: 3, pending: 0, sending: 0 });
  });
});

describe('Slack history under limits', () => {
  test('at 1 request per minute and 15 messages per page, the lookup pages and waits; never gives up', async () => {
    rig = await startRelayRig({ slack: { historyLimits: CLAMPED_HISTORY_LIMITS } });
    await rig.enqueue(CHANNEL, ...Array.from({ length: 20 }, (_, i) => `s-${i}`));
    await rig.clock.advance(1_000);
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' });
    await rig.enqueue(CHANNEL, 'doubtful');
    await rig.clock.advance(300_000);
    expect(texts(rig)).toHaveLength(21);
    expect(texts(rig).filter((t) => t === 'doubtful')).toHaveLength(1);
    const history = rig.sandbox.slack.requests('conversations.history');
    expect(history.map((r) => r.status)).toEqual([200, 429, 200]);
    expect((history[2]?.at ?? 0) - (history[0]?.at ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect(await counter(rig, 'historyChecks')).toEqual({ found: 1 });
  });

  test('without the history scopes: posted again, counted, and said once', async () => {
    rig = await startRelayRig();
    rig.sandbox.slack.addToken(rig.sandbox.credentials.slack.token, ['chat:write']);
    rig.sandbox.slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' }, 2);
    await rig.enqueue(CHANNEL, 's-1', 's-2');
    await rig.clock.advance(60_000);
    // s-1 loses two answers: each lost answer can cause one duplicate, counted, never silent.
    expect(texts(rig)).toEqual(['s-1', 's-1', 's-1', 's-2']);
    expect(await counter(rig, 'historyChecks')).toEqual({ no_scope: 2 });
    const warned = rig.logs.filter((line) => String(line.msg).includes('channels:history'));
    expect(warned).toHaveLength(1);
  });

  test('the webhook says at start when its token lacks the history scopes, and is quiet when it has them', async () => {
    rig = await startRelayRig();
    const { token } = rig.sandbox.credentials.slack;
    const client = new WebClient(token, { slackApiUrl: rig.sandbox.slackApiUrl });
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    await checkSlackToken(client, logger);
    expect(lines).toEqual([]);
    rig.sandbox.slack.addToken(token, ['chat:write', 'channels:history']);
    await checkSlackToken(client, logger);
    expect(lines.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^The Slack token lacks groups:history: a post whose answer is lost/),
    ]);
  });

  test('a token Slack refuses stops the start with the reason; a Slack out of reach is only a warning', async () => {
    rig = await startRelayRig();
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const wrong = new WebClient('xoxb-wrong', {
      slackApiUrl: rig.sandbox.slackApiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(checkSlackToken(wrong, logger)).rejects.toMatchObject({
      code: 'webhook_slack_auth',
      message: expect.stringMatching(
        /^Slack refused SLACK_BOT_TOKEN \(invalid_auth\): use the Bot User OAuth Token/,
      ),
    });
    const away = new WebClient('xoxb-any', {
      slackApiUrl: 'http://127.0.0.1:9/api/',
      retryConfig: { retries: 0 },
    });
    await checkSlackToken(away, logger);
    expect(lines.map((line) => line.msg)).toEqual([
      'could not check the Slack token at start; the relay will keep trying Slack',
    ]);
  });
});
