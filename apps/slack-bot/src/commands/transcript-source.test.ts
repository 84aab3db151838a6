import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DirectBot, pick, startDirect } from '../test-utils/direct.ts';
import { fetchTranscript } from './transcript-source.ts';

describe('fetchTranscript', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const longChat = () => pick(bot.sandbox.dataset.chats, (c) => c.messages.length > 200, 'long chat');
  const asrCall = () => pick(bot.sandbox.dataset.calls, (c) => c.asr?.length, 'call with ASR');

  test('a chat: every page of messages, oldest first', async () => {
    const chat = longChat();
    const before = bot.sandbox.desk.requests().length;
    const source = await fetchTranscript(bot.deps(), chat.sessionId);
    const pages = bot.sandbox.desk
      .requests()
      .slice(before)
      .filter((r) => r.command === 'describe_chat_messages');
    expect(pages.map((r) => (r.body as { Offset?: number }).Offset ?? 0)).toEqual([0, 100, 200]);
    expect(source).toEqual({ kind: 'chat', sessionId: chat.sessionId, messages: chat.messages });
  });

  test('a call: its speech recognition sentences; none when ASR is off', async () => {
    const call = asrCall();
    expect(await fetchTranscript(bot.deps(), call.sessionId)).toEqual({
      kind: 'call',
      sessionId: call.sessionId,
      sentences: call.asr,
    });
    const noAsr = pick(bot.sandbox.dataset.calls, (c) => c.asr === null, 'call without ASR');
    expect(await fetchTranscript(bot.deps(), noAsr.sessionId)).toEqual({
      kind: 'call',
      sessionId: noAsr.sessionId,
      sentences: [],
    });
  });

  test('one backend is enough for its own sessions: CCC alone finds a call, Desk alone does not', async () => {
    const call = asrCall();
    expect(await fetchTranscript(bot.deps({ desk: undefined }), call.sessionId)).toMatchObject({
      kind: 'call',
    });
    await expect(fetchTranscript(bot.deps({ ccc: undefined }), call.sessionId)).rejects.toMatchObject({
      code: 141010,
    });
  });

  test("an id neither knows: CCC's session not found", async () => {
    await expect(fetchTranscript(bot.deps(), 'nope-0000')).rejects.toMatchObject({
      code: 'FailedOperation.SessionNotExists',
    });
  });
});
