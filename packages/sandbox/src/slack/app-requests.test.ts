import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { realScheduler, sleep } from '@ccc-kit/timers';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { listen, type RunningServer, readBody } from '../http.ts';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { signSlackRequest } from './signing.ts';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly form: URLSearchParams;
  readonly verdict: 'valid' | 'bad-signature' | 'stale' | 'missing';
}

// Verifies like Bolt does, written independently: v0 HMAC-SHA256 over `v0:ts:body`, 5-minute window.
function verify(secret: string, headers: IncomingHttpHeaders, body: string): Received['verdict'] {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return 'missing';
  if (Number(timestamp) < Math.floor(Date.now() / 1000) - 300) return 'stale';
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'bad-signature';
}

let slack: SlackEmulator;
let app: RunningServer;
const received: Received[] = [];
let ackDelayMs = 0;

beforeAll(async () => {
  slack = await startSlackEmulator();
  app = await listen(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    const verdict = verify(slack.signingSecret, req.headers, body);
    received.push({ headers: req.headers, form: new URLSearchParams(body), verdict });
    await sleep(ackDelayMs, realScheduler);
    if (verdict !== 'valid') {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: 'working on it' }));
  });
});
afterAll(async () => {
  await app.close();
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  received.length = 0;
  ackDelayMs = 0;
});

describe('signSlackRequest', () => {
  test('matches an independently computed v0 signature', () => {
    const headers = signSlackRequest({ signingSecret: 'shh', body: 'a=1', timestamp: 1_700_000_000 });
    const digest = createHmac('sha256', 'shh').update('v0:1700000000:a=1').digest('hex');
    expect(headers).toEqual({
      'x-slack-request-timestamp': '1700000000',
      'x-slack-signature': `v0=${digest}`,
    });
  });
});

describe('sendSlashCommand', () => {
  test('sends a signed form with a fresh response URL and trigger_id, and returns the ack', async () => {
    const result = await slack.sendSlashCommand({
      url: app.url,
      command: '/ccc',
      text: 'call c-1',
      userId: 'U0AGENT',
    });
    expect(result).toMatchObject({ status: 200, json: { text: 'working on it' }, timedOut: false });
    const [request] = received;
    expect(request?.verdict).toBe('valid');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request?.form ?? [])).toMatchObject({
      command: '/ccc',
      text: 'call c-1',
      user_id: 'U0AGENT',
      channel_id: 'C0CALLS',
      channel_name: 'calls',
      team_id: 'T0SANDBOX',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl.startsWith(`${slack.url}/commands/`)).toBe(true);
  });

  test('each invocation gets its own response URL', async () => {
    const a = await slack.sendSlashCommand({ url: app.url, command: '/ccc' });
    const b = await slack.sendSlashCommand({ url: app.url, command: '/ccc' });
    expect(a.responseUrl).not.toBe(b.responseUrl);
  });

  test('bad-signature, stale-timestamp and missing-headers are refused by a verifying app', async () => {
    for (const tamper of ['bad-signature', 'stale-timestamp', 'missing-headers'] as const)
      expect((await slack.sendSlashCommand({ url: app.url, command: '/ccc', tamper })).status).toBe(401);
    expect(received.map((r) => r.verdict)).toEqual(['bad-signature', 'stale', 'missing']);
  });

  test('gives up like Slack when the app does not answer in time', async () => {
    ackDelayMs = 300;
    const result = await slack.sendSlashCommand({ url: app.url, command: '/ccc', timeoutMs: 50 });
    expect(result).toMatchObject({ status: 0, timedOut: true, body: '' });
  });
});

describe('sendInteraction', () => {
  test('sends a signed block_actions payload pointing at the message it came from', async () => {
    const posted = slack.postUserMessage('C0CALLS', { user: 'U0X', text: 'card' });
    const result = await slack.sendInteraction({
      url: app.url,
      messageTs: posted.ts,
      payload: { actions: [{ type: 'button', action_id: 'assign', value: 'c-1' }] },
    });
    expect(result.status).toBe(200);
    // Found by content, not position: the previous test's slash command, which the emulator stopped waiting
    // for after 50 ms, can reach the app's handler only now on a loaded machine.
    const request = received.find((r) => r.form.has('payload'));
    expect(request?.verdict).toBe('valid');
    const payload = JSON.parse(request?.form.get('payload') ?? '{}');
    expect(payload).toMatchObject({
      type: 'block_actions',
      actions: [{ action_id: 'assign', value: 'c-1' }],
      channel: { id: 'C0CALLS' },
      container: { message_ts: posted.ts, channel_id: 'C0CALLS' },
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl.startsWith(`${slack.url}/actions/`)).toBe(true);
  });
});
