import type { CurrentState } from '@ccc-kit/schemas';
import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { type DirectBot, pick, startDirect } from '../test-utils/direct.ts';
import { chatFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { lookupState } from './state.ts';

const NOW = Math.floor(Date.now() / 1000);
const dataset = datasetOf(
  [],
  [
    chatFixture({
      sessionId: 'chat-agent',
      time: NOW - 600,
      state: { CurrentState: 'Agent', AgentId: 'ann@example.com' },
    }),
    chatFixture({
      sessionId: 'chat-queue',
      time: NOW - 300,
      clientUserId: '1299314544',
      customerServiceId: '@cs_billing',
      state: { CurrentState: 'Queuing' },
    }),
    chatFixture({ sessionId: 'chat-bot', time: NOW - 200, state: { CurrentState: 'Chatbot' } }),
    chatFixture({ sessionId: 'chat-ended', time: NOW - 9000 }),
  ],
);

describe('/ccc state', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset });
  });
  afterAll(() => h.stop());

  test.each([
    ['chat-agent', 'An agent is serving the customer', 'ann@example.com'],
    ['chat-bot', 'Chatbot is serving the customer', undefined],
  ])('%s: who serves the chat, in words', async (id, words, agent) => {
    const result = await h.command(`state ${id}`);
    const reply = await h.answer(result);
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.text).toContain(words);
    if (agent) expect(JSON.stringify(reply?.blocks)).toContain(agent);
  });

  test('by customer and customer-service account', async () => {
    const result = await h.command('state user 1299314544 @cs_billing');
    const reply = await h.answer(result);
    expect(reply?.text).toContain('Queued for an agent');
    expect(reply?.text).toContain('chat-queue');
    const request = h.deskEmulator.requests().at(-1);
    expect(request?.body).toEqual({ ClientUserId: '1299314544', CustomerServiceId: '@cs_billing' });
  });

  test('Share to channel posts the same answer in the channel', async () => {
    const result = await h.command('state chat-agent', { channelId: 'C0CALLS' });
    const reply = await h.answer(result);
    const button = findButton(reply?.blocks, 'ccc_share_to_channel');
    const click = await h.interact({ channelId: 'C0CALLS', payload: clickPayload(button) });
    expect(click.status).toBe(200);
    const [shared] = await h.replies(click);
    expect(shared?.responseType).toBe('in_channel');
    expect(shared?.text).toBe(reply?.text);
    expect(JSON.stringify(shared?.blocks)).not.toContain('ccc_share_to_channel');
    const posted = h.slack.messages('C0CALLS').at(-1);
    expect(posted?.text).toBe(reply?.text);
  });

  test('a customer query is shared as the session it resolved to', async () => {
    const result = await h.command('state user 1299314544 @cs_billing', { channelId: 'C0CALLS' });
    const reply = await h.answer(result);
    const share = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.text).toBe(reply?.text);
    expect(h.deskEmulator.requests().at(-1)?.body).toEqual({ SessionId: 'chat-queue' });
  });
});

describe('lookupState', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const chatIn = (state: CurrentState | undefined) =>
    pick(bot.sandbox.dataset.chats, (c) => c.state.CurrentState === state, `chat in state ${state}`);
  const shareValue = (blocks: readonly unknown[] | undefined) =>
    decodeActionValue(findButton(blocks, 'ccc_share_to_channel').value as string);

  test.each([
    ['Chatbot', 'Chatbot is serving the customer'],
    ['Queuing', 'Queued for an agent'],
    ['WaitingForAgentAnswering', 'Waiting for an agent to accept'],
    ['Agent', 'An agent is serving the customer'],
  ] as const)('%s: who serves the chat, in words, with a Share button', async (state, words) => {
    const chat = chatIn(state);
    const { reply } = await lookupState(
      bot.deps(),
      { kind: 'state', query: { sessionId: chat.sessionId } },
      'ephemeral',
    );
    expect(reply.text).toBe(`Chat session ${chat.sessionId}: ${words}`);
    if (chat.state.AgentId) expect(JSON.stringify(reply.blocks)).toContain(chat.state.AgentId);
    expect(shareValue(reply.blocks)).toMatchObject({ ok: true, value: { sessionId: chat.sessionId } });
  });

  test('by customer: the Share button repeats the session it resolved to', async () => {
    const chat = chatIn('Queuing');
    const query = { clientUserId: chat.clientUserId, customerServiceId: chat.customerServiceId };
    const { reply } = await lookupState(bot.deps(), { kind: 'state', query }, 'ephemeral');
    expect(reply.text).toBe(`Chat session ${chat.sessionId}: Queued for an agent`);
    expect(bot.sandbox.desk.requests().at(-1)?.body).toEqual({
      ClientUserId: chat.clientUserId,
      CustomerServiceId: chat.customerServiceId,
    });
    expect(shareValue(reply.blocks)).toMatchObject({ ok: true, value: { sessionId: chat.sessionId } });
  });

  test('for the channel: the same answer without the Share button', async () => {
    const chat = chatIn('Agent');
    const request = { kind: 'state', query: { sessionId: chat.sessionId } } as const;
    const { reply } = await lookupState(bot.deps(), request, 'channel');
    expect(reply.text).toBe(`Chat session ${chat.sessionId}: An agent is serving the customer`);
    expect(JSON.stringify(reply.blocks)).not.toContain('ccc_share_to_channel');
  });

  test("an ended chat: Desk's 141005; without Desk: the not-configured error", async () => {
    const request = { kind: 'state', query: { sessionId: chatIn(undefined).sessionId } } as const;
    await expect(lookupState(bot.deps(), request, 'ephemeral')).rejects.toMatchObject({ code: 141005 });
    await expect(lookupState(bot.deps({ desk: undefined }), request, 'ephemeral')).rejects.toMatchObject({
      code: 'slack_bot_not_configured',
      message: 'The chat lookup is not configured on this workspace.',
    });
  });
});
