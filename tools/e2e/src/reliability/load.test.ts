import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openLoop } from './test-utils/open-loop.ts';
import { pushStream } from './test-utils/push-stream.ts';
import { reportScenario } from './test-utils/report.ts';
import { FULL, SCALE } from './test-utils/scale.ts';
import { type SlackSink, startSlackSink } from './test-utils/slack-sink.ts';
import { checkDeliveries } from './test-utils/slack-view.ts';
import { type StoreReader, sqliteReader, waitForDrain } from './test-utils/store-reader.ts';
import {
  PUSH_AUTHORIZATION,
  startWebhookProcess,
  type WebhookProcess,
} from './test-utils/webhook-process.ts';

const CHANNEL = 'C0CALLS';
let slack: SlackEmulator;
let sink: SlackSink;
let dir: string;
let webhook: WebhookProcess | undefined;
let reader: StoreReader | undefined;

beforeAll(async () => {
  // Slack as it really is: about 1 message per second per channel, a burst of 3, 429 + Retry-After beyond.
  slack = await startSlackEmulator();
  sink = await startSlackSink();
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-load-'));
});

afterAll(async () => {
  await webhook?.kill();
  await reader?.close();
  await Promise.all([slack?.stop(), sink?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Samples `read` every second until stopped. */
function sampler(read: () => Promise<number> | number) {
  const samples: number[] = [];
  const timer = setInterval(async () => samples.push(await read()), 1_000);
  return {
    samples,
    stop: () => clearInterval(timer),
  };
}

const mb = (value: number) => Math.round(value);

describe('scenario 7: load with Slack at its real rate', () => {
  test(`${SCALE.loadSeconds} s at ${SCALE.loadRate.toLocaleString('en-US')} pushes/s: fast acks, the outbox absorbs the burst and drains, flat memory`, async () => {
    const dbPath = join(dir, 'webhook.db');
    const env = {
      DATABASE_URL: `sqlite:${dbPath}`,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_DEFAULT_CHANNEL: CHANNEL,
      SLACK_RATE_PER_CHANNEL: '1',
      // Per-push info lines are a deployment choice; warnings and errors are still written.
      LOG_LEVEL: 'warn',
    };
    webhook = await startWebhookProcess({ env });
    reader = sqliteReader(dbPath);
    // Realistic bodies (a 2–3 KB CDR of the sandbox dataset), each with its own SessionId.
    const next = pushStream();
    let template = next();
    while (template.action !== 'cdr') template = next();
    const headers = { authorization: PUSH_AUTHORIZATION, 'content-type': 'application/json;charset=utf8' };
    const send = (phase: string, rate: number, seconds: number) =>
      openLoop({
        origin: current.url,
        rate,
        seconds,
        next: (i) => ({
          path: '/push?action=cdr&version=1',
          headers: { ...headers, 'x-tccc-push-uuid': `${phase}-${i}` },
          body: JSON.stringify({ ...template.body, SessionId: `${phase}-${i}` }),
        }),
      });
    const current = webhook;
    // A short warm-up at the same rate (JIT, caches, first WAL checkpoint) is sent but not measured.
    const warmUp = await send('warm', SCALE.loadRate, 2);
    const rss = sampler(() => current.rssMB());
    const load = await send('load', SCALE.loadRate, SCALE.loadSeconds);
    rss.stop();
    const afterLoad = await reader.stateCounts();
    // The backlog drains at Slack's pace: watch it for a while.
    const observeSeconds = FULL ? 15 : 4;
    await sleep(observeSeconds * 1_000);
    const observed = await reader.stateCounts();
    const drainRate = (observed.sent - afterLoad.sent) / observeSeconds;
    const limited = slack.rateLimitedCount();
    // Hours of backlog at 1 msg/s are not waited for: the webhook is stopped gracefully; in the full run it
    // is restarted against a Slack without limits (the sink), standing for the time passing, and drains.
    const stopping = performance.now();
    await webhook.stop();
    const shutdownMs = performance.now() - stopping;
    let drainSeconds = Number.NaN;
    if (SCALE.loadFullDrain) {
      webhook = await startWebhookProcess({
        env: { ...env, SLACK_API_URL: sink.apiUrl, SLACK_RATE_PER_CHANNEL: '1000' },
      });
      const draining = performance.now();
      await waitForDrain(reader, 900_000);
      drainSeconds = (performance.now() - draining) / 1000;
    }
    const rows = await reader.outbox();
    const delivered = checkDeliveries([...slack.messages(CHANNEL), ...sink.messages], rows);
    const half = rss.samples.slice(Math.floor(rss.samples.length / 2));
    reportScenario('7. load at Slack rate', {
      'offered/s': SCALE.loadRate,
      seconds: SCALE.loadSeconds,
      acked: load.acked,
      failed: load.failed + load.shed,
      ...(load.failed ? { 'failure reasons': JSON.stringify(load.reasons) } : {}),
      'ack p50 ms': load.p50,
      'ack p99 ms': load.p99,
      'ack max ms': load.max,
      'outbox after load': afterLoad.pending,
      'posted during load': afterLoad.sent,
      'Slack 429s': limited,
      'drain msgs/s at Slack rate': drainRate,
      'graceful stop ms': Math.round(shutdownMs),
      ...(SCALE.loadFullDrain
        ? { 'backlog drained s (no limit)': Math.round(drainSeconds) }
        : { 'backlog kept pending': rows.filter((r) => r.state === 'pending').length }),
      delivered: delivered.delivered,
      duplicates: delivered.orphans.length,
      'rss start/peak/end MB': `${mb(rss.samples[0] ?? 0)}/${mb(Math.max(...rss.samples))}/${mb(rss.samples.at(-1) ?? 0)}`,
      'rss growth 2nd half MB': mb(Math.max(...half) - Math.min(...half)),
    });
    expect(warmUp.acked + load.acked).toBe(warmUp.offered + load.offered);
    // Acks never waited for Slack: almost everything is still queued when the load ends.
    expect(afterLoad.pending).toBeGreaterThan(load.acked / 2);
    expect(drainRate).toBeGreaterThan(0);
    // Slack is never pushed past its limit: at most the initial burst is refused.
    expect(limited).toBeLessThanOrEqual(3);
    // Every acked push has its Slack message: sent once, or still queued (the bounded run stops there).
    expect(rows).toHaveLength(warmUp.acked + load.acked);
    const settled: string[] = SCALE.loadFullDrain ? ['sent'] : ['sent', 'pending'];
    expect(rows.filter((r) => !settled.includes(r.state))).toEqual([]);
    expect(delivered.delivered).toBe(rows.filter((r) => r.state === 'sent').length);
    expect(delivered.missing).toEqual([]);
    expect(delivered.orphans).toEqual([]);
    expect(Math.max(...half) - Math.min(...half)).toBeLessThan(64);
  }, 1_800_000);
});
