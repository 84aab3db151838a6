import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { createTestSchema, postgresSuite } from '@ccc-kit/webhook/test-utils/postgres';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { send } from './test-utils/raw-http.ts';
import { reportScenario } from './test-utils/report.ts';
import { SCALE } from './test-utils/scale.ts';
import { acceptedAt, checkDeliveries } from './test-utils/slack-view.ts';
import { type OutboxEntry, postgresReader, waitForDrain } from './test-utils/store-reader.ts';
import {
  PUSH_AUTHORIZATION,
  startWebhookProcess,
  type WebhookProcess,
} from './test-utils/webhook-process.ts';

/** Slack's per-channel rate here (burst 3), and the relays' own pace, below it. */
const SLACK_RATE = 5;
const RELAY_RATE = 4;
const SLACK_TIMEOUT_MS = 1_000;
/** The webhook's channel lease: SLACK_TIMEOUT + 5 s (see wiring.ts). */
const CHANNEL_LEASE_MS = SLACK_TIMEOUT_MS + 5_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const channels = Array.from({ length: SCALE.replicaChannels }, (_, i) => `C0REPLICA${i}`);
/** Caller prefix routing a call to channel `i`. */
const prefixOf = (i: number) => `00861${String(i).padStart(2, '0')}`;

/** Pushes one call to `webhook`, routed to channel `i`; resolves once acked. */
async function pushCall(webhook: WebhookProcess, i: number, n: number): Promise<string> {
  const sessionId = `replica-${i}-${String(n).padStart(3, '0')}`;
  const reply = await send(`${webhook.url}/push?action=cdr&version=1`, {
    headers: {
      authorization: PUSH_AUTHORIZATION,
      'content-type': 'application/json',
      'x-tccc-push-uuid': sessionId,
    },
    body: JSON.stringify({
      SessionId: sessionId,
      Caller: `${prefixOf(i)}${String(n).padStart(5, '0')}`,
      Callee: '008640000000',
      Direction: 0,
      EndStatusString: 'ok',
      StartTimestamp: 1_700_000_000,
      EndedTimestamp: 1_700_000_100,
    }),
  });
  expect(reply.json).toEqual({ ErrCode: 0, ErrMsg: '' });
  return sessionId;
}

/** Who holds each channel now (the `relay_channels` table). */
async function owners(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ channel: string; owner: string }>(
      'SELECT channel, owner FROM relay_channels',
    );
    return new Map(rows.map((row) => [row.channel, row.owner]));
  } finally {
    await client.end();
  }
}

/** Channels whose Slack messages are not in outbox id order. */
function outOfOrder(rows: readonly OutboxEntry[]): string[] {
  return channels.filter((channel) => {
    const ids = rows
      .filter((r) => r.channel === channel)
      .sort((a, b) => Number(a.slackTs) - Number(b.slackTs))
      .map((r) => r.id);
    return ids.some((id, i) => i > 0 && id < (ids[i - 1] ?? 0));
  });
}

const postgres = await postgresSuite('scenario 8: three replicas, one killed');
describe.skipIf(postgres.skip)(postgres.title, () => {
  test('one of three webhook processes on one PostgreSQL is killed mid-drain and never restarted: every message once, in order, within Slack’s rate', async () => {
    const slack: SlackEmulator = await startSlackEmulator({
      ratePerChannel: SLACK_RATE,
      burstPerChannel: 3,
      channels: channels.map((id) => ({ id, name: id.toLowerCase() })),
    });
    cleanups.push(() => slack.stop());
    // Every post takes Slack 20 ms: the kill lands on a post on the wire.
    slack.faults.inject('chat.postMessage', { kind: 'latency', ms: 20 }, Number.POSITIVE_INFINITY);
    const schema = await createTestSchema('reliability_replicas');
    cleanups.push(() => schema.drop());
    const dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-replicas-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const rules = channels.map((channel, i) => ({
      match: { kind: 'cdr', callerPrefix: prefixOf(i) },
      channel,
    }));
    writeFileSync(join(dir, 'routes.json'), JSON.stringify({ version: 1, rules }));
    const env = (owner: string) => ({
      DATABASE_URL: schema.url,
      ROUTES_FILE: join(dir, 'routes.json'),
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_RATE_PER_CHANNEL: String(RELAY_RATE),
      SLACK_TIMEOUT: `${SLACK_TIMEOUT_MS}ms`,
      RELAY_OWNER: owner,
      LOG_LEVEL: 'warn',
    });
    const replicas: WebhookProcess[] = [];
    for (const owner of ['replica-a', 'replica-b', 'replica-c']) {
      const replica = await startWebhookProcess({ env: env(owner) });
      cleanups.push(() => replica.kill());
      replicas.push(replica);
    }
    // One push at a time, round robin over the replicas: outbox ids follow the push order.
    const ids: string[] = [];
    for (let n = 0; n < SCALE.replicaCallsPerChannel; n++)
      for (const i of channels.keys())
        ids.push(await pushCall(replicas[ids.length % 3] as WebhookProcess, i, n));
    const reader = postgresReader(schema.url);
    cleanups.push(() => reader.close());

    // Mid-drain: once a third is posted, kill the replica holding the most channels. It never comes back.
    while (slack.requests('chat.postMessage').filter((r) => r.ok).length < ids.length / 3) await sleep(20);
    const held = await owners(schema.url);
    const counts = ['replica-a', 'replica-b', 'replica-c'].map(
      (owner) => [...held.values()].filter((o) => o === owner).length,
    );
    const victim = counts.indexOf(Math.max(...counts));
    const victimOwner = `replica-${'abc'[victim]}`;
    const victimChannels = [...held].filter(([, owner]) => owner === victimOwner).map(([channel]) => channel);
    // Killed while one of its posts is on the wire (Slack has it, the answer is not back yet).
    const wire = () =>
      slack
        .requests('chat.postMessage')
        .some((r) => r.status === 0 && victimChannels.includes(r.channel ?? ''));
    const deadline = Date.now() + 5_000;
    while (!wire() && Date.now() < deadline) await sleep(1);
    const onTheWire = wire();
    const killedAt = Date.now();
    await replicas[victim]?.kill();

    const rows = await waitForDrain(reader, 300_000);
    const messages = channels.flatMap((channel) => slack.messages(channel));
    const check = checkDeliveries(messages, rows);
    // Takeover: for each channel the dead replica held, the first post after the kill.
    const takeovers = victimChannels.map((channel) => {
      const after = slack
        .messages(channel)
        .map(acceptedAt)
        .filter((at) => at > killedAt);
      return Math.min(...after) - killedAt;
    });
    const takeoverMs = Math.max(0, ...takeovers.filter(Number.isFinite));
    const disorder = outOfOrder(rows);
    reportScenario('8. three PostgreSQL replicas, one killed mid-drain', {
      channels: channels.length,
      calls: ids.length,
      'killed replica channels': victimChannels.length,
      'post on the wire at the kill': onTheWire ? 'yes' : 'no',
      'takeover ms (max)': takeoverMs,
      'channel lease ms': CHANNEL_LEASE_MS,
      'slack messages': check.delivered,
      duplicated: check.orphans.length,
      lost: ids.length - check.delivered,
      'channels out of order': disorder.length,
      'slack 429s': slack.rateLimitedCount(),
    });
    expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'sent'));
    expect(check.missing).toEqual([]);
    expect(check.orphans).toEqual([]);
    expect(check.delivered).toBe(ids.length);
    expect(disorder).toEqual([]);
    expect(slack.rateLimitedCount()).toBe(0);
    expect(victimChannels.length).toBeGreaterThan(0);
    expect(onTheWire).toBe(true);
    // Taken over within a few seconds of the dead replica's channel lease ending.
    expect(takeoverMs).toBeLessThan(CHANNEL_LEASE_MS + 5_000);
    for (const replica of replicas.filter((_, i) => i !== victim)) await replica.stop();
  }, 600_000);
});
