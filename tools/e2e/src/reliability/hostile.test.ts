import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  extremeValidCdr,
  type HostileRequest,
  hostileBody,
  hostileQuery,
  validCdrText,
} from './test-utils/hostile.ts';
import { type RawReply, send, slowClient } from './test-utils/raw-http.ts';
import { reportScenario } from './test-utils/report.ts';
import { SCALE } from './test-utils/scale.ts';
import { type StoreReader, sqliteReader, waitForDrain } from './test-utils/store-reader.ts';
import {
  METRICS_TOKEN,
  PUSH_AUTHORIZATION,
  startWebhookProcess,
  type WebhookProcess,
} from './test-utils/webhook-process.ts';

let slack: SlackEmulator;
let webhook: WebhookProcess;
let reader: StoreReader;
let dir: string;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-hostile-'));
  webhook = await startWebhookProcess({
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'webhook.db')}`,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_DEFAULT_CHANNEL: 'C0CALLS',
      SLACK_RATE_PER_CHANNEL: '100',
      // Rejected pushes are kept for inspection; cap them so 10,000 hostile bodies stay small on disk.
      QUARANTINE_MAX_ROWS: '500',
      LOG_LEVEL: 'warn',
    },
  });
  reader = sqliteReader(join(dir, 'webhook.db'));
});

afterAll(async () => {
  agent.destroy();
  await webhook?.kill();
  await reader?.close();
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const post = (r: HostileRequest): Promise<RawReply> =>
  send(`${webhook.url}/push${r.query ? `?${r.query}` : ''}`, {
    agent,
    headers: {
      authorization: PUSH_AUTHORIZATION,
      ...(r.contentType === null ? {} : { 'content-type': r.contentType }),
    },
    body: r.body,
  });

/** The reply contract for a refused push: 4xx, JSON with a non-zero `ErrCode` and a message. */
const isRefusal = (reply: RawReply): boolean => {
  const json = reply.json as { ErrCode?: unknown; ErrMsg?: unknown } | undefined;
  return (
    reply.status >= 400 &&
    reply.status < 500 &&
    typeof json?.ErrCode === 'number' &&
    json.ErrCode !== 0 &&
    typeof json.ErrMsg === 'string' &&
    json.ErrMsg.length > 0
  );
};

describe('scenario 5: hostile input', () => {
  test(`${SCALE.hostileBodies.toLocaleString('en-US')} generated bodies and ${SCALE.hostileQueries} query strings are refused with 4xx + ErrCode; slow clients time out`, async () => {
    // Slow clients run alongside the fuzzing: a stalled body (the handler's 10 s idle limit), a body trickled
    // one byte a second (the server's 30 s request limit) and headers that never end (10 s headers limit).
    const head = (length: number) =>
      `POST /push?action=cdr&version=1 HTTP/1.1\r\nHost: x\r\nAuthorization: ${PUSH_AUTHORIZATION}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const slow = [
      slowClient(webhook.port, `${head(1_000)}{"SessionId":`),
      slowClient(webhook.port, head(1_000), { trickle: 'x'.repeat(1_000), everyMs: 1_000 }),
      slowClient(webhook.port, 'POST /push?action=cdr HTTP/1.1\r\nHost: x\r\n', {
        trickle: 'X-Slow: 1\r\n'.repeat(100),
        everyMs: 1_000,
      }),
    ];
    const baselineMB = webhook.rssMB();
    let peakMB = baselineMB;
    let sent = 0;
    const statuses = new Map<number, number>();
    const byLabel = new Map<string, number>();
    const check = async (r: HostileRequest) => {
      const reply = await post(r);
      sent++;
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      byLabel.set(r.label, (byLabel.get(r.label) ?? 0) + 1);
      if (sent % 100 === 0) peakMB = Math.max(peakMB, webhook.rssMB());
      return reply;
    };
    const inboxBefore = (await reader.inbox()).length;
    // Four independent fast-check runs in parallel (each keeps shrinking and prints its seed on failure).
    const refusals = async (arb: fc.Arbitrary<HostileRequest>, numRuns: number) => {
      const property = fc.asyncProperty(arb, async (r) => {
        const reply = await check(r);
        if (!isRefusal(reply))
          throw new Error(`${r.label}: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
      });
      await Promise.all(
        [0, 1, 2, 3].map(() => fc.assert(property, { numRuns: Math.ceil(numRuns / 4), endOnFailure: true })),
      );
    };
    await refusals(hostileBody, SCALE.hostileBodies);
    await refusals(hostileQuery, SCALE.hostileQueries);
    const storedByHostile = (await reader.inbox()).length - inboxBefore;

    // Schema-valid CDRs with absurd values may be stored; they must not cause a 5xx nor stop the relay.
    const extreme = fc.sample(extremeValidCdr, 200);
    const extremeReplies = await Promise.all(extreme.map(check));
    const canary = await check({
      ...extreme[0],
      label: 'canary',
      body: Buffer.from('{"SessionId":"canary-after-hostile"}'),
    } as HostileRequest);
    const rows = await waitForDrain(reader, 60_000);
    const outcomes = await Promise.all(slow);
    const endMB = webhook.rssMB();
    reportScenario('5. hostile input', {
      requests: sent,
      ...Object.fromEntries([...byLabel].map(([label, n]) => [label, n])),
      'status counts': [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}:${n}`)
        .join(' '),
      'stored by hostile': storedByHostile,
      'extreme valid stored': extremeReplies.filter((r) => r.status === 200).length,
      'extreme dead letters': rows.filter((r) => r.state === 'dead').length,
      'slow clients closed after s': outcomes.map((o) => Math.round(o.closedAfterMs / 1000)).join('/'),
      'rss baseline MB': Math.round(baselineMB),
      'rss peak MB': Math.round(peakMB),
      'rss end MB': Math.round(endMB),
    });
    expect(storedByHostile).toBe(0);
    expect(extremeReplies.filter((r) => r.status >= 500)).toEqual([]);
    expect(canary.status).toBe(200);
    expect(rows.find((r) => r.sessionId === 'canary-after-hostile')?.state).toBe('sent');
    expect(rows.filter((r) => r.state === 'dead' && !r.lastError)).toEqual([]);
    // `__proto__.SessionId` never replaced the real one.
    expect(rows.filter((r) => !/^(extreme-|canary-after-hostile$)/.test(r.sessionId))).toEqual([]);
    // The body deadline (10 s) and the header deadline (10 s) close slow clients; without them a trickling
    // client would hold its connection until the test gives up (60 s).
    for (const outcome of outcomes) expect(outcome.closedAfterMs).toBeLessThan(25_000);
    expect(outcomes[0]?.reply).toMatch(/^HTTP\/1\.1 408[\s\S]*"ErrCode":408/);
    expect(outcomes[1]?.reply).toMatch(/^HTTP\/1\.1 408[\s\S]*"ErrCode":408/);
    expect(webhook.rssMB()).toBeGreaterThan(0); // still running
    expect(peakMB - baselineMB).toBeLessThan(300);
  }, 600_000);

  test(`${SCALE.hostileActions.toLocaleString('en-US')} unauthenticated requests with random 1 KB actions: /metrics stays under 64 KB, no action reaches a label or a log line whole`, async () => {
    const scrape = async () =>
      (
        await send(`${webhook.url}/metrics`, {
          method: 'GET',
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).text;
    const seriesOf = (text: string) =>
      text.split('\n').filter((line) => line && !line.startsWith('#')).length;
    const metricsBefore = await scrape();
    const baselineMB = webhook.rssMB();
    let peakMB = baselineMB;
    const statuses = new Map<number, number>();
    const actions: string[] = [];
    for (let start = 0; start < SCALE.hostileActions; start += 64) {
      const batch = Array.from({ length: Math.min(64, SCALE.hostileActions - start) }, (_, i) => {
        const action = randomBytes(512).toString('hex');
        if (actions.length < 200) actions.push(action);
        return send(`${webhook.url}/push?action=${action}&version=1`, {
          agent,
          headers: { 'content-type': 'application/json' },
          body: validCdrText(`flood-${start + i}`),
        });
      });
      for (const reply of await Promise.all(batch))
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      peakMB = Math.max(peakMB, webhook.rssMB());
    }
    const metricsAfter = await scrape();
    const endMB = webhook.rssMB();
    const logs = webhook.output();
    const whole = actions.filter(
      (a) => metricsAfter.includes(a.slice(0, 100)) || logs.includes(a.slice(0, 100)),
    );
    reportScenario('5a. unauthenticated random 1 KB actions', {
      requests: SCALE.hostileActions,
      'status counts': [...statuses].map(([s, n]) => `${s}:${n}`).join(' '),
      '/metrics KB before/after': `${(metricsBefore.length / 1024).toFixed(1)}/${(metricsAfter.length / 1024).toFixed(1)}`,
      'series before/after': `${seriesOf(metricsBefore)}/${seriesOf(metricsAfter)}`,
      'actions found whole (of 200 sampled)': whole.length,
      'rss baseline/peak/end MB': `${Math.round(baselineMB)}/${Math.round(peakMB)}/${Math.round(endMB)}`,
      'rss growth MB': Math.round(endMB - baselineMB),
    });
    expect([...statuses.keys()]).toEqual([401]);
    expect(metricsAfter.length).toBeLessThan(64 * 1024);
    expect(whole).toEqual([]);
  }, 600_000);
});
