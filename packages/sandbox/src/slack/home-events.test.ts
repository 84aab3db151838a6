import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { HomeView, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { listen, type RunningServer, readBody } from '../http.ts';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient } from './test-utils.ts';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

let slack: SlackEmulator;
let client: WebClient;
let app: RunningServer;
const received: Received[] = [];

// Checked independently of signing.ts: v0 HMAC-SHA256 over `v0:ts:body`.
function signedBySlack(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const digest = createHmac('sha256', secret)
    .update(`v0:${headers['x-slack-request-timestamp']}:${body}`)
    .digest('hex');
  const given = Buffer.from(String(headers['x-slack-signature']));
  const expected = Buffer.from(`v0=${digest}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const homeOf = (count: number): HomeView => ({
  type: 'home',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: `*${count}* opens` } },
    {
      type: 'actions',
      block_id: 'controls',
      elements: [
        {
          type: 'button',
          action_id: 'home_refresh',
          value: 'all',
          text: { type: 'plain_text', text: 'Refresh' },
        },
      ],
    },
  ],
});

/** A wallboard app as the bot will be: publishes on app_home_opened, republishes on Refresh with the hash. */
async function answer(body: Record<string, unknown>): Promise<void> {
  const event = body.event as { type?: string; user?: string } | undefined;
  if (event?.type === 'app_home_opened' && event.user)
    await client.views.publish({ user_id: event.user, view: homeOf(received.length) });
  if (body.type !== 'block_actions') return;
  const { user, view } = body as { user: { id: string }; view: { hash: string } };
  await client.views.publish({ user_id: user.id, view: homeOf(received.length), hash: view.hash });
}

beforeAll(async () => {
  slack = await startSlackEmulator();
  client = emulatorClient(slack);
  app = await listen(async (req, res) => {
    const raw = (await readBody(req)).toString('utf8');
    if (!signedBySlack(slack.signingSecret, req.headers, raw)) return void res.writeHead(401).end();
    const form = new URLSearchParams(raw).get('payload');
    const body = JSON.parse(req.headers['content-type'] === 'application/json' ? raw : (form ?? '{}'));
    received.push({ headers: req.headers, body });
    // Published before the ack, so the test sees it once the request returns.
    await answer(body);
    res.writeHead(200).end();
  });
});
afterAll(async () => {
  await app.close();
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  received.length = 0;
});

describe('openHome', () => {
  test('sends a signed Events API app_home_opened (JSON); the view only once one was published', async () => {
    const first = await slack.openHome({ url: app.url, userId: 'U0AGENT' });
    expect(first).toMatchObject({ status: 200, timedOut: false, responseUrl: '', triggerId: '' });
    const [request] = received;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      token: 'sandbox-verification-token',
      team_id: 'T0SANDBOX',
      api_app_id: 'A0SANDBOXAPP',
      event: {
        type: 'app_home_opened',
        user: 'U0AGENT',
        channel: 'D0AGENT',
        tab: 'home',
        event_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      },
      type: 'event_callback',
      event_id: first.eventId,
      event_time: expect.any(Number),
      authorizations: [expect.objectContaining({ user_id: 'U0SANDBOXBOT', is_bot: true })],
      is_ext_shared_channel: false,
    });
    expect(first.payload).toEqual(request?.body);
    const published = slack.homeView('U0AGENT');
    expect(published?.version).toBe(1);

    const second = await slack.openHome({ url: app.url, userId: 'U0AGENT' });
    expect(second.eventId).not.toBe(first.eventId);
    expect(received[1]?.body.event).toMatchObject({ view: published?.view });
    expect(slack.homeView('U0AGENT')?.version).toBe(2);
  });

  test('a retry resends the same event_id with Slack’s headers; a tampered one is refused', async () => {
    const first = await slack.openHome({ url: app.url });
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    await slack.openHome({ url: app.url, eventId: first.eventId, headers: retry });
    expect(received.map((r) => r.body.event_id)).toEqual([first.eventId, first.eventId]);
    expect(received[1]?.headers['x-slack-retry-num']).toBe('1');
    expect(received[0]?.body.event).toMatchObject({ user: 'U0SANDBOXUSER' });
    expect((await slack.openHome({ url: app.url, tamper: 'bad-signature' })).status).toBe(401);
    expect(received).toHaveLength(2);
  });
});

describe('clickHomeButton', () => {
  test('sends block_actions from the Home view: view container, the view, no channel or response_url', async () => {
    await slack.openHome({ url: app.url, userId: 'U0AGENT' });
    const before = slack.homeView('U0AGENT');
    const result = await slack.clickHomeButton({ url: app.url, userId: 'U0AGENT', actionId: 'home_refresh' });
    expect(result).toMatchObject({ status: 200, responseUrl: '' });
    const payload = received[1]?.body;
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0AGENT' },
      team: { id: 'T0SANDBOX' },
      api_app_id: 'A0SANDBOXAPP',
      container: { type: 'view', view_id: before?.id },
      view: { id: before?.id, type: 'home', hash: before?.view.hash },
      actions: [{ type: 'button', action_id: 'home_refresh', block_id: 'controls', value: 'all' }],
      trigger_id: result.triggerId,
    });
    expect(payload).not.toHaveProperty('channel');
    expect(payload).not.toHaveProperty('response_url');
    // The app republished with the hash it was given: accepted, a new view.
    expect(slack.homeView('U0AGENT')).toMatchObject({ version: 2 });
    expect(slack.homeView('U0AGENT')?.id).not.toBe(before?.id);
    // A real trigger: the app may open a modal from the Home tab.
    const modal = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Queue' },
      blocks: [],
    };
    expect((await client.views.open({ trigger_id: result.triggerId, view: modal })).ok).toBe(true);
  });

  test('a user without a Home view, or a button it does not have, is a mistake in the test', async () => {
    await expect(slack.clickHomeButton({ url: app.url, actionId: 'home_refresh' })).rejects.toThrow(
      'No Home view was published for U0SANDBOXUSER',
    );
    await slack.openHome({ url: app.url });
    await expect(slack.clickHomeButton({ url: app.url, actionId: 'nope' })).rejects.toThrow(
      'has no nope button',
    );
    await expect(
      slack.clickHomeButton({ url: app.url, actionId: 'home_refresh', blockId: 'other' }),
    ).rejects.toThrow('has no home_refresh button in block other');
  });
});

describe('the sandbox Home endpoint (for pnpm sandbox home)', () => {
  const call = (method: string, query: string) =>
    fetch(`${slack.url}/sandbox/invocations/home${query}`, {
      method,
      headers: { authorization: `Bearer ${slack.token}` },
    });

  test('POST gives the event to send, GET the current view; bad users and tokens are refused', async () => {
    const opened = await call('POST', '?user=U0LEAD');
    const { event } = (await opened.json()) as { event: Record<string, unknown> };
    expect(event).toMatchObject({
      type: 'event_callback',
      event: { type: 'app_home_opened', user: 'U0LEAD' },
    });
    expect(await (await call('GET', '?user=U0LEAD')).json()).toEqual({
      ok: true,
      user: 'U0LEAD',
      version: 0,
      view: null,
    });
    // Opening made U0LEAD known to Slack: the app may publish for them.
    const { view } = await client.views.publish({ user_id: 'U0LEAD', view: homeOf(0) });
    expect(await (await call('GET', '?user=U0LEAD')).json()).toMatchObject({
      version: 1,
      view: { id: view?.id },
    });
    expect((await call('GET', '?user=lead')).status).toBe(400);
    const anonymous = await fetch(`${slack.url}/sandbox/invocations/home?user=U0LEAD`);
    expect(anonymous.status).toBe(401);
  });
});
