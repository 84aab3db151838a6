import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { CLI_ENV, runCli } from './test-utils/cli.ts';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from './test-utils/harness.ts';

let harness: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MiB = 1024 * 1024;
const METRICS_TOKEN = 'quarantine-metrics-token-01';
const basic = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;
const push = (url: string, body: string | Buffer, pushId: string) =>
  fetch(`${url}?action=cdr&version=1`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', authorization: basic, 'x-tccc-push-uuid': pushId },
  });
/** The seed CDR followed by spaces up to `size` bytes: valid JSON, and a valid push under a high enough limit. */
const padded = (size: number): string =>
  repairedSamples.cdrPushSeed + ' '.repeat(size - Buffer.byteLength(repairedSamples.cdrPushSeed));

describe('quarantine bounds', () => {
  test('refused pushes past QUARANTINE_MAX_ROWS evict the oldest; /metrics counts them, one warning each without the body', async () => {
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    harness = await startHarness({ logger, config: { quarantineMaxRows: 10, metricsToken: METRICS_TOKEN } });
    const { pushUrl, webhook } = harness;
    for (let n = 1; n <= 10; n++)
      expect((await push(pushUrl, `{"SessionId": ${n}, "Secret": "body-${n}"}`, `bad-${n}`)).status).toBe(
        400,
      );
    const oldest = (await webhook.store.listQuarantine()).reverse().slice(0, 3);
    for (let n = 11; n <= 13; n++)
      expect((await push(pushUrl, `{"SessionId": ${n}, "Secret": "body-${n}"}`, `bad-${n}`)).status).toBe(
        400,
      );

    const kept = (await webhook.store.listQuarantine()).map((row) => row.pushId);
    expect(kept).toEqual(Array.from({ length: 10 }, (_, i) => `bad-${13 - i}`));
    const metrics = await fetch(`${webhook.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await metrics.text();
    expect(text).toMatch(/^ccc_webhook_quarantine_evicted_total 3$/m);
    expect(text).toMatch(/^ccc_webhook_quarantine_rows 10$/m);
    const evictions = logs.filter((line) => String(line.msg).startsWith('quarantine full'));
    expect(
      evictions.map(({ level, evicted, oldestReceivedAt }) => ({ level, evicted, oldestReceivedAt })),
    ).toEqual(
      oldest.map((row) => ({
        level: 40,
        evicted: 1,
        oldestReceivedAt: new Date(row.receivedAt).toISOString(),
      })),
    );
    expect(JSON.stringify(evictions)).not.toContain('body-');
  });
});

describe('a body over PUSH_MAX_BODY_BYTES', () => {
  const harnessOn = async (config: Parameters<typeof startHarness>[0] = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-413-'));
    dirs.push(dir);
    const databaseUrl = `sqlite:${join(dir, 'webhook.db')}`;
    harness = await startHarness({ ...config, databaseUrl });
    return { harness, databaseUrl };
  };

  test('gets 413 and is kept whole; once the limit is raised, replay-quarantine stores it and it is posted', async () => {
    const { harness: h, databaseUrl } = await harnessOn();
    const body = padded(1.5 * MiB);
    const response = await push(h.pushUrl, body, 'big-1');
    expect(response.status).toBe(413);
    expect(((await response.json()) as { ErrCode: number }).ErrCode).toBe(413);
    const [row] = await h.webhook.store.listQuarantine();
    expect(row).toMatchObject({ pushId: 'big-1', truncated: false, bodySize: 1.5 * MiB });
    expect(row?.reason.code).toBe('body_too_large');
    expect(Buffer.from(row?.body ?? []).equals(Buffer.from(body))).toBe(true);

    const env = { ...CLI_ENV, DATABASE_URL: databaseUrl, SLACK_DEFAULT_CHANNEL: '#calls' };
    const before = await runCli(['replay-quarantine'], { ...env, PUSH_MAX_BODY_BYTES: String(MiB) });
    expect(before.stdout).toBe(
      `#${row?.id}: still refused, kept: body_too_large: Body is ${1.5 * MiB} bytes, over the ${MiB}-byte limit; raise maxBodyBytes if such pushes are legitimate\nreplayed: 0 stored, 0 duplicate, 1 still invalid (kept)\n`,
    );
    const after = await runCli(['replay-quarantine'], { ...env, PUSH_MAX_BODY_BYTES: String(2 * MiB) });
    expect(after.stdout).toBe(
      `#${row?.id} (cdr): stored, left the quarantine\nreplayed: 1 stored, 0 duplicate, 0 still invalid (kept)\n`,
    );
    expect(await h.webhook.store.listQuarantine()).toEqual([]);
    expect((await h.webhook.store.listInbox()).map((r) => [r.pushId, r.body.length])).toEqual([
      ['big-1', 1.5 * MiB],
    ]);
    await h.drained();
    expect(JSON.stringify(h.sandbox.slack.messages('#calls'))).toContain('+86 184****7605');
  }, 30_000);

  test('beyond QUARANTINE_MAX_BODY_BYTES its first bytes are kept, flagged truncated with the declared size', async () => {
    const { harness: h } = await harnessOn({ config: { quarantineMaxBodyBytes: 1.25 * MiB } });
    const body = padded(2 * MiB);
    expect((await push(h.pushUrl, body, 'huge-1')).status).toBe(413);
    const [row] = await h.webhook.store.listQuarantine();
    expect(row).toMatchObject({ pushId: 'huge-1', truncated: true, bodySize: 2 * MiB });
    expect(Buffer.from(row?.body ?? []).equals(Buffer.from(body).subarray(0, 1.25 * MiB))).toBe(true);
  });

  test('at most two are read whole at once: a third, meanwhile, keeps only its first PUSH_MAX_BODY_BYTES', async () => {
    const { harness: h } = await harnessOn();
    const port = Number(new URL(h.pushUrl).port);
    const bodies = [padded(1.5 * MiB), padded(1.5 * MiB)];
    // Two oversized pushes hold the two slots: headers and a first part sent, the rest held back.
    const held = bodies.map((body, i) => rawPush(port, body, `slow-${i}`));
    await sleep(300);
    const third = padded(1.5 * MiB);
    expect((await push(h.pushUrl, third, 'third')).status).toBe(413);
    const replies = await Promise.all(held.map((r) => r.finish()));
    expect(replies.map((reply) => reply.split('\r\n')[0])).toEqual([
      'HTTP/1.1 413 Payload Too Large',
      'HTTP/1.1 413 Payload Too Large',
    ]);
    const rows = new Map((await h.webhook.store.listQuarantine()).map((row) => [row.pushId, row]));
    expect(rows.get('third')).toMatchObject({ truncated: true, bodySize: 1.5 * MiB });
    expect(rows.get('third')?.body.length).toBe(MiB);
    for (const [i, body] of bodies.entries()) {
      expect(rows.get(`slow-${i}`)).toMatchObject({ truncated: false, bodySize: 1.5 * MiB });
      expect(Buffer.from(rows.get(`slow-${i}`)?.body ?? []).equals(Buffer.from(body))).toBe(true);
    }
    // The slots are free again: the next oversized push is kept whole.
    expect((await push(h.pushUrl, third, 'fourth')).status).toBe(413);
    expect((await h.webhook.store.listQuarantine())[0]).toMatchObject({ pushId: 'fourth', truncated: false });
  }, 30_000);
});

/** A push on a raw socket: headers and the first 64 KiB now, the rest on `finish()`, which resolves the reply. */
function rawPush(port: number, body: string, pushId: string) {
  const bytes = Buffer.from(body);
  const socket: Socket = connect(port, '127.0.0.1');
  let reply = '';
  socket.on('data', (chunk: Buffer) => {
    reply += chunk.toString();
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(
    `POST /push?action=cdr&version=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basic}\r\n` +
      `Content-Type: application/json\r\nX-TCCC-Push-UUID: ${pushId}\r\nContent-Length: ${bytes.length}\r\n\r\n`,
  );
  socket.write(bytes.subarray(0, 65_536));
  return {
    async finish(): Promise<string> {
      socket.end(bytes.subarray(65_536));
      await closed;
      return reply;
    },
  };
}
