import { type HomeView, WebAPIPlatformError, WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

const START = 1_700_000_000_000;
let clock = START;
let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator({ now: () => clock });
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => {
  slack.reset();
  clock = START;
});

const home: HomeView = {
  type: 'home',
  callback_id: 'wallboard',
  private_metadata: 'v1',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Queue now' } },
    {
      type: 'actions',
      block_id: 'controls',
      elements: [
        { type: 'button', action_id: 'home_refresh', text: { type: 'plain_text', text: 'Refresh' } },
      ],
    },
  ],
};

async function errorOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

const messagesOf = (data: Record<string, unknown>): string =>
  (data.response_metadata as { messages: string[] }).messages.join('\n');

describe('views.publish', () => {
  test('stores one Home view per user, with a new id and hash on each publish; homeView() reads it', async () => {
    const first = await client.views.publish({ user_id: 'U0SANDBOXUSER', view: home });
    expect(first.view).toMatchObject({
      ...home,
      id: expect.stringMatching(/^V/),
      team_id: 'T0SANDBOX',
      app_id: 'A0SANDBOXAPP',
      bot_id: 'B0SANDBOXBOT',
      state: { values: {} },
      hash: expect.stringMatching(/^1700000000\.[0-9a-f]{8}$/),
    });
    expect(slack.homeView('U0SANDBOXUSER')).toEqual({
      id: first.view?.id,
      user: 'U0SANDBOXUSER',
      at: START,
      version: 1,
      view: first.view,
    });
    clock += 1000;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*3* queued' } }];
    const second = await client.views.publish({ user_id: 'U0SANDBOXUSER', view: { type: 'home', blocks } });
    expect(second.view?.id).not.toBe(first.view?.id);
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect(slack.homeView('U0SANDBOXUSER')).toMatchObject({ version: 2, at: START + 1000, view: { blocks } });
    expect(slack.homeViews().map((h) => h.user)).toEqual(['U0SANDBOXUSER']);
  });

  test('knows the default user, people from createUser and users who opened the Home tab', async () => {
    expect((await errorOf(client.views.publish({ user_id: 'U0NOBODY', view: home }))).error).toBe(
      'user_not_found',
    );
    slack.createUser({ id: 'U0LEAD', name: 'lead' });
    expect((await client.views.publish({ user_id: 'U0LEAD', view: home })).ok).toBe(true);
    await slack.openHome({ url: `${slack.url}/not-an-app`, userId: 'U0AGENT' });
    expect((await client.views.publish({ user_id: 'U0AGENT', view: home })).ok).toBe(true);
    expect(slack.homeView('U0NOBODY')).toBeUndefined();
    slack.reset();
    expect(slack.homeViews()).toEqual([]);
    expect((await errorOf(client.views.publish({ user_id: 'U0LEAD', view: home }))).error).toBe(
      'user_not_found',
    );
  });

  test('a hash that is not the current view’s is a hash_conflict; the current one publishes', async () => {
    const stale = '1700000000.deadbeef';
    expect(
      (await errorOf(client.views.publish({ user_id: 'U0SANDBOXUSER', view: home, hash: stale }))).error,
    ).toBe('hash_conflict');
    const { view } = await client.views.publish({ user_id: 'U0SANDBOXUSER', view: home });
    expect(
      (await errorOf(client.views.publish({ user_id: 'U0SANDBOXUSER', view: home, hash: stale }))).error,
    ).toBe('hash_conflict');
    const again = await client.views.publish({
      user_id: 'U0SANDBOXUSER',
      view: home,
      hash: view?.hash ?? '',
    });
    expect(again.ok).toBe(true);
    expect(slack.homeView('U0SANDBOXUSER')?.version).toBe(2);
  });

  test('refuses a Home view Slack refuses, each problem with its pointer', async () => {
    const divider = { type: 'divider' } as const;
    const refusals: [object, string][] = [
      [{ ...home, type: 'modal' }, '[ERROR] must be one of: home [json-pointer:/view/type]'],
      [
        { type: 'home', blocks: Array(101).fill(divider) },
        'no more than 100 items allowed [json-pointer:/view/blocks]',
      ],
      [
        { ...home, private_metadata: 'x'.repeat(3001) },
        'must be less than 3001 characters [json-pointer:/view/private_metadata]',
      ],
      [
        { ...home, callback_id: 'x'.repeat(256) },
        'must be less than 256 characters [json-pointer:/view/callback_id]',
      ],
      [
        { type: 'home', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] },
        'must be one of: plain_text [json-pointer:/view/blocks/0/text/type]',
      ],
      [{ type: 'home' }, 'missing required field: blocks [json-pointer:/view/blocks]'],
    ];
    for (const [view, reason] of refusals) {
      const data = await errorOf(client.views.publish({ user_id: 'U0SANDBOXUSER', view: view as HomeView }));
      expect(data.error).toBe('invalid_arguments');
      expect(messagesOf(data)).toContain(reason);
    }
    expect(
      (
        await client.views.publish({
          user_id: 'U0SANDBOXUSER',
          view: { type: 'home', blocks: Array(100).fill(divider) },
        })
      ).ok,
    ).toBe(true);
  });

  test('a view over 250 kB is view_too_large; missing arguments are named', async () => {
    const section = { type: 'section', text: { type: 'plain_text', text: 'x'.repeat(2600) } };
    const big: HomeView = { type: 'home', blocks: Array(100).fill(section) };
    expect((await errorOf(client.views.publish({ user_id: 'U0SANDBOXUSER', view: big }))).error).toBe(
      'view_too_large',
    );
    const call = (args: object) =>
      fetch(`${slack.apiUrl}views.publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      }).then((r) => r.json());
    expect(await call({ view: home })).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: user_id'] },
    });
    expect(await call({ user_id: 'U0SANDBOXUSER' })).toMatchObject({ error: 'invalid_arguments' });
    // The view as a JSON object works as well as the string WebClient sends.
    expect(await call({ user_id: 'U0SANDBOXUSER', view: home })).toMatchObject({ ok: true });
  });

  test('Tier 4 per minute of the emulator clock (viewsPublishPerMinute), then 429; no scope needed', async () => {
    let now = START;
    const limitedSlack = await startSlackEmulator({
      now: () => now,
      viewsPublishPerMinute: 3,
      tokens: ['xoxb-none'],
      tokenScopes: { 'xoxb-none': [] },
    });
    try {
      const limitedClient = emulatorClient(limitedSlack, { rejectRateLimitedCalls: true });
      const publish = () => limitedClient.views.publish({ user_id: 'U0SANDBOXUSER', view: home });
      for (let i = 0; i < 3; i++) expect((await publish()).ok).toBe(true);
      now += 20_000;
      const limited = await rejectionOf(publish());
      expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
      expect((limited as WebAPIRateLimitedError).retryAfter).toBe(40);
      now += 40_000;
      expect((await publish()).ok).toBe(true);
      expect(limitedSlack.requests('views.publish').map((r) => r.rateLimited)).toEqual([
        false,
        false,
        false,
        true,
        false,
      ]);
    } finally {
      await limitedSlack.stop();
    }
  });
});

describe('a disabled Home tab', () => {
  test('views.publish answers not_enabled and openHome throws', async () => {
    const disabled = await startSlackEmulator({ homeTabEnabled: false });
    try {
      const data = await errorOf(
        emulatorClient(disabled).views.publish({ user_id: 'U0SANDBOXUSER', view: home }),
      );
      expect(data.error).toBe('not_enabled');
      await expect(disabled.openHome({ url: `${disabled.url}/nowhere` })).rejects.toThrow(
        'Home tab is disabled',
      );
    } finally {
      await disabled.stop();
    }
  });

  test('an invalid viewsPublishPerMinute is refused at start', async () => {
    await expect(startSlackEmulator({ viewsPublishPerMinute: 0 })).rejects.toThrow('viewsPublishPerMinute');
  });
});
