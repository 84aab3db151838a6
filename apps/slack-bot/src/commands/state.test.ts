import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { chatFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

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
    const [reply] = await h.replies(result);
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.text).toContain(words);
    if (agent) expect(JSON.stringify(reply?.blocks)).toContain(agent);
  });

  test('by customer and customer-service account', async () => {
    const result = await h.command('state user 1299314544 @cs_billing');
    const [reply] = await h.replies(result);
    expect(reply?.text).toContain('Queued for an agent');
    expect(reply?.text).toContain('chat-queue');
    const request = h.deskEmulator.requests().at(-1);
    expect(request?.body).toEqual({ ClientUserId: '1299314544', CustomerServiceId: '@cs_billing' });
  });

  test('141005 (no such session, or ended) is said plainly', async () => {
    const result = await h.command('state chat-ended');
    const [reply] = await h.replies(result);
    expect(reply?.text).toBe('No active chat with id `chat-ended`: it does not exist or has ended.');
  });

  test('Share to channel posts the same answer in the channel', async () => {
    const result = await h.command('state chat-agent', { channelId: 'C0CALLS' });
    const [reply] = await h.replies(result);
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
    const [reply] = await h.replies(result);
    const share = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.text).toBe(reply?.text);
    expect(h.deskEmulator.requests().at(-1)?.body).toEqual({ SessionId: 'chat-queue' });
  });
});
