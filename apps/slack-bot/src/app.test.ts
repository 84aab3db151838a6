import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBotApp } from './app.ts';
import { USAGE } from './commands/parse.ts';
import { createLogger } from './logger.ts';
import { CCC_CREDENTIALS, callFixture, chatFixture, DESK_KEY, datasetOf } from './test-utils/fixtures.ts';
import { type Harness, startHarness } from './test-utils/harness.ts';

const NOW = Math.floor(Date.now() / 1000);
const CALL = 'c0ffee00-0000-4000-8000-000000000001';
const dataset = datasetOf(
  [callFixture({ sessionId: CALL, time: NOW - 3600 })],
  [
    chatFixture({
      sessionId: 'chat-1',
      time: NOW - 600,
      state: { CurrentState: 'Agent', AgentId: 'ann@example.com' },
    }),
  ],
);

describe('the bot over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { allowedChannels: ['C0CALLS'] } });
  });
  afterAll(() => h.stop());

  test('GET /healthz answers 200', async () => {
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  describe('signature verification', () => {
    test.each([
      ['a bad signature', { tamper: 'bad-signature' as const }],
      ['a timestamp older than 5 minutes', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
      ['a timestamp more than 5 minutes ahead', { timestamp: Math.floor(Date.now() / 1000) + 360 }],
      ['no signature headers', { tamper: 'missing-headers' as const }],
    ])('%s gets 401 and no work is done', async (_name, options) => {
      const before = h.cccEmulator.requests().length;
      const result = await h.command(`call ${CALL}`, options);
      expect(result.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(h.cccEmulator.requests().length).toBe(before);
      expect(h.slack.responses(result.responseUrl)).toEqual([]);
    });
  });

  test('a timestamp a little ahead (a client clock 2 minutes fast) is still accepted', async () => {
    const result = await h.command('help', { timestamp: Math.floor(Date.now() / 1000) + 120 });
    expect(result.status).toBe(200);
  });

  /** The one reply a command that needs no backend gets, after its empty ack. */
  const onlyReply = async (text: string, options: { channelId?: string } = {}) => {
    const result = await h.command(text, options);
    expect([result.status, result.body]).toEqual([200, '']);
    const replies = await h.replies(result);
    return replies.map((r) => r.body);
  };

  describe('answers that need no backend: an empty ack, then the answer alone through the response URL', () => {
    test('help', async () => {
      expect(await onlyReply('help')).toEqual([{ response_type: 'ephemeral', text: USAGE }]);
    });

    test.each([
      ['transfer 123', 'Unknown subcommand `transfer`.'],
      ['call', 'Missing the SessionId.'],
      [
        `call ${CALL} --since someday`,
        '`someday` is not a valid `--since`: use 24h, 7d or a date like 2024-11-01.',
      ],
      [
        `call ${CALL} --since 200d`,
        '`--since 200d` is more than 180 days ago; Tencent keeps call details for 180 days.',
      ],
    ])('%j → a one-line explanation plus usage', async (text, problem) => {
      expect(await onlyReply(text)).toEqual([{ response_type: 'ephemeral', text: `${problem}\n\n${USAGE}` }]);
    });

    test('a channel outside ALLOWED_CHANNELS is refused', async () => {
      expect(await onlyReply(`call ${CALL}`, { channelId: 'C0ALERTS' })).toEqual([
        { response_type: 'ephemeral', text: '/ccc is not enabled in this channel.' },
      ]);
    });
  });

  test('acks before Tencent answers (2 s latency); the note, then the answer below it', async () => {
    h.cccEmulator.faults.inject('DescribeSessionDetail', { kind: 'latency', ms: 2_000 });
    const before = h.cccEmulator.requests().length;
    const result = await h.command(`call ${CALL}`, { timeoutMs: 3_000 });
    expect(result.timedOut).toBe(false);
    expect([result.status, result.body]).toEqual([200, '']);
    // The emulator logs a request when it has answered: no detail yet.
    const since = () =>
      h.cccEmulator
        .requests()
        .slice(before)
        .map((r) => r.action);
    expect(since()).not.toContain('DescribeSessionDetail');
    const answer = await h.answer(result);
    const [note] = h.slack.responses(result.responseUrl);
    expect(note?.body).toEqual({ response_type: 'ephemeral', text: ':mag: Looking up the call…' });
    // The detail, and the call's row for the agent's name (asked at the same time).
    expect(since().sort()).toEqual(['DescribeSessionDetail', 'DescribeTelCdr']);
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.replaceOriginal).toBe(false);
    expect(answer.text).toContain('Call details');
    expect(JSON.stringify(answer.blocks)).toContain(CALL);
    expect(h.slack.responses(result.responseUrl)).toHaveLength(2);
  });
});

describe('logs', () => {
  test('are JSON lines without any credential', async () => {
    const h = await startHarness({ dataset });
    await h.answer(await h.command(`call ${CALL}`));
    await h.answer(await h.command('transcript chat-1'));
    await h.stop();
    const all = JSON.stringify(h.logs);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: 'slack bot listening', app: 'slack-bot' }));
    for (const secret of [h.slack.token, h.slack.signingSecret, CCC_CREDENTIALS.secretKey, DESK_KEY])
      expect(all).not.toContain(secret);
    expect(all).not.toMatch(/usersig=/i);
  });
});

describe('backends that are not configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, ccc: false });
  });
  afterAll(() => h.stop());

  test('call lookups say so instead of failing', async () => {
    const result = await h.command(`call ${CALL}`);
    expect(result.body).toBe('');
    const [reply, ...more] = await h.replies(result);
    expect(reply?.body).toEqual({
      response_type: 'ephemeral',
      text: 'The call lookup is not configured on this workspace.',
    });
    expect(more).toEqual([]);
  });

  test('chat lookups still work', async () => {
    const reply = await h.answer(await h.command('state chat-1'));
    expect(reply.text).toContain('chat-1');
  });
});

describe('startup', () => {
  test('a token Slack refuses fails start() with slack_bot_slack_auth', async () => {
    const h = await startHarness({ dataset });
    const bot = createBotApp({
      slack: { token: 'xoxb-not-valid', signingSecret: 'x', apiUrl: h.slack.apiUrl },
      logger: createLogger('silent'),
    });
    await expect(bot.start(0)).rejects.toMatchObject({ code: 'slack_bot_slack_auth' });
    await h.stop();
  });
});
