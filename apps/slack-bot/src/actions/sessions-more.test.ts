import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lookupSessions } from '../commands/sessions.ts';
import { findButton } from '../test-utils/buttons.ts';
import { type DirectBot, recordingInvocation, startDirect } from '../test-utils/direct.ts';
import { sessionsMore } from './sessions-more.ts';

describe('sessionsMore (the More button under a session list)', () => {
  let bot: DirectBot;
  let more: string;
  beforeAll(async () => {
    bot = await startDirect();
    const end = Math.floor(bot.nowMs / 1000);
    const window = { start: end - 7 * 86_400, end, endsNow: true };
    const first = await lookupSessions(
      bot.deps(),
      { kind: 'sessions', clientUserId: undefined, window, skip: 0 },
      'ephemeral',
    );
    more = findButton(first.reply.blocks, 'ccc_sessions_more').value as string;
  });
  afterAll(() => bot.stop());

  const oldest = () =>
    [...bot.sandbox.dataset.chats]
      .sort((a, b) => (b.imCdr.Timestamp ?? 0) - (a.imCdr.Timestamp ?? 0))
      .slice(10)
      .map((c) => c.sessionId);
  const click = async (value: string | undefined, onEphemeral: boolean) => {
    const inv = recordingInvocation();
    await sessionsMore(bot.deps(), inv, { value, blockId: undefined, onEphemeral });
    return inv.replies();
  };

  test('under the ephemeral list: the next page replaces it', async () => {
    const [reply, ...rest] = await click(more, true);
    expect(rest).toEqual([]);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    for (const id of oldest()) expect(JSON.stringify(reply?.blocks)).toContain(id);
    expect(JSON.stringify(reply?.blocks)).not.toContain('ccc_sessions_more');
  });

  test('under a list shared in the channel: the next page to the clicker alone, the post untouched', async () => {
    const [reply] = await click(more, false);
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.replace_original).toBeUndefined();
    for (const id of oldest()) expect(JSON.stringify(reply?.blocks)).toContain(id);
  });

  test('a value the bot did not write (or a call button value) is refused without a lookup', async () => {
    const before = bot.sandbox.desk.requests().length;
    for (const value of ['{"v":1,"sessionId":"x","start":1,"end":2}', '{"offset":"ten"}', undefined]) {
      const [reply] = await click(value, true);
      expect(reply).toEqual({
        response_type: 'ephemeral',
        text: 'This button is out of date or was not made by this app; run the command again.',
      });
    }
    expect(bot.sandbox.desk.requests().length).toBe(before);
  });
});
