import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const errorOf = async (call: Promise<unknown>) => {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data;
};

describe('users.info', () => {
  test('returns the person, with profile.email for a token that has users:read.email', async () => {
    slack.createUser({ id: 'U0WANG', name: 'Wang Fang', email: 'wang.fang@example.com' });
    const { user } = await client.users.info({ user: 'U0WANG' });
    expect(user).toMatchObject({ id: 'U0WANG', is_bot: false, profile: { email: 'wang.fang@example.com' } });
  });

  test('without users:read.email the email is left out; without users:read the call is refused', async () => {
    slack.createUser({ id: 'U0WANG', name: 'Wang Fang', email: 'wang.fang@example.com' });
    slack.addToken('xoxb-no-email', ['users:read']);
    const noEmail = await emulatorClient(slack, {}, 'xoxb-no-email').users.info({ user: 'U0WANG' });
    expect(noEmail.user?.profile?.email).toBeUndefined();
    expect(noEmail.response_metadata?.scopes).toEqual(['users:read']);
    slack.addToken('xoxb-none', ['chat:write']);
    expect(
      await errorOf(emulatorClient(slack, {}, 'xoxb-none').users.info({ user: 'U0WANG' })),
    ).toMatchObject({
      error: 'missing_scope',
      needed: 'users:read',
    });
  });

  test('an unknown person is user_not_found; reset forgets people', async () => {
    expect((await errorOf(client.users.info({ user: 'U0NOPE' }))).error).toBe('user_not_found');
    slack.createUser({ id: 'U0WANG', name: 'Wang Fang' });
    slack.reset();
    expect((await errorOf(client.users.info({ user: 'U0WANG' }))).error).toBe('user_not_found');
  });
});
