import { encodeActionValue } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type DatasetCall,
  type DirectBot,
  pick,
  recordingInvocation,
  startDirect,
  windowAround,
} from '../test-utils/direct.ts';
import { callDetails } from './call-details.ts';

const DAY = 86_400;

describe('callDetails (the Call details button of a webhook post)', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const call = () =>
    pick(bot.sandbox.dataset.calls, (c) => c.telCdr.Caller && c.detail.RecordURL, 'recorded call');
  // What a webhook call post carries: the session and a window around the call.
  const buttonValue = (c: DatasetCall, window: { start: number; end: number } = windowAround(c)) =>
    encodeActionValue({ v: 1, sessionId: c.sessionId, start: window.start, end: window.end });
  const click = async (value: string | undefined, deps = bot.deps()) => {
    const inv = recordingInvocation();
    await callDetails(deps, inv, { value, blockId: 'call_actions', onEphemeral: false });
    return inv.replies();
  };

  test("the call's detail, ephemeral to the clicker, the post left as it is; never the recording link", async () => {
    const [reply, ...rest] = await click(buttonValue(call()));
    const shown = JSON.stringify(reply);
    expect(rest).toEqual([]);
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.replace_original).toBeUndefined();
    expect(reply?.text).toMatch(/^Call details: /);
    expect(shown).toContain(call().sessionId);
    expect(shown).not.toContain(call().telCdr.Caller);
    expect(shown).not.toContain(call().detail.RecordURL);
    // The detail, and the call's row for the agent's name (the detail has only the email).
    expect(
      bot.sandbox.ccc
        .requests()
        .slice(-2)
        .map((r) => r.action)
        .sort(),
    ).toEqual(['DescribeSessionDetail', 'DescribeTelCdr']);
  });

  test('a value the bot did not write is refused without a lookup', async () => {
    const before = bot.sandbox.ccc.requests().length;
    for (const value of ['{"v":1,"sessionId":"x","start":1,"end":999999999}', 'not json', undefined]) {
      const [reply] = await click(value);
      expect(reply?.text).toMatch(/out of date or was not made by this app/);
    }
    expect(bot.sandbox.ccc.requests().length).toBe(before);
  });

  test('a post older than Tencent keeps call details: said so, without a lookup', async () => {
    const before = bot.sandbox.ccc.requests().length;
    const now = Math.floor(bot.nowMs / 1000);
    const [reply] = await click(buttonValue(call(), { start: now - 200 * DAY, end: now - 199 * DAY }));
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text: 'This call is more than 180 days old; Tencent no longer keeps its details.',
    });
    expect(bot.sandbox.ccc.requests().length).toBe(before);
  });

  test('without CCC: the call lookup is not configured', async () => {
    const [reply] = await click(buttonValue(call()), bot.deps({ ccc: undefined }));
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text: 'The call lookup is not configured on this workspace.',
    });
  });
});
