import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { createTestSchema, postgresSuite } from '@ccc-kit/webhook/test-utils/postgres';
import { startTcpProxy, type TcpProxy } from '@ccc-kit/webhook/test-utils/tcp-proxy';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type ContinuousPusher, pushContinuously, RETRY_DELAYS_MS } from './test-utils/continuous-pusher.ts';
import { type ProbeReply, probePushes } from './test-utils/probe-pushes.ts';
import { pushStream, type StreamPush } from './test-utils/push-stream.ts';
import { send } from './test-utils/raw-http.ts';
import { reportScenario } from './test-utils/report.ts';
import { SCALE } from './test-utils/scale.ts';
import { channelMessages, checkDeliveries } from './test-utils/slack-view.ts';
import { postgresReader, type StoreReader, sqliteReader, waitForDrain } from './test-utils/store-reader.ts';
import { PUSH_AUTHORIZATION, startWebhookProcess } from './test-utils/webhook-process.ts';

const CHANNEL = 'C0CALLS';
let slack: SlackEmulator;
let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-store-'));
});

// Each test has its own webhook and a clean Slack, so Slack's messages can be matched to that test's outbox.
beforeEach(() => slack.reset());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const slackEnv = () => ({
  SLACK_BOT_TOKEN: slack.token,
  SLACK_API_URL: slack.apiUrl,
  SLACK_DEFAULT_CHANNEL: CHANNEL,
  SLACK_RATE_PER_CHANNEL: '200',
});

/** Pushes until `pushes` were sent, running `fault` once the load is going; returns the pusher's record. */
async function underLoad(
  url: string,
  pushes: number,
  fault: (load: ContinuousPusher) => Promise<void>,
): Promise<ContinuousPusher> {
  const load = pushContinuously(`${url}/push`, 4);
  await sleep(300);
  await fault(load);
  while (load.acked.size + load.unacked.length < pushes) await sleep(50);
  await load.stop();
  return load;
}

/** What the store faults are judged on: acks vs. rows, refusals while broken, Slack copies. */
async function judge(load: ContinuousPusher, reader: StoreReader, brokenFrom: number, brokenTo: number) {
  const rows = await waitForDrain(reader, 300_000);
  const stored = new Set((await reader.inbox()).map((r) => r.pushId));
  const during = load.attempts.filter((a) => a.at >= brokenFrom && a.at <= brokenTo);
  const replies = during.map((a) => (a.failure ? `${a.status}:${a.failure.reason}` : 'ack'));
  const refused = during.filter((a) => a.status === 503 && a.failure?.reason === 'http_status').length;
  const errCodes = during
    .filter((a) => a.status === 503)
    .map((a) => (JSON.parse(a.reply ?? '{}') as { ErrCode?: number }).ErrCode);
  return {
    rows,
    lost: [...load.acked.keys()].filter((id) => !stored.has(id)),
    refused,
    errCodes,
    other: replies.filter((r) => r !== 'ack' && !r.startsWith('503')).length,
    slack: checkDeliveries(channelMessages(slack, CHANNEL), rows),
  };
}

/**
 * A command prefix under which the database file and its folder are read-only for the webhook. Root
 * ignores file modes, so as root the folder is mounted read-only, as on a read-only disk: a bind mount in
 * a mount namespace of the webhook's own (`unshare`), which nothing else sees and which ends with the
 * process. Running the webhook as another user instead made the test depend on that user being able to
 * read the checkout (a clone in a mode-700 folder failed).
 */
function readOnly(database: string): string[] {
  const folder = dirname(database);
  if (process.getuid?.() !== 0) {
    chmodSync(database, 0o444);
    chmodSync(folder, 0o555);
    cleanups.push(async () => chmodSync(folder, 0o755));
    return [];
  }
  const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"';
  return ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', script, folder];
}

/** The webhook's PG_QUERY_TIMEOUT in the blackhole scenario: low, so that three outages stay quick. */
const QUERY_TIMEOUT_MS = 1_000;
/**
 * Link up between two outages, after the first ack: at least Tencent's longest retry delay. With less, one
 * push's four attempts can all land in outages and Tencent drops it (as it would in production).
 */
const BETWEEN_OUTAGES_MS = Math.max(...RETRY_DELAYS_MS);

/** One blackhole outage, as the scenario saw it. */
interface Outage {
  readonly from: number;
  readonly to: number;
  /** Pushes sent on their own while the link was dark. */
  readonly dark: readonly ProbeReply[];
  readonly readyz: { readonly status: number; readonly reason: string };
  /** From the end of the outage to the load's first ack after it; null when none came within 10 s. */
  readonly recoveredMs: number | null;
}

/** Cdr pushes of a stream of their own (a `-probe` session suffix), beside the continuous load. */
function probeStream(): () => StreamPush {
  const next = pushStream({ seed: 11 });
  return () => {
    const push = next();
    const sessionId = `${push.sessionId}-probe`;
    return { ...push, sessionId, body: { ...push.body, SessionId: sessionId } };
  };
}

/**
 * Blackholes every open connection (new ones too) for a moment under `load`: probes pushes and `/readyz`
 * meanwhile, then lets new connections through and waits for the load's next ack.
 */
async function blackholeOnce(
  url: string,
  proxy: TcpProxy,
  load: ContinuousPusher,
  probes: () => StreamPush,
): Promise<Outage> {
  const from = Date.now();
  proxy.blackhole();
  await sleep(300);
  const [dark, ready] = await Promise.all([
    probePushes(url, probes, 4),
    send(`${url}/readyz`, { method: 'GET' }),
  ]);
  await sleep(300);
  const to = Date.now();
  proxy.restore();
  let recoveredMs: number | null = null;
  while (recoveredMs === null && Date.now() - to < 10_000) {
    const ack = load.attempts.find((a) => a.at > to && a.failure === null);
    if (ack) recoveredMs = ack.at - to;
    else await sleep(20);
  }
  await sleep(BETWEEN_OUTAGES_MS);
  const reason = String((ready.json as { reason?: unknown } | undefined)?.reason ?? '-');
  return { from, to, dark, readyz: { status: ready.status, reason }, recoveredMs };
}

const postgres = await postgresSuite('scenario 4: store faults');
describe.skipIf(postgres.skip)(postgres.title, () => {
  test('PostgreSQL connection cut and restored mid-load: 503 + ErrCode while down, recovery without restart, no false ack', async () => {
    const schema = await createTestSchema('reliability');
    cleanups.push(() => schema.drop());
    const proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: Number(new URL(schema.url).port || 5432),
    });
    cleanups.push(() => proxy.stop());
    const webhook = await startWebhookProcess({
      env: { ...slackEnv(), DATABASE_URL: schema.via(proxy.port) },
    });
    cleanups.push(() => webhook.kill());
    const reader = postgresReader(schema.url);
    cleanups.push(() => reader.close());
    let cutAt = 0;
    let restoredAt = 0;
    let readyWhileCut = 0;
    const load = await underLoad(webhook.url, SCALE.storePushes, async () => {
      cutAt = Date.now();
      proxy.cut();
      await sleep(500);
      readyWhileCut = (await send(`${webhook.url}/readyz`, { method: 'GET' })).status;
      await sleep(1_000);
      restoredAt = Date.now();
      proxy.restore();
    });
    const result = await judge(load, reader, cutAt, restoredAt);
    const readyAfter = (await send(`${webhook.url}/readyz`, { method: 'GET' })).status;
    reportScenario('4a. PostgreSQL connection cut', {
      'outage ms': restoredAt - cutAt,
      pushes: load.acked.size + load.unacked.length,
      acked: load.acked.size,
      '503 while down': result.refused,
      'other failures while down': result.other,
      'never acked': load.unacked.length,
      lost: result.lost.length,
      'readyz while down': readyWhileCut,
      'same process after': webhook.pid,
      'slack duplicates': result.slack.orphans.length,
    });
    expect(result.refused).toBeGreaterThan(0);
    expect(result.errCodes.every((code) => typeof code === 'number' && code !== 0)).toBe(true);
    expect(result.other).toBe(0);
    expect(result.lost).toEqual([]);
    expect(load.unacked).toEqual([]);
    expect([readyWhileCut, readyAfter]).toEqual([503, 200]);
    expect(result.rows.filter((r) => r.state !== 'sent')).toEqual([]);
    expect(result.slack.missing).toEqual([]);
    expect(result.slack.orphans).toEqual([]);
  }, 600_000);

  test('PostgreSQL connections blackholed 3 times in a row mid-load (no reset): 503 within PG_QUERY_TIMEOUT while dark, acks within 10 s after, no pool slot lost, nothing lost', async () => {
    const schema = await createTestSchema('reliability');
    cleanups.push(() => schema.drop());
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(schema.url).port || 5432) });
    cleanups.push(() => proxy.stop());
    const webhook = await startWebhookProcess({
      env: {
        ...slackEnv(),
        DATABASE_URL: schema.via(proxy.port),
        PG_QUERY_TIMEOUT: `${QUERY_TIMEOUT_MS}ms`,
      },
    });
    cleanups.push(() => webhook.kill());
    const reader = postgresReader(schema.url);
    cleanups.push(() => reader.close());
    const probes = probeStream();
    const outages: Outage[] = [];
    const load = await underLoad(webhook.url, SCALE.storePushes, async (running) => {
      for (let n = 0; n < 3; n++) outages.push(await blackholeOnce(webhook.url, proxy, running, probes));
    });
    // More pushes at once than the pool has connections: each needs a slot, so a slot lost for good to a
    // hung connection shows up here as a refusal.
    const burst = await probePushes(webhook.url, probes, 40);
    const first = outages[0] as Outage;
    const last = outages.at(-1) as Outage;
    const result = await judge(load, reader, first.from, last.to + (last.recoveredMs ?? 0));
    const stored = new Set((await reader.inbox()).map((row) => row.pushId));
    const dark = outages.flatMap((o) => o.dark);
    const readyAfter = (await send(`${webhook.url}/readyz`, { method: 'GET' })).status;
    reportScenario('4d. PostgreSQL blackholed ×3', {
      outages: outages.length,
      'dark ms': outages.map((o) => o.to - o.from).join('/'),
      'PG_QUERY_TIMEOUT ms': QUERY_TIMEOUT_MS,
      'probes while dark': dark.length,
      'probe answers': [...new Set(dark.map((p) => p.status))].join('/'),
      'probe max ms': Math.round(Math.max(...dark.map((p) => p.ms))),
      'readyz while dark': outages.map((o) => `${o.readyz.status} ${o.readyz.reason}`).join('/'),
      'acks again after ms': outages.map((o) => o.recoveredMs ?? 'never').join('/'),
      pushes: load.acked.size + load.unacked.length,
      acked: load.acked.size,
      '503 while down': result.refused,
      'other failures while down': result.other,
      'never acked': load.unacked.length,
      lost: result.lost.length,
      'burst acked': `${burst.filter((p) => p.errCode === 0).length}/${burst.length}`,
      'burst max ms': Math.round(Math.max(...burst.map((p) => p.ms))),
      'dark connections': proxy.dark(),
      'same process after': webhook.pid,
      'slack duplicates': result.slack.orphans.length,
    });
    // Every push sent while dark is answered, 503 with a non-zero ErrCode, within the query timeout (a
    // push may wait out one batch on a dark connection before its own) and a second for a loaded machine.
    expect(dark.map((p) => [p.status, p.errCode !== 0])).toEqual(dark.map(() => [503, true]));
    expect(Math.max(...dark.map((p) => p.ms))).toBeLessThan(2 * QUERY_TIMEOUT_MS + 1_000);
    expect(outages.map((o) => o.readyz.status)).toEqual([503, 503, 503]);
    expect(outages.every((o) => o.recoveredMs !== null && o.recoveredMs < 10_000)).toBe(true);
    expect(burst.map((p) => [p.status, p.errCode])).toEqual(burst.map(() => [200, 0]));
    expect(burst.filter((p) => !stored.has(p.pushId))).toEqual([]);
    expect(result.refused).toBeGreaterThan(0);
    expect(result.errCodes.every((code) => typeof code === 'number' && code !== 0)).toBe(true);
    expect(result.other).toBe(0);
    expect(result.lost).toEqual([]);
    expect(load.unacked).toEqual([]);
    expect(readyAfter).toBe(200);
    expect(result.rows.filter((r) => r.state !== 'sent')).toEqual([]);
    expect(result.slack.missing).toEqual([]);
    expect(result.slack.orphans).toEqual([]);
  }, 600_000);
});

describe('scenario 4: store faults (SQLite)', () => {
  test('disk full (file size limit) mid-load: 503 + ErrCode with a clear log line, recovery without restart, no false ack', async () => {
    const path = join(dir, 'full', 'webhook.db');
    const webhook = await startWebhookProcess({ env: { ...slackEnv(), DATABASE_URL: `sqlite:${path}` } });
    cleanups.push(() => webhook.kill());
    const reader = sqliteReader(path);
    cleanups.push(() => reader.close());
    let fullFrom = 0;
    let fullTo = 0;
    // RLIMIT_FSIZE makes every write past 64 KiB fail with EFBIG, as a full disk fails with ENOSPC: works
    // as root too (file permissions do not stop root), and is lifted again on the running process.
    const limit = (soft: string) =>
      execFileSync('prlimit', ['--pid', String(webhook.pid), `--fsize=${soft}:unlimited`]);
    const load = await underLoad(webhook.url, SCALE.storePushes, async () => {
      fullFrom = Date.now();
      limit('65536');
      await sleep(1_500);
      limit('unlimited');
      fullTo = Date.now();
    });
    const result = await judge(load, reader, fullFrom, fullTo);
    const errors = webhook
      .logs()
      .filter((l) => l.msg === 'push not stored: store unavailable')
      .map((l) => String((l.err as { message?: string } | undefined)?.message ?? ''));
    reportScenario('4b. SQLite disk full', {
      'full ms': fullTo - fullFrom,
      pushes: load.acked.size + load.unacked.length,
      acked: load.acked.size,
      '503 while full': result.refused,
      'never acked': load.unacked.length,
      lost: result.lost.length,
      'logged error': errors[0]?.replace(/^Store ingest failed: /, '') ?? '-',
      'slack duplicates': result.slack.orphans.length,
    });
    expect(result.refused).toBeGreaterThan(0);
    expect(result.errCodes.every((code) => typeof code === 'number' && code !== 0)).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/disk|full|I\/O|too large/i);
    expect(result.lost).toEqual([]);
    expect(load.unacked).toEqual([]);
    expect(result.rows.filter((r) => r.state !== 'sent')).toEqual([]);
    expect(result.slack.missing).toEqual([]);
    expect(result.slack.orphans).toEqual([]);
  }, 600_000);

  test('a read-only database stops the webhook at start with a clear message: nothing is acked', async () => {
    const folder = join(dir, 'store'); // a neutral name: the message must say read-only itself
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'webhook.db');
    const env = { ...slackEnv(), DATABASE_URL: `sqlite:${path}` };
    const first = await startWebhookProcess({ env });
    await first.stop();
    const second = await startWebhookProcess({ env, waitReady: false, prefix: readOnly(path) });
    cleanups.push(() => second.kill());
    const exit = await Promise.race([second.exited, sleep(15_000).then(() => 'still running')]);
    const acked =
      exit === 'still running'
        ? await send(`${second.url}/push?action=cdr&version=1`, {
            headers: { authorization: PUSH_AUTHORIZATION, 'content-type': 'application/json' },
            body: '{"SessionId":"read-only-1"}',
          }).catch(() => null)
        : null;
    const message =
      second
        .output()
        .split('\n')
        .find((line) => line.includes('cannot start')) ?? '';
    reportScenario('4c. SQLite read-only', {
      'exit code': String(exit),
      'start-up message': message.replace(/^.*"msg":"|"}$/g, '').replaceAll(dir, '<tmp>'),
    });
    expect(exit).toBe(1);
    expect(acked).toBeNull();
    expect(message).toMatch(/readonly|read-only|read only/i);
  }, 60_000);
});
