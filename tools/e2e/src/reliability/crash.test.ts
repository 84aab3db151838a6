import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushContinuously } from './test-utils/continuous-pusher.ts';
import { expectedMessageKey } from './test-utils/push-stream.ts';
import { reportScenario } from './test-utils/report.ts';
import { SCALE } from './test-utils/scale.ts';
import { acceptedAt, channelMessages, checkDeliveries } from './test-utils/slack-view.ts';
import { type StoreReader, sqliteReader, waitForDrain } from './test-utils/store-reader.ts';
import { startWebhookProcess, type WebhookProcess } from './test-utils/webhook-process.ts';

const CHANNEL = 'C0CALLS';
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

describe('scenario 1: SIGKILL of the webhook under load', () => {
  test(`${SCALE.crashCycles} kill -9 / restart cycles: every acked push stored and posted once`, async () => {
    const dbPath = join(dir, 'webhook.db');
    const env = {
      DATABASE_URL: `sqlite:${dbPath}`,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_DEFAULT_CHANNEL: CHANNEL,
      SLACK_RATE_PER_CHANNEL: '500',
      LOG_LEVEL: 'warn',
    };
    webhook = await startWebhookProcess({ env });
    const { port } = webhook;
    reader = sqliteReader(dbPath);
    const load = pushContinuously(`${webhook.url}/push`, SCALE.crashConcurrency);
    const kills: number[] = [];
    const restartMs: number[] = [];
    const lostAfterRestart: number[] = [];
    for (let cycle = 0; cycle < SCALE.crashCycles; cycle++) {
      // The next kill waits until every push refused by the last one got its ack, so no push meets two
      // outages within its retries (Tencent gives up after 3); then the webhook runs under load a moment.
      while (load.retrying() > 0) await sleep(50);
      await sleep(500 + Math.random() * 1_000);
      kills.push(Date.now());
      await webhook.kill();
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
    const inbox = await reader.inbox();
    const storedIds = new Set(inbox.map((row) => row.pushId));
    const lost = [...load.acked.values()].filter((push) => !storedIds.has(push.pushId));

    // Per session: one post per acked cdr/imcdr/voicemail, one thread reply per acked recording.
    const expected = new Map<string, number>();
    for (const push of load.acked.values()) {
      const key = expectedMessageKey(push);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map<string, number>();
    for (const row of rows.filter((r) => r.state === 'sent')) {
      const key = `${row.kind}:${row.sessionId}`;
      actual.set(key, (actual.get(key) ?? 0) + 1);
    }
    const undelivered = [...expected].filter(([key, count]) => (actual.get(key) ?? 0) < count);
    const deliveries = checkDeliveries(channelMessages(slack, CHANNEL), rows);
    // A duplicate is a post Slack accepted while the kill landed (before its `sent` mark committed): it
    // belongs to the nearest kill, and the gap is the crash window actually observed.
    const nearest = (at: number) =>
      kills.reduce(
        (best, kill, i) => (Math.abs(kill - at) < Math.abs((kills[best] as number) - at) ? i : best),
        0,
      );
    const killOf = deliveries.orphans.map((m) => nearest(acceptedAt(m)));
    const windows = deliveries.orphans.map((m, i) =>
      Math.abs((kills[killOf[i] as number] as number) - acceptedAt(m)),
    );
    const perKill = kills.map((_, i) => killOf.filter((k) => k === i).length);
    reportScenario('1. crash (SIGKILL under load)', {
      cycles: SCALE.crashCycles,
      pushed: load.acked.size + load.unacked.length,
      acked: load.acked.size,
      'retried by pusher': load.retried(),
      'never acked': load.unacked.length,
      'slack messages': deliveries.delivered,
      lost: lost.length + undelivered.length,
      duplicated: deliveries.orphans.length,
      'crash window max ms': Math.max(0, ...windows),
      'restart p50 ms': Math.round(restartMs.sort((a, b) => a - b)[Math.floor(restartMs.length / 2)] ?? 0),
      dead: rows.filter((r) => r.state === 'dead').length,
    });
    expect(lostAfterRestart).toEqual(kills.map(() => 0));
    expect(lost).toEqual([]);
    expect(load.unacked).toEqual([]);
    expect(undelivered).toEqual([]);
    expect(rows.filter((r) => r.state === 'dead')).toEqual([]);
    expect(deliveries.missing).toEqual([]);
    // Outside the crash window nothing is posted twice: every second copy was accepted by Slack shortly
    // before a kill, and one channel has at most one post in flight (per-channel queue), so ≤ 1 per kill.
    expect(windows.filter((ms) => ms > 1_000)).toEqual([]);
    expect(Math.max(0, ...perKill)).toBeLessThanOrEqual(1);
  }, 1_800_000);
});
