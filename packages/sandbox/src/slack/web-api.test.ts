import { ErrorCode, WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

let slack: SlackEmulator;
let client: WebClient;

const header = { type: 'header', text: { type: 'plain_text', text: 'Call ended' } };
const section = { type: 'section', text: { type: 'mrkdwn', text: '*Agent* Ana' } };

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return error as WebAPIPlatformError;
}

describe('auth', () => {
  test('auth.test returns the bot identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: 'U0SANDBOXBOT',
      bot_id: 'B0SANDBOXBOT',
      team_id: 'T0SANDBOX',
    });
    expect(result.url).toBe(`${slack.url}/`);
  });

  test('an unknown token is invalid_auth, a missing one not_authed, a revoked one token_revoked', async () => {
    const stranger = emulatorClient(slack, {}, 'xoxb-nope');
    expect((await platformError(stranger.auth.test())).data.error).toBe('invalid_auth');
    const anonymous = emulatorClient(slack, {}, '');
    expect((await platformError(anonymous.auth.test())).data.error).toBe('not_authed');
    slack.revokeToken(slack.token);
    expect((await platformError(client.auth.test())).data.error).toBe('token_revoked');
  });

  test('an unknown method is unknown_method', async () => {
    const error = await platformError(client.apiCall('chat.frobnicate', {}));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data.error).toBe('unknown_method');
  });
});

describe('chat.postMessage', () => {
  test('stores the message with parsed blocks and answers channel, ts and message', async () => {
    const result = await client.chat.postMessage({
      channel: 'C0CALLS',
      text: 'Call ended',
      blocks: [header, section],
      unfurl_links: false,
      metadata: { event_type: 'call_ended', event_payload: { call_id: 'c-1' } },
    });
    expect(result).toMatchObject({
      ok: true,
      channel: 'C0CALLS',
      message: { text: 'Call ended', bot_id: 'B0SANDBOXBOT' },
    });
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    const [stored] = slack.messages('C0CALLS');
    expect(stored).toMatchObject({
      ts: result.ts,
      text: 'Call ended',
      blocks: [header, section],
      unfurlLinks: false,
    });
    expect(stored?.metadata).toEqual({ event_type: 'call_ended', event_payload: { call_id: 'c-1' } });
  });

  test('ts values are unique and increasing', async () => {
    const a = await client.chat.postMessage({ channel: 'C0CALLS', text: 'a' });
    const b = await client.chat.postMessage({ channel: 'C0CALLS', text: 'b' });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
  });

  test('accepts a channel name, and refuses unknown channels until they are created', async () => {
    await client.chat.postMessage({ channel: '#alerts', text: 'by name' });
    expect(slack.messages('C0ALERTS')).toHaveLength(1);
    expect((await platformError(client.chat.postMessage({ channel: '#qa', text: 'x' }))).data.error).toBe(
      'channel_not_found',
    );
    const qa = slack.createChannel('qa');
    await client.chat.postMessage({ channel: '#qa', text: 'x' });
    expect(slack.messages(qa.id)).toHaveLength(1);
  });

  test('answers not_in_channel for a public channel the bot left, channel_not_found for a private one', async () => {
    slack.setMembership('C0CALLS', false);
    expect((await platformError(client.chat.postMessage({ channel: 'C0CALLS', text: 'x' }))).data.error).toBe(
      'not_in_channel',
    );
    slack.createChannel('secret', { isPrivate: true, isMember: false });
    expect((await platformError(client.chat.postMessage({ channel: '#secret', text: 'x' }))).data.error).toBe(
      'channel_not_found',
    );
  });

  test('replies in a thread, counts replies, and shows broadcast replies in the channel', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0CALLS', text: 'root' });
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'r1', thread_ts: parent.ts as string });
    await client.chat.postMessage({
      channel: 'C0CALLS',
      text: 'r2',
      thread_ts: parent.ts as string,
      reply_broadcast: true,
    });
    expect(slack.threads('C0CALLS', parent.ts as string).map((m) => m.text)).toEqual(['r1', 'r2']);
    expect(slack.messages('C0CALLS').map((m) => m.text)).toEqual(['root', 'r2']);
    expect(slack.messages('C0CALLS')[0]?.replyCount).toBe(2);
    const stale = client.chat.postMessage({ channel: 'C0CALLS', text: 'x', thread_ts: '1.000001' });
    expect((await platformError(stale)).data.error).toBe('invalid_thread_ts');
  });

  test('refuses invalid blocks with Slack’s error name and response_metadata messages', async () => {
    const tooLong = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } };
    const error = await platformError(
      client.chat.postMessage({ channel: 'C0CALLS', text: 't', blocks: [tooLong] }),
    );
    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(slack.messages('C0CALLS')).toEqual([]);
  });

  test('refuses missing text, over-long text, and blocks over the hidden total budget', async () => {
    expect((await platformError(client.apiCall('chat.postMessage', { channel: 'C0CALLS' }))).data.error).toBe(
      'no_text',
    );
    const long = client.chat.postMessage({ channel: 'C0CALLS', text: 'x'.repeat(40_001) });
    expect((await platformError(long)).data.error).toBe('msg_too_long');
    const blocks = Array.from({ length: 5 }, () => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'y'.repeat(2900) },
    }));
    const heavy = client.chat.postMessage({ channel: 'C0CALLS', text: 't', blocks });
    expect((await platformError(heavy)).data.error).toBe('msg_blocks_too_long');
  });

  test('accepts application/json bodies with the token in the Authorization header', async () => {
    const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${slack.token}` },
      body: JSON.stringify({ channel: 'C0CALLS', text: 'json', blocks: [section], unfurl_links: false }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C0CALLS' });
    expect(slack.messages('C0CALLS')[0]).toMatchObject({ text: 'json', blocks: [section] });
  });
});

describe('chat.update', () => {
  test('edits a bot message and keeps the edit history', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0CALLS', text: 'ringing', blocks: [section] });
    const updated = await client.chat.update({
      channel: 'C0CALLS',
      ts: posted.ts as string,
      text: 'ended',
      blocks: [header],
    });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'ended' });
    const [message] = slack.messages('C0CALLS');
    expect(message).toMatchObject({ text: 'ended', blocks: [header] });
    expect(message?.edits).toMatchObject([{ text: 'ringing', blocks: [section] }]);
  });

  test('answers message_not_found and cant_update_message', async () => {
    const missing = client.chat.update({ channel: 'C0CALLS', ts: '1.000001', text: 'x' });
    expect((await platformError(missing)).data.error).toBe('message_not_found');
    const human = slack.postUserMessage('C0CALLS', { user: 'U0HUMAN', text: 'hi' });
    const theirs = client.chat.update({ channel: 'C0CALLS', ts: human.ts, text: 'x' });
    expect((await platformError(theirs)).data.error).toBe('cant_update_message');
  });
});

describe('chat.postEphemeral', () => {
  test('records an ephemeral message for one user', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0CALLS', user: 'U0AGENT', text: 'only you' });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(slack.ephemerals('C0CALLS')).toMatchObject([{ user: 'U0AGENT', text: 'only you', source: 'api' }]);
    expect(slack.messages('C0CALLS')).toEqual([]);
  });

  test('needs a user', async () => {
    const error = await platformError(
      client.apiCall('chat.postEphemeral', { channel: 'C0CALLS', text: 'x' }),
    );
    expect(error.data.error).toBe('invalid_arguments');
    expect(error.data.response_metadata?.messages).toEqual(['[ERROR] missing required field: user']);
  });
});

describe('conversations', () => {
  test('conversations.info describes a channel and refuses unknown IDs', async () => {
    const info = await client.conversations.info({ channel: 'C0CALLS' });
    expect(info.channel).toMatchObject({ id: 'C0CALLS', name: 'calls', is_member: true, is_private: false });
    expect((await platformError(client.conversations.info({ channel: 'C0NOPE' }))).data.error).toBe(
      'channel_not_found',
    );
  });

  test('conversations.join puts the bot back in a public channel', async () => {
    slack.setMembership('C0CALLS', false);
    await client.conversations.join({ channel: 'C0CALLS' });
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'back' });
    expect(slack.messages('C0CALLS')).toHaveLength(1);
  });
});

describe('usergroups.users.list', () => {
  test("lists a group's members; an unknown group is no_such_subteam; reset forgets groups", async () => {
    const leads = slack.createUsergroup({ handle: '@support-leads', users: ['U0LEAD', 'U0BOSS'] });
    expect(leads).toMatchObject({ id: expect.stringMatching(/^S/), handle: 'support-leads' });
    expect(await client.usergroups.users.list({ usergroup: leads.id })).toMatchObject({
      ok: true,
      users: ['U0LEAD', 'U0BOSS'],
    });
    slack.createUsergroup({ id: leads.id, handle: 'support-leads', users: ['U0LEAD'] });
    expect((await client.usergroups.users.list({ usergroup: leads.id })).users).toEqual(['U0LEAD']);
    expect((await platformError(client.usergroups.users.list({ usergroup: 'S0NOPE' }))).data.error).toBe(
      'no_such_subteam',
    );
    slack.reset();
    expect((await platformError(client.usergroups.users.list({ usergroup: leads.id }))).data.error).toBe(
      'no_such_subteam',
    );
  });
});

describe('request log', () => {
  test('logs every call without the token', async () => {
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'x' });
    const [request] = slack.requests('chat.postMessage');
    expect(request).toMatchObject({
      method: 'chat.postMessage',
      status: 200,
      ok: true,
      rateLimited: false,
      channel: 'C0CALLS',
    });
    expect(JSON.stringify(slack.requests())).not.toContain(slack.token);
  });
});
