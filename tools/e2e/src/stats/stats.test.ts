import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCccClient } from '@ccc-kit/ccc-client';
import { createDeskClient } from '@ccc-kit/desk-client';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { type BotApp, createBotApp, createLogger } from '@ccc-kit/slack-bot';
import { parseRoutes, startWebhook, type Webhook } from '@ccc-kit/webhook/app';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// `/ccc stats` both ways on the same sandbox day: from the webhook's store (the day was pushed to it) and
// from Tencent's records (DescribeTelCdr pages, Desk's session list), through the bot as Slack calls it.
// Same numbers.

const TOKEN = 'e2e-stats-internal-token-0123456789abcdef';
const PUSH = { user: 'tencent', password: 'stats-push-password' };
const USER = 'U0LEAD00001';
let sandbox: Sandbox;
let webhook: Webhook;
let viaStore: BotApp;
let viaTencent: BotApp;
const urls: { store: string; tencent: string } = { store: '', tencent: '' };
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, calls: 600, chats: 120, slack: { ratePerChannel: 100 } });
  dir = mkdtempSync(join(tmpdir(), 'ccc-e2e-stats-'));
  const { slack } = sandbox.credentials;
  webhook = await startWebhook(
    {
      port: 0,
      host: '127.0.0.1',
      pushPath: '/push',
      auth: { mode: 'basic', ...PUSH },
      maxBodyBytes: 1_048_576,
      databaseUrl: `sqlite:${join(dir, 'webhook.db')}`,
      quarantineMaxRows: 1_000,
      // Nothing is posted: this test reads the store.
      routes: parseRoutes('rules: []\n'),
      slack: {
        token: slack.token,
        apiUrl: sandbox.slackApiUrl,
        ratePerChannel: 50,
        maxAttempts: 5,
        timeoutMs: 5_000,
      },
      displayTimeZone: 'UTC',
      relayOwner: 'e2e-stats',
      relayLeaseMs: 60_000,
      internalToken: TOKEN,
    },
    { logger: pino({ level: 'silent' }) },
  );
  const pusher = sandbox.pusher({ url: `${webhook.url}/push`, auth: { basic: PUSH } });
  const pushes = [
    ...sandbox.dataset.calls.map((c) => ({
      action: 'cdr' as const,
      body: c.push,
      pushId: `s-${c.sessionId}`,
    })),
    // Tencent pushes a chat when it ends.
    ...sandbox.dataset.chats
      .filter((c) => c.push.EndStatusString)
      .map((c) => ({ action: 'imcdr' as const, body: c.push, pushId: `s-${c.sessionId}` })),
  ];
  expect((await pusher.pushAll(pushes, { concurrency: 8 })).every((r) => r.delivered)).toBe(true);
  const common = {
    slack: { token: slack.token, signingSecret: slack.signingSecret, apiUrl: sandbox.slackApiUrl },
    ccc: createCccClient({ ...sandbox.credentials.ccc, endpoint: sandbox.cccUrl }),
    desk: createDeskClient({ ...sandbox.credentials.desk, endpoint: sandbox.deskUrl }),
    logger: createLogger('silent'),
    timeZone: 'UTC',
  };
  viaStore = createBotApp({ ...common, followUps: { url: webhook.url, token: TOKEN } });
  viaTencent = createBotApp(common);
  urls.store = `${(await viaStore.start(0)).url}/slack/events`;
  urls.tencent = `${(await viaTencent.start(0)).url}/slack/events`;
}, 60_000);

afterAll(async () => {
  await viaStore?.stop();
  await viaTencent?.stop();
  await webhook?.stop();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every reply `/ccc <text>` got on its response URL once its answer (the last one) came. */
async function stats(url: string, text: string, until = 'Offered') {
  const result = await sandbox.slack.sendSlashCommand({ url, command: '/ccc', text, userId: USER });
  expect(result.status).toBe(200);
  const done = () =>
    sandbox.slack.responses(result.responseUrl).some((r) => JSON.stringify(r.body).includes(until));
  for (let i = 0; i < 600 && !done(); i++) await sleep(50);
  return sandbox.slack.responses(result.responseUrl).map((r) => JSON.stringify(r.body));
}

/** The numbers of an answer: its fields and its skill groups, without where they came from. */
const numbersOf = (answer: string | undefined) =>
  JSON.stringify(JSON.parse(answer ?? '{}').blocks?.slice(1, 3) ?? null);

/**
 * The chat counts of an answer: sessions, who answered, missed. The rest differs by source on purpose:
 * the push has queue times (p90 wait) and Desk's session list has ratings.
 */
const chatCountsOf = (answer: string | undefined) =>
  /Chats: ([^·]*)/.exec(JSON.stringify(JSON.parse(answer ?? '{}').blocks?.[3] ?? null))?.[1];

describe('/ccc stats', () => {
  test("yesterday from the webhook's store and from Tencent's records: the same numbers, within the rate budget", async () => {
    const fromStore = await stats(urls.store, 'stats yesterday');
    const fromTencent = await stats(urls.tencent, 'stats yesterday');
    const [storeAnswer, tencentAnswer] = [fromStore.at(-1), fromTencent.at(-1)];
    expect(storeAnswer).toContain("from the webhook's store");
    expect(tencentAnswer).toMatch(/from Tencent's call records \(\d+ pages\)/);
    expect(numbersOf(storeAnswer)).toMatch(/Offered\*\\n\d+.*p90 wait/);
    expect(numbersOf(storeAnswer)).toEqual(numbersOf(tencentAnswer));
    expect(chatCountsOf(storeAnswer)).toMatch(/^\d+ sessions, \d+ answered by agents/);
    expect(chatCountsOf(storeAnswer)).toEqual(chatCountsOf(tencentAnswer));
    expect(storeAnswer).toContain('p90 wait');
    expect(tencentAnswer).toMatch(/satisfaction \d\.\d of 5/);
    expect(tencentAnswer).toContain("and Desk's chat sessions");
    // The "Looking up…" note, the size and time estimate, the answer: within the response URL's 5 uses.
    expect(fromTencent.length).toBeLessThanOrEqual(5);
    expect(fromTencent.some((r) => r.includes('Reading'))).toBe(true);
    const limited = sandbox.ccc.requests().filter((r) => r.outcome.startsWith('RequestLimitExceeded'));
    expect(limited).toEqual([]);
    expect(storeAnswer).toContain('Share to channel');
  });

  test('the chart goes to the requester alone, in their DM with the bot, as a PNG', async () => {
    const before = sandbox.slack.uploads().length;
    await stats(urls.store, 'stats 7d');
    // The answer comes once the chart is shared; waiting for the upload's completion too costs nothing.
    const shared = () =>
      sandbox.slack
        .uploads()
        .slice(before)
        .find((u) => u.completed);
    for (let i = 0; i < 100 && !shared(); i++) await sleep(50);
    const upload = shared();
    expect(upload?.filename).toBe('calls-per-hour.png');
    expect(upload?.channel).toMatch(/^D/);
    expect(upload?.bytes?.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('a bad range says what to type', async () => {
    const replies = await stats(urls.store, 'stats lastweek', 'not a range');
    expect(replies.join('')).toContain('is not a range: use today, yesterday, 7d');
  });
});
