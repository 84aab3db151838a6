import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { RESPONSE_URL_TTL_MS } from './response-url.ts';
import { startSlackEmulator } from './server.ts';

let slack: SlackEmulator;
let now = 1_700_000_000_000;

beforeAll(async () => {
  slack = await startSlackEmulator({ now: () => now });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const respond = (url: string, body: unknown): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('response URLs', () => {
  test('accept 5 replies, then answer 404 used_url', async () => {
    const url = slack.createResponseUrl({ channel: 'C0CALLS', user: 'U0AGENT' });
    for (let i = 1; i <= 5; i++) expect((await respond(url, { text: `reply ${i}` })).status).toBe(200);
    const sixth = await respond(url, { text: 'reply 6' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(slack.responses(url).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
    expect(slack.ephemerals('C0CALLS')).toHaveLength(5);
  });

  test('expire 30 minutes after creation', async () => {
    const url = slack.createResponseUrl({ channel: 'C0CALLS' });
    now += RESPONSE_URL_TTL_MS + 1;
    const late = await respond(url, { text: 'late' });
    expect(late.status).toBe(404);
    expect(await late.json()).toEqual({ ok: false, error: 'expired_url' });
  });

  test('record ephemeral replies for the invoker, in_channel replies as channel messages', async () => {
    const url = slack.createResponseUrl({ channel: 'C0CALLS', user: 'U0AGENT' });
    await respond(url, { text: 'just you' });
    await respond(url, { response_type: 'in_channel', text: 'everyone' });
    expect(slack.ephemerals('C0CALLS')).toMatchObject([
      { user: 'U0AGENT', text: 'just you', source: 'response_url' },
    ]);
    expect(slack.messages('C0CALLS')).toMatchObject([{ text: 'everyone', source: 'response_url' }]);
    expect(slack.responses(url).map((r) => r.responseType)).toEqual(['ephemeral', 'in_channel']);
  });

  test('in_channel replies work even where the bot is not a member', async () => {
    slack.setMembership('C0CALLS', false);
    const url = slack.createResponseUrl({ channel: 'C0CALLS' });
    expect((await respond(url, { response_type: 'in_channel', text: 'hi' })).status).toBe(200);
    expect(slack.messages('C0CALLS')).toHaveLength(1);
  });

  test('replace_original edits the message an action came from; delete_original removes it', async () => {
    const card = slack.postUserMessage('C0CALLS', { user: 'U0X', text: 'before' });
    const url = slack.createResponseUrl({ channel: 'C0CALLS', messageTs: card.ts, kind: 'actions' });
    await respond(url, { replace_original: true, text: 'after' });
    expect(slack.messages('C0CALLS')).toMatchObject([
      { ts: card.ts, text: 'after', edits: [{ text: 'before' }] },
    ]);
    await respond(url, { delete_original: true });
    expect(slack.messages('C0CALLS')).toEqual([]);
  });

  test('refuse invalid blocks with 400 without using up the URL', async () => {
    const url = slack.createResponseUrl({ channel: 'C0CALLS' });
    const bad = await respond(url, {
      text: 't',
      blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    for (let i = 0; i < 5; i++) expect((await respond(url, { text: 'fine' })).status).toBe(200);
  });

  test('an unknown response URL answers 404', async () => {
    const response = await respond(`${slack.url}/commands/T0SANDBOX/999/nope`, { text: 'x' });
    expect(response.status).toBe(404);
  });
});
