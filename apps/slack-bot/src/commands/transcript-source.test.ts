import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccess } from '../access.ts';
import { type DirectBot, pick, startDirect } from '../test-utils/direct.ts';
import { speakerRole } from './speakers.ts';
import { fetchTranscript } from './transcript-source.ts';

describe('fetchTranscript', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const LEAD = 'U0LEAD';
  const allowed = (overrides = {}) =>
    bot.deps({ access: createAccess({ recordingAllowedUsers: [LEAD] }), ...overrides });
  const longChat = () => pick(bot.sandbox.dataset.chats, (c) => c.messages.length > 200, 'long chat');
  const asrCall = () => pick(bot.sandbox.dataset.calls, (c) => c.asr?.length, 'call with ASR');
  const asrRequests = () => bot.sandbox.ccc.requests().filter((r) => r.action === 'DescribeTelRecordAsr');

  test('a chat: every page of messages, oldest first, for anyone', async () => {
    const chat = longChat();
    const before = bot.sandbox.desk.requests().length;
    const source = await fetchTranscript(bot.deps(), 'U0AGENT', chat.sessionId);
    const pages = bot.sandbox.desk
      .requests()
      .slice(before)
      .filter((r) => r.command === 'describe_chat_messages');
    expect(pages.map((r) => (r.body as { Offset?: number }).Offset ?? 0)).toEqual([0, 100, 200]);
    expect(source).toEqual({ kind: 'chat', sessionId: chat.sessionId, messages: chat.messages });
  });

  test('a call, for a user allowed to hear recordings: the sentences and the records naming the speakers', async () => {
    const call = asrCall();
    const source = await fetchTranscript(allowed(), LEAD, call.sessionId);
    expect(source).toMatchObject({
      kind: 'call',
      sessionId: call.sessionId,
      asr: { state: 'ready', sentences: call.asr, facts: { asrStatus: 'Complete' } },
    });
  });

  test('every speaker of the generated calls (agents, AI agents, customers) is named from the records', async () => {
    const calls = bot.sandbox.dataset.calls.filter((c) => c.asr?.length).slice(0, 12);
    const roles = new Set<string>();
    for (const call of calls) {
      const source = await fetchTranscript(allowed(), LEAD, call.sessionId);
      const facts = source.kind === 'call' && source.asr.state === 'ready' ? source.asr.facts : undefined;
      for (const sentence of call.asr ?? []) roles.add(speakerRole(facts, sentence.User));
    }
    expect([...roles].sort()).toEqual(['agent', 'customer']);
  });

  test('an answered call without ASR, ended long ago: offline ASR is not enabled', async () => {
    const call = pick(
      bot.sandbox.dataset.calls,
      (c) => c.asr === null && (c.telCdr.AcceptTimestamp ?? 0) > 0,
      'answered call without ASR',
    );
    expect(await fetchTranscript(allowed(), LEAD, call.sessionId)).toEqual({
      kind: 'call',
      sessionId: call.sessionId,
      asr: { state: 'not_enabled' },
    });
  });

  test('a user without the recording permission: refused, and no speech is fetched', async () => {
    const asked = asrRequests().length;
    await expect(fetchTranscript(bot.deps(), 'U0AGENT', asrCall().sessionId)).rejects.toMatchObject({
      code: 'slack_bot_forbidden',
    });
    expect(asrRequests()).toHaveLength(asked);
  });

  test('one backend is enough for its own sessions: CCC alone finds a call, Desk alone does not', async () => {
    const call = asrCall();
    expect(await fetchTranscript(allowed({ desk: undefined }), LEAD, call.sessionId)).toMatchObject({
      kind: 'call',
    });
    await expect(fetchTranscript(allowed({ ccc: undefined }), LEAD, call.sessionId)).rejects.toMatchObject({
      code: 141010,
    });
  });

  test('an id neither knows: "session not found", whoever asks', async () => {
    for (const [deps, user] of [
      [allowed(), LEAD],
      [bot.deps(), 'U0AGENT'],
    ] as const)
      await expect(fetchTranscript(deps, user, 'nope-0000')).rejects.toMatchObject({
        code: 'slack_bot_session_not_found',
      });
  });
});
