import { WebAPIPlatformError } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { METHOD_SCOPES } from './scopes.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';
import { SUPPORTED_METHODS } from './web-api.ts';

let slack: SlackEmulator;

beforeAll(async () => {
  slack = await startSlackEmulator({
    tokens: ['xoxb-full', 'xoxb-reader'],
    tokenScopes: { 'xoxb-reader': ['channels:history', 'channels:read'] },
    ratePerChannel: Number.POSITIVE_INFINITY,
  });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

async function refusal(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

describe('scopes per token', () => {
  test('every answer carries the token’s scopes in x-oauth-scopes, as WebClient reads them', async () => {
    const reader = await emulatorClient(slack, {}, 'xoxb-reader').auth.test();
    expect(reader.response_metadata?.scopes).toEqual(['channels:history', 'channels:read']);
    const full = await emulatorClient(slack, {}, 'xoxb-full').auth.test();
    expect(full.response_metadata?.scopes).toContain('groups:history');
  });

  test('every supported method declares its scope', () => {
    expect(Object.keys(METHOD_SCOPES).sort()).toEqual([...SUPPORTED_METHODS].sort());
  });

  test('a call without the needed scope is missing_scope with needed and provided', async () => {
    const reader = emulatorClient(slack, {}, 'xoxb-reader');
    expect(await refusal(reader.chat.postMessage({ channel: 'C0CALLS', text: 'x' }))).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'chat:write',
      provided: 'channels:history,channels:read',
      response_metadata: expect.anything(),
    });
    expect(slack.messages('C0CALLS')).toEqual([]);
    expect((await reader.conversations.history({ channel: 'C0CALLS' })).ok).toBe(true);
    expect((await reader.auth.test()).ok).toBe(true);
  });

  test('private channels need the groups: scopes', async () => {
    const secret = slack.createChannel('secret', { isPrivate: true });
    const reader = emulatorClient(slack, {}, 'xoxb-reader');
    expect(await refusal(reader.conversations.history({ channel: secret.id }))).toMatchObject({
      needed: 'groups:history',
    });
    expect(await refusal(reader.conversations.info({ channel: secret.id }))).toMatchObject({
      needed: 'groups:read',
    });
    expect(
      (await emulatorClient(slack, {}, 'xoxb-full').conversations.history({ channel: secret.id })).ok,
    ).toBe(true);
  });

  test('addToken takes scopes; without them a token has every scope; reset restores the options', async () => {
    slack.addToken('xoxb-poster', ['chat:write']);
    const poster = emulatorClient(slack, {}, 'xoxb-poster');
    await poster.chat.postMessage({ channel: 'C0CALLS', text: 'x' });
    expect(await refusal(poster.conversations.history({ channel: 'C0CALLS' }))).toMatchObject({
      needed: 'channels:history',
      provided: 'chat:write',
    });
    slack.addToken('xoxb-reader');
    expect(
      await refusal(
        emulatorClient(slack, {}, 'xoxb-reader').chat.postMessage({ channel: 'C0CALLS', text: 'x' }),
      ),
    ).toMatchObject({ needed: 'chat:write' });
    slack.addToken('xoxb-nothing', []);
    const nothing = emulatorClient(slack, {}, 'xoxb-nothing');
    expect(await refusal(nothing.usergroups.users.list({ usergroup: 'S1' }))).toMatchObject({
      needed: 'usergroups:read',
      provided: '',
    });
    slack.reset();
    expect((await refusal(poster.auth.test())).error).toBe('invalid_auth');
  });
});
