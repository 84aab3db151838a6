import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ContinuousPusher, pushContinuously, RETRY_DELAYS_MS } from './test-utils/continuous-pusher.ts';
import { expectedMessageKey } from './test-utils/push-stream.ts';
import { reportScenario } from './test-utils/report.ts';
import { SCALE } from './test-utils/scale.ts';
import { channelMessages, checkDeliveries } from './test-utils/slack-view.ts';
import { type StoreReader, sqliteReader, waitForDrain } from './test-utils/store-reader.ts';
import { startWebhookProcess, type WebhookProcess } from './test-utils/webhook-process.ts';

const CHANNEL = 'C0CALLS';
/** How long the webhook stays down after a kill before its restart begins (longer than the first retry). */
const DOWN_MS = 400;
let slack: SlackEmulator;
let dir: string;
let reader: StoreReader | undefined;
let webhook: WebhookProcess | undefined;

beforeAll(async () => {
  // Slack without a rate limit here: the point is exactly-once across crashes, and the backlog must drain
  // within the test. Rate limits have their own scenarios (2 and 7).
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-crash-'));
});

afterAll(async () => {
  await webhook?.kill();
  await reader?.close();
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Pushes whose failed attempts fell into two different outages (nearest kill), and still got an ack or not. */
function twoOutages(attempts: ContinuousPusher['attempts'], kills: readonly number[]): number {
  const nearest = (at: number) =>
    kills.reduce((best, kill, i) => (Math.abs(kill - at) < Math.abs((kills[best] ?? 0) - at) ? i : best), 0);
  const outages = new Map<string, Set<number>>();
  for (const attempt of attempts.filter((a) => a.failure)) {
    const seen = outages.get(attempt.pushId) ?? new Set<number>();
    seen.add(nearest(attempt.at));
    outages.set(attempt.pushId, seen);
  }
  return [...outages.values()].filter((seen) => seen.size >= 2).length;
}

/** Waits (briefly) until Slack holds a chat.postMessage it has not answered yet: a post on the wire. */
async function postInFlight(limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (slack.requests('chat.postMessage').some((r) => r.status === 0)) return true;
    await sleep(1);
  }
  return false;
}

describe('scenario 1: SIGKILL of the webhook under load', () => {
  test(`${SCALE.crashCycles} kill -9 / restart cycles, mid-post: every acked push stored and posted once`, async () => {
    const dbPath = join(dir, 'webhook.db');
    const env = {
      DATABASE_URL: `sqlite:${dbPath}`,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_DEFAULT_CHANNEL: CHANNEL,
      SLACK_RATE_PER_CHANNEL: '500',
      // A post in doubt is looked up 2 × SLACK_TIMEOUT after it started: 2 s of a channel's time per kill.
      SLACK_TIMEOUT: '1s',
      LOG_LEVEL: 'warn',
    };
    // Every post takes Slack 5 ms, so there is nearly always one on the wire for a kill to land on.
    slack.faults.inject('chat.postMessage', { kind: 'latency', ms: 5 }, Number.POSITIVE_INFINITY);
    webhook = await startWebhookProcess({ env });
    const { port } = webhook;
    reader = sqliteReader(dbPath);
    const load = pushContinuously(`${webhook.url}/push`, SCALE.crashConcurrency);
    const kills: number[] = [];
    const restartMs: number[] = [];
    const lostAfterRestart: number[] = [];
    let midPost = 0;
    for (let cycle = 0; cycle < SCALE.crashCycles; cycle++) {
      // Even cycles wait until every push refused by the last kill got its ack, then run a moment. Odd ones
      // kill again just before the second retry of the pushes the last kill refused (their first retry
      // fell into the down time), so those meet two outages and are acked at their third retry.
      const [first = 0, second = 0] = RETRY_DELAYS_MS;
      if (cycle % 2 === 0) {
        while (load.retrying() > 0) await sleep(50);
        await sleep(500 + Math.random() * 1_000);
      } else {
        await sleep(Math.max(0, (kills.at(-1) ?? 0) + first + second - 100 - Date.now()));
      }
      // Even cycles kill while a post is on the wire; odd ones kill on time (the channel may still be
      // waiting to look up the post the last kill left in doubt).
      if (cycle % 2 === 0 && (await postInFlight(5_000))) midPost++;
      kills.push(Date.now());
      await webhook.kill();
      await sleep(DOWN_MS);
      const started = performance.now();
      webhook = await startWebhookProcess({ env, port });
      restartMs.push(performance.now() - started);
      // Checked right after every restart, while the pusher keeps sending.
      const stored = new Set((await reader.inbox()).map((row) => row.pushId));
      lostAfterRestart.push([...load.acked.keys()].filter((id) => !stored.has(id)).length);
    }
    await sleep(500);
    await load.stop();
    const rows = await waitForDrain(reader, 900_000);
    slack.faults.clear();
    const inbox = await reader.inbox();
    const storedIds = new Set(inbox.map((row) => row.pushId));
    const lost = [...load.acked.values()].filter((push) => !storedIds.has(push.pushId));

    // Per session: one message per acked cdr/imcdr/voicemail (a voicemail goes into its call's thread, or
    // alone when its call never came), one thread reply per acked recording. A recording is a reply under
    // its call's post: it makes a message only when that call's push was acked too (Tencent may give up on
    // a call push that met two outages). Updates of a post are not messages.
    const calls = new Set(
      [...load.acked.values()].filter((push) => push.action === 'cdr').map((push) => push.sessionId),
    );
    const expected = new Map<string, number>();
    for (const push of load.acked.values()) {
      if (push.action === 'record' && !calls.has(push.sessionId)) continue;
      const key = expectedMessageKey(push);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map<string, number>();
    for (const row of rows.filter((r) => r.state === 'sent' && r.kind !== 'update')) {
      const key = `${row.inboxKind}:${row.sessionId}`;
      actual.set(key, (actual.get(key) ?? 0) + 1);
    }
    const undelivered = [...expected].filter(([key, count]) => (actual.get(key) ?? 0) < count);
    const deliveries = checkDeliveries(channelMessages(slack, CHANNEL), rows);
    const metTwoOutages = twoOutages(load.attempts, kills);
    reportScenario('1. crash (SIGKILL under load)', {
      cycles: SCALE.crashCycles,
      'kills with a post on the wire': midPost,
      pushed: load.acked.size + load.unacked.length,
      acked: load.acked.size,
      'retried by pusher': load.retried(),
      'met two outages': metTwoOutages,
      'never acked (Tencent gave up)': load.unacked.length,
      'slack messages': deliveries.delivered,
      lost: lost.length + undelivered.length,
      duplicated: deliveries.orphans.length,
      'restart p50 ms': Math.round(restartMs.sort((a, b) => a - b)[Math.floor(restartMs.length / 2)] ?? 0),
      dead: rows.filter((r) => r.state === 'dead').length,
    });
    expect(lostAfterRestart).toEqual(kills.map(() => 0));
    expect(lost).toEqual([]);
    expect(undelivered).toEqual([]);
    expect(rows.filter((r) => r.state === 'dead')).toEqual([]);
    expect(deliveries.missing).toEqual([]);
    expect(deliveries.orphans).toEqual([]);
    // The scenario did what it says: kills landed on posts in flight, and pushes met two outages.
    expect(midPost).toBeGreaterThan(0);
    expect(metTwoOutages).toBeGreaterThan(0);
  }, 1_800_000);
});
