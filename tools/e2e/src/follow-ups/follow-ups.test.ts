import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCccClient } from '@ccc-kit/ccc-client';
import { toCallRecord } from '@ccc-kit/cdr-parser';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import type { SlackMessageRecord } from '@ccc-kit/sandbox/slack';
import { type BotApp, createBotApp, createLogger } from '@ccc-kit/slack-bot';
import { parseRoutes, startWebhook, type Webhook } from '@ccc-kit/webhook/app';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../reliability/test-utils/webhook-process.ts';

// Missed-call follow-up end to end: Tencent's push → the webhook's post → clicks through the bot (as Slack
// sends them) → the webhook's internal API → the post edited in place, for everyone.

const TOKEN = 'e2e-follow-up-internal-token-0123456789';
const PUSH = { user: 'tencent', password: 'follow-up-push-password' };
const [ANN, BOB, EVE] = ['U0ANN00001', 'U0BOB00001', 'U0EVE00001'];
let sandbox: Sandbox;
let webhook: Webhook;
let bot: BotApp;
let eventsUrl: string;
let dir: string;
let sessionId: string;
let config: Parameters<typeof startWebhook>[0];
let missedPush: Record<string, unknown>;

beforeAll(async () => {
  sandbox = await startSandbox({
    // Calls from 12 hours ago to 12 hours ahead: the missed call is picked among those already over.
    start: new Date(Date.now() - 12 * 3_600_000),
    seed: 11,
    calls: 120,
    chats: 0,
    slack: {
      channels: ['#support-missed', '#calls', '#voicemail', '#chats'].map((name) => ({ name })),
      ratePerChannel: 50,
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'ccc-e2e-follow-ups-'));
  const routesPath = join(REPO_ROOT, 'apps/webhook/routes.example.yaml');
  const { slack } = sandbox.credentials;
  config = {
    port: 0,
    host: '127.0.0.1',
    pushPath: '/push',
    auth: { mode: 'basic', ...PUSH },
    maxBodyBytes: 1_048_576,
    databaseUrl: `sqlite:${join(dir, 'webhook.db')}`,
    quarantineMaxRows: 1_000,
    routes: parseRoutes(readFileSync(routesPath, 'utf8'), routesPath),
    slack: {
      token: slack.token,
      apiUrl: sandbox.slackApiUrl,
      ratePerChannel: 50,
      maxAttempts: 5,
      timeoutMs: 5_000,
    },
    displayTimeZone: 'UTC',
    relayOwner: 'e2e-follow-ups',
    relayLeaseMs: 60_000,
    internalToken: TOKEN,
  };
  webhook = await startWebhook(config, { logger: pino({ level: 'silent' }) });
  bot = createBotApp({
    slack: { token: slack.token, signingSecret: slack.signingSecret, apiUrl: sandbox.slackApiUrl },
    ccc: createCccClient({ ...sandbox.credentials.ccc, endpoint: sandbox.cccUrl }),
    followUps: { url: webhook.url, token: TOKEN },
    followUpAllowedUsers: [ANN, BOB],
    logger: createLogger('silent'),
  });
  eventsUrl = `${(await bot.start(0)).url}/slack/events`;
  const call = sandbox.dataset.calls.find((c) => {
    const record = toCallRecord(c.push);
    const over = (record.startedAt?.getTime() ?? Number.POSITIVE_INFINITY) < Date.now() - 60_000;
    return (
      record.outcome === 'missed' &&
      record.direction === 'inbound' &&
      over &&
      /^\d{7,}$/.test(String(c.push.Caller).replace(/^00/, ''))
    );
  });
  if (!call) throw new Error('the sandbox dataset has no missed inbound call');
  sessionId = call.sessionId;
  missedPush = call.push as Record<string, unknown>;
  const pusher = sandbox.pusher({ url: `${webhook.url}/push`, auth: { basic: PUSH } });
  expect((await pusher.push({ action: 'cdr', body: call.push, pushId: 'missed-1' })).delivered).toBe(true);
  await drained();
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await webhook?.stop();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function drained(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { outbox } = await webhook.store.stats();
    if (outbox.pending + outbox.sending === 0) return;
    await sleep(50);
  }
  throw new Error('the outbox did not drain');
}

/** The call's post in #support-missed, as everyone sees it now. */
function post(): SlackMessageRecord {
  const posts = sandbox.slack
    .messages('#support-missed')
    .filter((m) => JSON.stringify(m.blocks).includes(sessionId));
  expect(posts).toHaveLength(1);
  return posts[0] as SlackMessageRecord;
}

/** A click of the post's button `actionId` by `userId`, as Slack sends it. */
function click(actionId: string, userId: string) {
  const message = post();
  for (const block of (message.blocks ?? []) as {
    block_id?: string;
    elements?: Record<string, unknown>[];
  }[]) {
    const button = block.elements?.find((e) => e.action_id === actionId);
    if (button)
      return sandbox.slack.sendInteraction({
        url: eventsUrl,
        userId,
        channelId: message.channel,
        messageTs: message.ts,
        payload: { actions: [{ ...button, block_id: block.block_id, action_ts: '1700000000.000001' }] },
      });
  }
  throw new Error(`no ${actionId} button on the post`);
}

async function answerTo(responseUrl: string): Promise<string> {
  for (let i = 0; i < 200 && sandbox.slack.responses(responseUrl).length === 0; i++) await sleep(25);
  return JSON.stringify(sandbox.slack.responses(responseUrl)[0]?.body ?? null);
}

const buttonsOf = (message: SlackMessageRecord): string[] =>
  [...JSON.stringify(message.blocks).matchAll(/"action_id":"(ccc_follow_up_\w+)"/g)].map(
    (m) => m[1] as string,
  );

/** Opens the Resolved form as `userId` and submits it; the app's answer to the submission. */
async function resolveAs(userId: string, outcome: string, note: string) {
  const before = sandbox.slack.views().length;
  await click('ccc_follow_up_resolve', userId);
  for (let i = 0; i < 200 && sandbox.slack.views().length === before; i++) await sleep(25);
  const opened = sandbox.slack.views().at(-1);
  expect(opened?.user).toBe(userId);
  return sandbox.slack.submitView({
    url: eventsUrl,
    viewId: opened?.id as string,
    userId,
    values: {
      outcome: { outcome: { type: 'radio_buttons', selected_option: { value: outcome } } },
      note: { note: { type: 'plain_text_input', value: note } },
    },
  });
}

describe('missed-call follow-up through Slack, the bot and the webhook', () => {
  test('the missed call is posted open, with I will call back and Resolved', () => {
    expect(buttonsOf(post())).toEqual(['ccc_follow_up_take', 'ccc_follow_up_call', 'ccc_follow_up_resolve']);
  });

  test('two people take it at the same moment: one has it, the other is told privately who does', async () => {
    const [ann, bob] = await Promise.all([
      click('ccc_follow_up_take', ANN),
      click('ccc_follow_up_take', BOB),
    ]);
    const answers = await Promise.all([answerTo(ann.responseUrl), answerTo(bob.responseUrl)]);
    const won = answers.filter((a) => a.includes('You have it'));
    const told = answers.filter((a) => a.includes('already has this call'));
    expect([won.length, told.length]).toEqual([1, 1]);
    const winner = answers[0]?.includes('You have it') ? ANN : BOB;
    expect(told[0]).toContain(`<@${winner}>`);
    await drained();
    expect(JSON.stringify(post().blocks)).toContain(`Taken by <@${winner}>`);
    expect(buttonsOf(post())).toEqual(['ccc_follow_up_call', 'ccc_follow_up_resolve']);
  });

  test('/ccc missed lists the call with who has it, masked, with a Details button', async () => {
    const result = await sandbox.slack.sendSlashCommand({
      url: eventsUrl,
      command: '/ccc',
      text: 'missed --since 2d',
      userId: ANN,
    });
    for (let i = 0; i < 200 && sandbox.slack.responses(result.responseUrl).length < 2; i++) await sleep(25);
    const answer = JSON.stringify(sandbox.slack.responses(result.responseUrl)[1]?.body ?? null);
    expect(answer).toContain(sessionId);
    expect(answer).toMatch(/<@U0(ANN|BOB)00001> has it/);
    expect(answer).toContain('ccc_call_details');
    expect(answer).not.toContain(String(missedPush.Caller).replace(/^00/, ''));
  });

  test('someone not in FOLLOW_UP_ALLOWED_USERS is refused, and nothing changes', async () => {
    const edits = post().edits.length;
    const eve = await click('ccc_follow_up_resolve', EVE);
    expect(await answerTo(eve.responseUrl)).toContain('not allowed to act on missed calls');
    await drained();
    expect(post().edits.length).toBe(edits);
  });

  test('Resolved opens a form; its outcome and note go on the post, masked; a stale form says who resolved it', async () => {
    const first = await resolveAs(BOB, 'reached', 'Called back, sorted. Her number 13800138000');
    expect(first.status).toBe(200);
    expect(first.json ?? null).toBeNull();
    await drained();
    const text = JSON.stringify(post().blocks);
    expect(text).toContain(`Resolved by <@${BOB}>`);
    expect(text).toContain('Reached the customer');
    expect(text).not.toContain('13800138000');
    expect(buttonsOf(post())).toEqual(['ccc_follow_up_reopen']);
    expect(await webhook.store.getFollowUp(sessionId)).toMatchObject({ state: 'resolved', resolvedBy: BOB });
  });

  test('Reopen puts the call back to open for everyone', async () => {
    const reopened = await click('ccc_follow_up_reopen', ANN);
    expect(await answerTo(reopened.responseUrl)).toContain('Reopened');
    await drained();
    expect(buttonsOf(post())).toEqual(['ccc_follow_up_take', 'ccc_follow_up_call', 'ccc_follow_up_resolve']);
  });

  test('a form submitted after someone else resolved the call shows why on the form and changes nothing', async () => {
    const before = sandbox.slack.views().length;
    await click('ccc_follow_up_resolve', ANN);
    for (let i = 0; i < 200 && sandbox.slack.views().length === before; i++) await sleep(25);
    const stale = sandbox.slack.views().at(-1);
    expect((await resolveAs(BOB, 'no_answer', '')).json ?? null).toBeNull();
    const late = await sandbox.slack.submitView({
      url: eventsUrl,
      viewId: stale?.id as string,
      userId: ANN,
      values: { outcome: { outcome: { type: 'radio_buttons', selected_option: { value: 'reached' } } } },
    });
    expect(late.json).toMatchObject({
      response_action: 'errors',
      errors: { outcome: expect.stringContaining('already resolved') },
    });
    expect(await webhook.store.getFollowUp(sessionId)).toMatchObject({
      resolvedBy: BOB,
      outcome: 'no_answer',
    });
  });
});

/** An answered outbound call to the missed call's customer, starting `inSeconds` from now. */
function callbackPush(inSeconds: number): Record<string, unknown> {
  const answeredOut = sandbox.dataset.calls.find((c) => {
    const record = toCallRecord(c.push);
    return record.outcome === 'answered' && record.direction === 'outbound' && record.durations.talk > 0;
  });
  if (!answeredOut) throw new Error('the sandbox dataset has no answered outbound call');
  const push = answeredOut.push as Record<string, unknown>;
  const shift = Math.floor(Date.now() / 1000) + inSeconds - Number(push.StartTimestamp);
  const moved = (key: string) => (Number(push[key]) > 0 ? { [key]: Number(push[key]) + shift } : {});
  return {
    ...push,
    SessionId: 'callback-of-missed-1',
    Callee: missedPush.Caller,
    ...moved('StartTimestamp'),
    ...moved('RingTimestamp'),
    ...moved('AcceptTimestamp'),
    ...moved('EndedTimestamp'),
  };
}

describe('Call back now', () => {
  let second: string;
  beforeAll(async () => {
    const call = sandbox.dataset.calls.find((c) => {
      const record = toCallRecord(c.push);
      const over = (record.startedAt?.getTime() ?? Number.POSITIVE_INFINITY) < Date.now() - 60_000;
      return (
        c.sessionId !== sessionId &&
        c.push.Caller !== missedPush.Caller &&
        record.outcome === 'missed' &&
        record.direction === 'inbound' &&
        over &&
        String(c.push.Caller).startsWith('0086')
      );
    });
    if (!call) throw new Error('the sandbox dataset has no second missed mainland call');
    second = call.sessionId;
    const pusher = sandbox.pusher({ url: `${webhook.url}/push`, auth: { basic: PUSH } });
    expect((await pusher.push({ action: 'cdr', body: call.push, pushId: 'missed-2' })).delivered).toBe(true);
    await drained();
  });

  /** A click on the second missed call's post. */
  function clickSecond(actionId: string, userId: string) {
    const message = sandbox.slack
      .messages('#support-missed')
      .find((m) => JSON.stringify(m.blocks).includes(second)) as SlackMessageRecord;
    for (const block of (message.blocks ?? []) as {
      block_id?: string;
      elements?: Record<string, unknown>[];
    }[]) {
      const button = block.elements?.find((e) => e.action_id === actionId);
      if (button)
        return sandbox.slack.sendInteraction({
          url: eventsUrl,
          userId,
          channelId: message.channel,
          messageTs: message.ts,
          payload: { actions: [{ ...button, block_id: block.block_id, action_ts: '1700000000.000001' }] },
        });
    }
    throw new Error(`no ${actionId} button on the second missed post`);
  }

  test('someone whose Slack account maps to no CCC agent is told why, and nothing is dialled', async () => {
    const refused = await clickSecond('ccc_follow_up_call', BOB);
    expect(await answerTo(refused.responseUrl)).toContain('I cannot tell which CCC agent you are');
    expect(sandbox.ccc.callOuts()).toEqual([]);
  });

  test("an agent's click dials once from their own account; the callback's CDR closes the missed call", async () => {
    const agent = sandbox.dataset.agents.find((a) => a.phone);
    if (!agent) throw new Error('the dataset has no agent with a mobile');
    sandbox.slack.createUser({ id: ANN, name: agent.name, email: agent.mail.toUpperCase() });
    sandbox.attachPushTarget({ url: `${webhook.url}/push`, auth: { basic: PUSH } });
    const call = await clickSecond('ccc_follow_up_call', ANN);
    expect(await answerTo(call.responseUrl)).toContain('Calling you on');
    const [callOut, ...more] = sandbox.ccc.callOuts();
    expect(more).toEqual([]);
    expect(callOut).toMatchObject({ userId: agent.mail });
    expect(callOut?.uui).toContain(second);
    await drained();
    const missedPost = () =>
      JSON.stringify(
        sandbox.slack.messages('#support-missed').find((m) => JSON.stringify(m.blocks).includes(second))
          ?.blocks,
      );
    for (let i = 0; i < 200 && !missedPost().includes('Reached the customer'); i++) await sleep(50);
    await drained();
    expect(missedPost()).toContain('Reached the customer');
    const callbackPost = sandbox.slack
      .messages('#calls')
      .find((m) => JSON.stringify(m.blocks).includes(callOut?.sessionId ?? '?'));
    expect(JSON.stringify(callbackPost?.blocks)).toContain(`Callback of missed call`);
    expect(await webhook.store.getFollowUp(second)).toMatchObject({
      state: 'resolved',
      takenBy: ANN,
      callbackBy: ANN,
      callbackSession: callOut?.sessionId,
      reachedSession: callOut?.sessionId,
    });
    sandbox.detachPushTarget();
  });
});

describe('a missed call closes itself when the customer is reached', () => {
  test("after Reopen and a webhook restart, the callback's CDR resolves the post once: who reached them, how", async () => {
    const reopened = await click('ccc_follow_up_reopen', ANN);
    expect(await answerTo(reopened.responseUrl)).toContain('Reopened');
    await drained();
    await webhook.stop();
    webhook = await startWebhook({ ...config, port: 0 }, { logger: pino({ level: 'silent' }) });
    const edits = post().edits.length;
    const pusher = sandbox.pusher({ url: `${webhook.url}/push`, auth: { basic: PUSH } });
    expect(
      (await pusher.push({ action: 'cdr', body: callbackPush(5), pushId: 'callback-1' })).delivered,
    ).toBe(true);
    await drained();
    const text = JSON.stringify(post().blocks);
    expect(text).toContain('Reached the customer');
    expect(text).toContain('(outbound call,');
    expect(buttonsOf(post())).toEqual(['ccc_follow_up_reopen']);
    expect(post().edits.length).toBe(edits + 1);
    expect(await webhook.store.getFollowUp(sessionId)).toMatchObject({
      state: 'resolved',
      outcome: 'reached',
      reachedSession: 'callback-of-missed-1',
    });
  });
});
