import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { RESPONSE_URL_MAX_USES } from './response-url.ts';
import { startSlackEmulator } from './server.ts';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator();
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const call = async (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token: string | null = slack.token,
) => {
  const response = await fetch(`${slack.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
const create = (body: unknown, token?: string | null) => call('POST', '/sandbox/invocations', body, token);
const reply = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /sandbox/invocations', () => {
  test('gives a response URL and trigger_id of the emulator, and who and where', async () => {
    const { status, json } = await create({ kind: 'command', channel: '#alerts' });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      team: { id: 'T0SANDBOX', domain: 'sandbox' },
      api_app_id: 'A0SANDBOXAPP',
      channel: { id: 'C0ALERTS', name: 'alerts' },
      user: { id: 'U0SANDBOXUSER', name: 'sandbox.user' },
    });
    expect(String(json.response_url)).toMatch(
      new RegExp(`^${slack.url}/commands/T0SANDBOX/\\d+/[0-9a-f]{24}$`),
    );
    expect(String(json.trigger_id)).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect((await reply(String(json.response_url), { text: 'hello' })).status).toBe(200);
    expect(slack.ephemerals('#alerts')).toMatchObject([{ text: 'hello', user: 'U0SANDBOXUSER' }]);
  });

  test('an action on a message: replace_original edits that message', async () => {
    const posted = slack.postUserMessage('#calls', { user: 'U0X', text: 'original' });
    const { json } = await create({
      kind: 'action',
      channel: 'C0CALLS',
      user: 'U0LEAD',
      message_ts: posted.ts,
    });
    expect(String(json.response_url)).toContain('/actions/');
    await reply(String(json.response_url), { replace_original: true, text: 'replaced' });
    expect(slack.messages('#calls')[0]).toMatchObject({ text: 'replaced', edits: [{ text: 'original' }] });
  });

  test('refusals: no or a wrong token, invalid arguments, unknown channel or message', async () => {
    expect(await create({ kind: 'command' }, null)).toMatchObject({
      status: 401,
      json: { error: 'not_authed' },
    });
    expect(await create({ kind: 'command' }, 'xoxb-nope')).toMatchObject({
      status: 401,
      json: { error: 'invalid_auth' },
    });
    expect(await create('not json')).toMatchObject({ status: 400, json: { error: 'invalid_json' } });
    expect(await create({ kind: 'slash', user: 'bob' })).toMatchObject({
      status: 400,
      json: {
        error: 'invalid_arguments',
        message:
          'kind: kind is "command" (a slash command) or "action" (a button click); user: user is a user id like U0SANDBOXUSER',
      },
    });
    expect(await create({ kind: 'command', channel: '#nope' })).toMatchObject({
      status: 404,
      json: {
        error: 'channel_not_found',
        message: expect.stringContaining('the sandbox has #calls, #alerts'),
      },
    });
    expect(await create({ kind: 'action', message_ts: '1.000001' })).toMatchObject({
      status: 404,
      json: { error: 'message_not_found' },
    });
    expect(await call('GET', '/sandbox/invocations/other')).toMatchObject({
      status: 404,
      json: { error: 'unknown_endpoint' },
    });
  });
});

describe('POST /sandbox/invocations/ack and GET /sandbox/invocations/replies', () => {
  test("an app's immediate answer shows as Slack shows it, without using up the URL", async () => {
    const { json } = await create({ kind: 'command' });
    const url = String(json.response_url);
    expect(
      await call('POST', '/sandbox/invocations/ack', { response_url: url, answer: { text: 'Looking up…' } }),
    ).toMatchObject({
      status: 200,
      json: { ok: true },
    });
    const shout = { response_url: url, answer: { response_type: 'in_channel', text: 'for all' } };
    expect((await call('POST', '/sandbox/invocations/ack', shout)).status).toBe(200);
    expect(slack.ephemerals('#calls')).toMatchObject([{ text: 'Looking up…', source: 'ack' }]);
    expect(slack.messages('#calls')).toMatchObject([{ text: 'for all' }]);
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i++)
      expect((await reply(url, { text: `r${i}` })).status).toBe(200);
  });

  test('an invalid answer or an unknown URL is refused like Slack refuses them', async () => {
    const { json } = await create({ kind: 'command' });
    const blocks = [{ type: 'nope' }];
    const ack = (response_url: string, answer: object) =>
      call('POST', '/sandbox/invocations/ack', { response_url, answer });
    expect(await ack(String(json.response_url), { blocks })).toMatchObject({
      status: 400,
      json: { error: 'invalid_blocks' },
    });
    expect(await ack(`${slack.url}/commands/T0SANDBOX/99/ab`, { text: 'x' })).toMatchObject({
      status: 404,
      json: { error: 'no_service' },
    });
  });

  test('replies lists what the app posted to a URL, refused posts included', async () => {
    const { json } = await create({ kind: 'command' });
    const url = String(json.response_url);
    await reply(url, { text: 'first' });
    await reply(url, { blocks: [{ type: 'nope' }] });
    const { status, json: listed } = await call(
      'GET',
      `/sandbox/invocations/replies?response_url=${encodeURIComponent(url)}`,
    );
    expect(status).toBe(200);
    expect(listed.replies).toMatchObject([
      { status: 200, error: null, text: 'first', response_type: 'ephemeral' },
      { status: 400, error: 'invalid_blocks' },
    ]);
    expect(await call('GET', '/sandbox/invocations/replies?response_url=nope')).toMatchObject({
      status: 404,
    });
  });
});
