import type { ChatFixture } from '@ccc-kit/sandbox/dataset';
import type { ChatMessage } from '@ccc-kit/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { type DirectBot, pick, recordingInvocation, startDirect } from '../test-utils/direct.ts';
import { callFixture, chatFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { lookupTranscript } from './transcript.ts';

const NOW = Math.floor(Date.now() / 1000);
const LONG = 'chat-long-250';
const SHORT = 'chat-short';
const CALL_ASR = 'call-with-asr';
const CALL_NO_ASR = 'call-without-asr';
const ODD = 'chat-odd-element';
/**
 * A chat whose second message holds one element Tencent sent in a shape nobody can read (a number where
 * the text is): served as is by the Desk emulator, between two normal messages.
 */
function chatWithOddElement(): ChatFixture {
  const fixture = chatFixture({ sessionId: ODD, time: NOW - 700, messages: 3 });
  const [first, second, third] = fixture.messages;
  const odd = {
    ...second,
    MsgBody: [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 42 } },
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'and my order number' } },
    ],
  } as unknown as ChatMessage;
  return { ...fixture, messages: [first, odd, third].filter((m): m is ChatMessage => !!m) };
}
const dataset = datasetOf(
  [
    callFixture({
      sessionId: CALL_ASR,
      time: NOW - 7200,
      asr: [
        { user: 'ann@example.com', message: 'Thank you for calling, this is Ann.', offset: 25 },
        { user: '008613812345678', message: 'My invoice is wrong.', offset: 30 },
      ],
    }),
    callFixture({ sessionId: CALL_NO_ASR, time: NOW - 3600 }),
  ],
  [
    chatFixture({ sessionId: LONG, time: NOW - 5000, messages: 250 }),
    chatFixture({ sessionId: SHORT, time: NOW - 900 }),
    chatFixture({ sessionId: 'chat-empty', time: NOW - 800, messages: 0 }),
    chatWithOddElement(),
  ],
);

describe('/ccc transcript', () => {
  let h: Harness;
  let lobby: string;
  beforeAll(async () => {
    h = await startHarness({ dataset });
    lobby = h.slack.createChannel('lobby', { isMember: false }).id;
  });
  afterAll(() => h.stop());

  test('a 250-message chat: every page read, one file uploaded to the channel, a preview in the reply', async () => {
    const result = await h.command(`transcript ${LONG}`, { channelId: 'C0CALLS' });
    const [reply] = await h.replies(result);
    const pages = h.deskEmulator.requests().filter((r) => r.command === 'describe_chat_messages');
    expect(pages.map((r) => (r.body as { Offset?: number }).Offset ?? 0)).toEqual([0, 100, 200]);
    const uploads = h.slack.uploads().filter((u) => u.completed);
    expect(uploads).toHaveLength(1);
    const [file] = uploads;
    expect(file?.channel).toBe('C0CALLS');
    const lines = file?.text?.trimEnd().split('\n') ?? [];
    expect(lines).toHaveLength(250);
    expect(lines[0]).toContain('message 1');
    expect(lines[249]).toContain('message 250');
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.text).toContain(LONG);
    expect(JSON.stringify(reply?.blocks)).toContain('ccc_share_to_channel');
  });

  test('where the bot cannot post, the reply keeps the preview and says how to fix it', async () => {
    const before = h.slack.uploads().filter((u) => u.completed).length;
    const result = await h.command(`transcript ${SHORT}`, { channelId: lobby });
    const [reply] = await h.replies(result);
    expect(h.slack.uploads().filter((u) => u.completed)).toHaveLength(before);
    const shown = JSON.stringify(reply?.blocks ?? reply?.text);
    expect(shown).toContain("I can't post files in this channel — invite me with /invite @ccc-bot");
    expect(shown).toContain('message 1');
  });

  test('a voice call: the speech transcript from DescribeTelRecordAsr, speaker and time per sentence', async () => {
    const result = await h.command(`transcript ${CALL_ASR}`);
    const [reply] = await h.replies(result);
    const file = h.slack.uploads().find((u) => u.completed && u.text?.includes('Thank you for calling'));
    const lines = file?.text?.trimEnd().split('\n') ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/\d{2}:\d{2}:\d{2}.*ann@example\.com.*Thank you for calling, this is Ann\./);
    expect(lines[1]).toContain('My invoice is wrong.');
    expect(lines[1]).not.toContain('008613812345678');
    expect(reply?.text).toContain(CALL_ASR);
  });

  test('Share posts the preview in the channel without uploading the file again', async () => {
    const result = await h.command(`transcript ${SHORT}`, { channelId: 'C0CALLS' });
    const [reply] = await h.replies(result);
    const uploads = h.slack.uploads().length;
    const share = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.responseType).toBe('in_channel');
    expect(shared?.text).toBe(reply?.text);
    expect(h.slack.uploads()).toHaveLength(uploads);
  });

  test('one unreadable message element reads "unsupported message"; the rest of the transcript is shown', async () => {
    const result = await h.command(`transcript ${ODD}`, { channelId: 'C0CALLS' });
    const [reply] = await h.replies(result);
    const shown = JSON.stringify(reply?.blocks);
    expect(reply?.text).toContain(`Chat ${ODD}: Transcript preview`);
    expect(shown).toContain('message 1');
    expect(shown).toContain('[unsupported message: TIMTextElem]');
    expect(shown).toContain('and my order number');
    expect(shown).toContain('message 3');
    const file = h.slack.uploads().find((u) => u.completed && u.title?.includes(ODD));
    const lines = file?.text?.trimEnd().split('\n') ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('[unsupported message: TIMTextElem]');
  });

  test('an empty chat says so, without uploading an empty file', async () => {
    const uploads = h.slack.uploads().length;
    const result = await h.command('transcript chat-empty');
    const [reply] = await h.replies(result);
    expect(reply?.text).toContain('no messages');
    expect(h.slack.uploads()).toHaveLength(uploads);
  });
});

describe('lookupTranscript', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const longChat = () => pick(bot.sandbox.dataset.chats, (c) => c.messages.length > 200, 'long chat');
  const chat = () => pick(bot.sandbox.dataset.chats, (c) => c.messages.length < 50, 'short chat');
  // The customer's side of a speech transcript is their phone number.
  const asrCall = () =>
    pick(bot.sandbox.dataset.calls, (c) => c.asr?.some((s) => s.User === c.telCdr.Caller), 'call with ASR');
  const lookup = (
    sessionId: string,
    where: { channelId?: string | undefined } = {},
    audience: 'ephemeral' | 'channel' = 'ephemeral',
  ) => lookupTranscript(bot.deps(), recordingInvocation(where), { kind: 'transcript', sessionId }, audience);
  const completed = () => bot.sandbox.slack.uploads().filter((u) => u.completed);
  // The first line of each message in the file (a message may span several lines).
  const MESSAGE_START = /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] /gm;

  test('a chat: the whole transcript as a file in the channel, a preview in the answer', async () => {
    const long = longChat();
    const { reply, note } = await lookup(long.sessionId);
    const file = completed().at(-1);
    expect(file?.channel).toBe('C0CALLS');
    expect(file?.title).toBe(`Chat transcript ${long.sessionId}`);
    expect(file?.text?.match(MESSAGE_START)).toHaveLength(long.messages.length);
    expect(note).toBeUndefined();
    expect(reply.text).toBe(
      `Chat ${long.sessionId}: Transcript preview: 10 of ${long.messages.length} messages`,
    );
    expect(JSON.stringify(reply.blocks)).toContain('ccc_share_to_channel');
  });

  test("a call: the speech transcript, the customer's number masked in the preview and in the file", async () => {
    const call = asrCall();
    const { reply } = await lookup(call.sessionId);
    const file = completed().at(-1);
    expect(file?.title).toBe(`Call transcript ${call.sessionId}`);
    expect(file?.text?.match(MESSAGE_START)).toHaveLength(call.asr?.length ?? -1);
    for (const shown of [JSON.stringify(reply), file?.text]) {
      expect(shown).not.toContain(call.telCdr.Caller);
      expect(shown).toContain(call.telCdr.Caller?.slice(-4));
    }
  });

  test('where the bot cannot post: the preview, and how to invite the bot', async () => {
    const lobby = bot.sandbox.slack.createChannel('lobby', { isMember: false }).id;
    const uploads = completed().length;
    const { reply } = await lookup(chat().sessionId, { channelId: lobby });
    const shown = JSON.stringify(reply.blocks);
    expect(reply.text).toContain(`Chat ${chat().sessionId}: Transcript preview`);
    expect(shown).toContain("I can't post files in this channel — invite me with /invite @ccc-bot");
    expect(shown).toContain('ccc_share_to_channel');
    expect(completed()).toHaveLength(uploads);
  });

  test('for the channel (Share): the preview only, no second file, no Share button', async () => {
    const uploads = bot.sandbox.slack.uploads().length;
    const { reply, note } = await lookup(chat().sessionId, {}, 'channel');
    expect(note).toBeUndefined();
    expect(reply.text).toContain(chat().sessionId);
    expect(JSON.stringify(reply.blocks)).not.toContain('ccc_share_to_channel');
    expect(bot.sandbox.slack.uploads()).toHaveLength(uploads);
  });

  test('a voice call without ASR: a note for the requester, no file, no Share button', async () => {
    const call = pick(bot.sandbox.dataset.calls, (c) => c.asr === null, 'call without ASR');
    const uploads = bot.sandbox.slack.uploads().length;
    const { reply, note } = await lookup(call.sessionId);
    expect(note).toBe(true);
    expect(reply.text).toMatch(/speech recognition \(ASR\) is not enabled/i);
    expect(JSON.stringify(reply.blocks ?? [])).not.toContain('ccc_share_to_channel');
    expect(bot.sandbox.slack.uploads()).toHaveLength(uploads);
  });
});
