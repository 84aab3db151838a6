import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lookupCall } from '../commands/call.ts';
import type { LookupOutcome } from '../commands/plan.ts';
import { lookupState } from '../commands/state.ts';
import { lookupStats } from '../commands/stats.ts';
import { createStatsReadCache } from '../commands/stats-cache.ts';
import { lookupTranscript } from '../commands/transcript.ts';
import { findButton } from '../test-utils/buttons.ts';
import {
  type DirectBot,
  pick,
  recordingInvocation,
  startDirect,
  windowAround,
} from '../test-utils/direct.ts';
import { filesIn, openDirectMessages } from '../test-utils/direct-messages.ts';
import { shareToChannel } from './share.ts';

const SHARE = 'ccc_share_to_channel';

describe('shareToChannel (the Share button under an ephemeral answer)', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  /** Clicks the Share button of `answer` in #calls, as U0AGENT. */
  const share = async (answer: LookupOutcome) => {
    const button = findButton(answer.reply.blocks, SHARE);
    const inv = recordingInvocation();
    const input = { value: button.value as string, blockId: button.block_id as string, onEphemeral: true };
    await shareToChannel(bot.deps(), inv, input);
    return inv.replies();
  };

  test('a chat state: the same answer in the channel, without the button', async () => {
    const chat = pick(
      bot.sandbox.dataset.chats,
      (c) => c.state.CurrentState === 'Agent',
      'chat with an agent',
    );
    const request = { kind: 'state', query: { sessionId: chat.sessionId } } as const;
    const answer = await lookupState(bot.deps(), request, 'ephemeral');
    const [shared, ...rest] = await share(answer);
    expect(rest).toEqual([]);
    expect(shared?.response_type).toBe('in_channel');
    expect(shared?.text).toBe(answer.reply.text);
    expect(JSON.stringify(shared?.blocks)).not.toContain(SHARE);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({
        msg: 'share to channel',
        lookup: 'state',
        user: 'U0AGENT',
        channel: 'C0CALLS',
      }),
    );
  });

  test('a call detail: in the channel, never with the recording link', async () => {
    const call = pick(bot.sandbox.dataset.calls, (c) => c.detail.RecordURL, 'recorded call');
    const window = windowAround(call);
    const answer = await lookupCall(
      bot.deps(),
      { kind: 'call', sessionId: call.sessionId, window },
      'ephemeral',
    );
    const [shared] = await share(answer);
    expect(shared?.response_type).toBe('in_channel');
    expect(shared?.text).toBe(answer.reply.text);
    expect(JSON.stringify(shared)).not.toContain(call.detail.RecordURL);
    expect(JSON.stringify(shared?.blocks)).not.toContain(SHARE);
  });

  test('a transcript: the file in the channel, the clicker alone told so; the preview is not posted', async () => {
    const chat = pick(bot.sandbox.dataset.chats, (c) => c.messages.length > 0, 'chat with messages');
    const request = { kind: 'transcript', sessionId: chat.sessionId } as const;
    openDirectMessages(bot.sandbox.slack, 'U0AGENT');
    const answer = await lookupTranscript(bot.deps(), recordingInvocation(), request, 'ephemeral');
    expect(filesIn(bot.sandbox.slack, 'C0CALLS')).toEqual([]);
    const [shared] = await share(answer);
    expect(shared?.response_type).toBe('ephemeral');
    expect(shared?.text).toContain('is now in this channel');
    const [file] = filesIn(bot.sandbox.slack, 'C0CALLS');
    expect(file?.title).toBe(`Chat transcript ${chat.sessionId}`);
    expect(file?.text).toBe(filesIn(bot.sandbox.slack, 'U0AGENT').at(-1)?.text);
  });

  test('a value the bot did not write is refused without a lookup', async () => {
    const before = bot.sandbox.desk.requests().length + bot.sandbox.ccc.requests().length;
    const inv = recordingInvocation();
    await shareToChannel(bot.deps(), inv, {
      value: '{"v":1}',
      blockId: 'ccc_share:state',
      onEphemeral: true,
    });
    expect(inv.replies()).toEqual([
      {
        response_type: 'ephemeral',
        text: 'This button is out of date or was not made by this app; run the command again.',
      },
    ]);
    expect(bot.sandbox.desk.requests().length + bot.sandbox.ccc.requests().length).toBe(before);
  });

  test("a stats answer from Tencent's records: Share shows the numbers read, without reading them again", async () => {
    let now = bot.nowMs;
    const deps = bot.deps({ now: () => now, statsReads: createStatsReadCache(() => now) });
    const day = Math.floor(bot.nowMs / 86_400_000) * 86_400 - 86_400;
    const request = {
      kind: 'stats',
      window: { start: day, end: day + 86_400, endsNow: false, label: 'yesterday' },
    } as const;
    const pages = () => bot.sandbox.ccc.requests().filter((r) => r.action === 'DescribeTelCdr').length;
    openDirectMessages(bot.sandbox.slack, 'U0AGENT');
    const answer = await lookupStats(deps, recordingInvocation(), request, 'ephemeral');
    const read = pages();
    expect(read).toBeGreaterThan(0);
    const button = findButton(answer.reply.blocks, SHARE);
    const input = { value: button.value as string, blockId: button.block_id as string, onEphemeral: true };
    const inv = recordingInvocation();
    await shareToChannel(deps, inv, input);
    const [shared] = inv.replies();
    expect(shared?.response_type).toBe('in_channel');
    expect(shared?.text).toBe(answer.reply.text);
    expect(pages()).toBe(read);
    // A quarter of an hour later the read is gone: Share reads the range again.
    now += 16 * 60_000;
    await shareToChannel(deps, recordingInvocation(), input);
    expect(pages()).toBeGreaterThan(read);
  });
});
