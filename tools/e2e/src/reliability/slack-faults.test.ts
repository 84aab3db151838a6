import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, type SlackRequestRecord, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { send } from './test-utils/raw-http.ts';
import { reportScenario } from './test-utils/report.ts';
import { channelMessages, checkDeliveries } from './test-utils/slack-view.ts';
import { type OutboxEntry, type StoreReader, sqliteReader, waitForDrain } from './test-utils/store-reader.ts';
import {
  PUSH_AUTHORIZATION,
  startWebhookProcess,
  type WebhookProcess,
} from './test-utils/webhook-process.ts';

// Calls are routed by caller prefix: 0086100… to #calls, 0086200… to #alerts, 0086999… to a channel that
// does not exist (channel_not_found).
const ROUTES = {
  version: 1,
  rules: [
    { match: { kind: 'cdr', callerPrefix: '0086100' }, channel: 'C0CALLS' },
    { match: { kind: 'cdr', callerPrefix: '0086200' }, channel: 'C0ALERTS' },
    { match: { kind: 'cdr', callerPrefix: '0086999' }, channel: 'C0MISSING' },
  ],
};
const CHANNELS = ['C0CALLS', 'C0ALERTS'];
const TIMEOUT_MS = 1_000;
/** Longer than the relay's pacing here (20 msgs/s), so a pause that honours it cannot be mistaken. */
const RETRY_AFTER_S = 1;

let slack: SlackEmulator;
let dir: string;
let webhook: WebhookProcess | undefined;
let reader: StoreReader;
let env: Record<string, string>;
let calls = 0;

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: 50, burstPerChannel: 50 });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-slack-'));
  writeFileSync(join(dir, 'routes.json'), JSON.stringify(ROUTES));
  env = {
    DATABASE_URL: `sqlite:${join(dir, 'webhook.db')}`,
    ROUTES_FILE: join(dir, 'routes.json'),
    SLACK_BOT_TOKEN: slack.token,
    SLACK_API_URL: slack.apiUrl,
    SLACK_RATE_PER_CHANNEL: '20',
    SLACK_TIMEOUT: `${TIMEOUT_MS}ms`,
    SLACK_MAX_ATTEMPTS: '8',
  };
  webhook = await startWebhookProcess({ env });
  reader = sqliteReader(join(dir, 'webhook.db'));
});

afterAll(async () => {
  await webhook?.kill();
  await reader?.close();
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Pushes one call whose caller routes it to a channel; resolves with its session id once acked. */
async function pushCall(prefix: '0086100' | '0086200' | '0086999'): Promise<string> {
  const sessionId = `slack-fault-${++calls}`;
  const body = JSON.stringify({
    SessionId: sessionId,
    Caller: `${prefix}${String(calls).padStart(4, '0')}`,
    Callee: '008640000000',
    Direction: 0,
    EndStatusString: 'ok',
    StartTimestamp: 1_700_000_000,
    EndedTimestamp: 1_700_000_100,
  });
  const reply = await send(`${webhook?.url}/push?action=cdr&version=1`, {
    headers: {
      authorization: PUSH_AUTHORIZATION,
      'content-type': 'application/json',
      'x-tccc-push-uuid': sessionId,
    },
    body,
  });
  expect(reply.json).toEqual({ ErrCode: 0, ErrMsg: '' });
  return sessionId;
}

/** The session a message is about, from the outbox metadata the webhook attaches to every post. */
const sessionOf = (message: { metadata?: unknown }): string =>
  String((message.metadata as { event_payload?: { session_id?: unknown } })?.event_payload?.session_id);

const posts = (): SlackRequestRecord[] => [...slack.requests('chat.postMessage')];
const since = (from: number) => posts().slice(from);
const messagesOf = () => CHANNELS.flatMap((c) => channelMessages(slack, c));
const rowsOf = (rows: readonly OutboxEntry[], ids: readonly string[]) =>
  rows.filter((r) => ids.includes(r.sessionId));

describe('scenario 2: Slack faults', () => {
  test('429 storm: only the stormed channel pauses, for at least Retry-After; other channels keep flowing', async () => {
    const start = posts().length;
    slack.storm429('C0CALLS', 3, RETRY_AFTER_S);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await pushCall('0086100'), await pushCall('0086200'));
    const rows = rowsOf(await waitForDrain(reader, 30_000), ids);
    const log = since(start);
    const stormed = log.filter((r) => r.channel === 'C0CALLS');
    const limited = stormed.filter((r) => r.rateLimited);
    const pauses = limited.map((hit) => (stormed.find((r) => r.at > hit.at)?.at ?? Number.NaN) - hit.at);
    const firstResume = stormed.find((r) => r.ok)?.at ?? Number.NaN;
    const othersDuringPause = log.filter(
      (r) => r.channel === 'C0ALERTS' && r.ok && r.at < firstResume,
    ).length;
    const check = checkDeliveries(messagesOf(), rows);
    reportScenario('2a. Slack 429 storm', {
      '429 answered': limited.length,
      'Retry-After s': RETRY_AFTER_S,
      'shortest pause ms': Math.round(Math.min(...pauses)),
      'other channel posts during pause': othersDuringPause,
      delivered: check.delivered,
      duplicates: check.orphans.filter((m) => rows.some((r) => r.channel === m.channel)).length,
    });
    expect(check.orphans.filter((m) => ids.includes(sessionOf(m)))).toEqual([]);
    expect(limited).toHaveLength(3);
    for (const pause of pauses) expect(pause).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1_000);
    expect(othersDuringPause).toBe(3);
    expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'sent'));
    expect(check.missing).toEqual([]);
  }, 60_000);

  test('500s, timeouts, resets and lost answers are retried until delivered, each posted once', async () => {
    const before = messagesOf().length;
    const start = posts().length;
    slack.faults.inject('chat.postMessage', { kind: 'status', status: 500 }, 2);
    slack.faults.inject('chat.postMessage', { kind: 'reset' }, 2);
    // Slack answers after our timeout: it did post (late), we cannot know; the lookup must wait for it.
    slack.faults.inject('chat.postMessage', { kind: 'latency', ms: TIMEOUT_MS + 500 }, 2);
    // Slack posts, then the answer is lost: a reset, or no answer before our timeout.
    slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' }, 2);
    slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'timeout' }, 2);
    // Six calls, three per channel, so every fault is met (a channel posts one message at a time).
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await pushCall('0086100'), await pushCall('0086200'));
    const rows = rowsOf(await waitForDrain(reader, 90_000), ids);
    const log = since(start);
    const check = checkDeliveries(messagesOf(), rows);
    const newMessages = messagesOf().length - before;
    const faults = (kind: string) => log.filter((r) => r.fault === kind).length;
    const lookups = slack.requests('conversations.history').length;
    reportScenario('2b. Slack 500 / reset / timeout / answer lost', {
      'HTTP 500': faults('status'),
      resets: faults('reset'),
      'timed out (posted late)': faults('latency'),
      'accepted, answer lost': faults('accepted-lost'),
      attempts: log.length,
      'history lookups': lookups,
      delivered: rows.filter((r) => r.state === 'sent').length,
      duplicates: newMessages - ids.length,
      dead: rows.filter((r) => r.state === 'dead').length,
    });
    expect([faults('status'), faults('reset'), faults('latency'), faults('accepted-lost')]).toEqual([
      2, 2, 2, 4,
    ]);
    expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'sent'));
    expect(check.missing).toEqual([]);
    expect(check.orphans.filter((m) => ids.includes(sessionOf(m)))).toEqual([]);
    expect(newMessages).toBe(ids.length);
  }, 120_000);

  test('channel_not_found and other permanent errors are dead-lettered at once, with the reason', async () => {
    const start = posts().length;
    slack.faults.inject('chat.postMessage', { kind: 'api-error', code: 'msg_too_long' }, 1);
    const tooLong = await pushCall('0086100');
    await waitForDrain(reader, 30_000);
    const ids = [tooLong, await pushCall('0086999')];
    const rows = rowsOf(await waitForDrain(reader, 30_000), ids);
    const log = since(start);
    reportScenario('2c. Slack permanent errors', {
      'dead letters': rows.filter((r) => r.state === 'dead').length,
      reasons: rows.map((r) => r.lastError ?? '-').join(' '),
      'Slack calls': log.length,
    });
    expect(rows.map((r) => [r.channel, r.state, r.lastError, r.attempts])).toEqual([
      ['C0CALLS', 'dead', 'msg_too_long', 1],
      ['C0MISSING', 'dead', 'channel_not_found', 1],
    ]);
    expect(log).toHaveLength(2);
    expect(webhook?.output()).toContain('message dead-lettered: channel_not_found');
  }, 60_000);

  // Why Slack refuses the token, the token the operator then configures, and how the refusal is made.
  const refusals: readonly (readonly [string, () => string, () => void])[] = [
    [
      'invalid_auth',
      () => slack.token,
      () => slack.faults.inject('chat.postMessage', { kind: 'api-error', code: 'invalid_auth' }, 1),
    ],
    [
      'token_revoked',
      () => 'xoxb-reliability-new-token',
      () => slack.revokeToken(env.SLACK_BOT_TOKEN as string),
    ],
  ];
  test.each(refusals)(
    '%s stops the relay with one clear log line, acks go on, and nothing is lost after the fix',
    async (reason, fixed, refuse) => {
      refuse();
      const start = posts().length;
      const ids = [await pushCall('0086100'), await pushCall('0086200')];
      const deadline = Date.now() + 10_000;
      while (!webhook?.output().includes('relay stopped') && Date.now() < deadline) await sleep(50);
      const more = [await pushCall('0086100'), await pushCall('0086200')];
      await sleep(2_000);
      const callsAfterStop = since(start).length;
      const fatal = (webhook?.logs() ?? []).filter((l) => String(l.msg).includes('relay stopped'));
      // The operator fixes the token and restarts: every queued message goes out.
      await webhook?.stop();
      const pending = rowsOf(await reader.outbox(), [...ids, ...more]);
      slack.addToken(fixed());
      env = { ...env, SLACK_BOT_TOKEN: fixed() };
      webhook = await startWebhookProcess({ env });
      const rows = rowsOf(await waitForDrain(reader, 30_000), [...ids, ...more]);
      reportScenario(`2d. Slack ${reason}`, {
        'Slack calls after refusal': callsAfterStop,
        'fatal log lines': fatal.length,
        'acked while stopped': ids.length + more.length,
        'kept pending': pending.filter((r) => r.state === 'pending').length,
        'delivered after restart': rows.filter((r) => r.state === 'sent').length,
      });
      expect(fatal).toHaveLength(1);
      expect(String(fatal[0]?.msg)).toMatch(new RegExp(`${reason}.*relay stopped.*SLACK_BOT_TOKEN`));
      // At most one call per channel was in flight when the token was refused; none after that.
      expect(callsAfterStop).toBeLessThanOrEqual(CHANNELS.length);
      expect(pending.map((r) => r.state)).toEqual(pending.map(() => 'pending'));
      expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'sent'));
      expect(rows).toHaveLength(4);
    },
    60_000,
  );

  test('SIGTERM during a 60 s Retry-After exits within SHUTDOWN_TIMEOUT with every claim released; nothing lost or doubled', async () => {
    const before = messagesOf().length;
    slack.storm429('C0CALLS', 1, 60);
    const ids = [await pushCall('0086100'), await pushCall('0086100'), await pushCall('0086100')];
    const deadline = Date.now() + 10_000;
    while (!slack.requests('chat.postMessage').some((r) => r.rateLimited && r.retryAfter === 60)) {
      if (Date.now() > deadline) throw new Error('the 429 never came');
      await sleep(20);
    }
    const stopping = Date.now();
    await webhook?.stop(30_000);
    const exitMs = Date.now() - stopping;
    const afterStop = rowsOf(await reader.outbox(), ids);
    webhook = await startWebhookProcess({ env });
    const rows = rowsOf(await waitForDrain(reader, 30_000), ids);
    reportScenario('2e. SIGTERM during a Retry-After', {
      'Retry-After s': 60,
      'exit ms': exitMs,
      'SHUTDOWN_TIMEOUT ms': 10_000,
      'states after stop': afterStop.map((r) => r.state).join(' '),
      'delivered after restart': rows.filter((r) => r.state === 'sent').length,
      duplicates: messagesOf().length - before - ids.length,
    });
    expect(exitMs).toBeLessThan(10_000);
    expect(afterStop.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    expect(messagesOf().length - before).toBe(ids.length);
  }, 60_000);
});
