import type { ChatFixture } from '@ccc-kit/sandbox/dataset';
import type { ChatMessage } from '@ccc-kit/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { filesIn, openDirectMessages } from '../test-utils/direct-messages.ts';
import { chatFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

const NOW = Math.floor(Date.now() / 1000);
const LONG = 'chat-long-250';
const SHORT = 'chat-short';
const ODD = 'chat-odd-element';
const LINKS = 'chat-with-links';
const AGENT = 'U0AGENT';
const COS = 'https://im-1600000000.cos.ap-singapore.myqcloud.com/img/receipt.png';
const PHISH = 'https://refund-desk.example/claim?id=42';

/** A chat whose second message holds an element Tencent sent in a shape nobody can read (a number as text). */
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

/** A customer sends a photo through the chat SDK (Tencent storage) and a "file" pointing elsewhere. */
function chatWithLinks(): ChatFixture {
  const fixture = chatFixture({ sessionId: LINKS, time: NOW - 600, messages: 1 });
  const [first] = fixture.messages;
  const media = {
    ...first,
    MsgBody: [
      {
        MsgType: 'TIMImageElem',
        MsgContent: { UUID: 'i1', ImageFormat: 3, ImageInfoArray: [{ Type: 1, Size: 2048, URL: COS }] },
      },
      { MsgType: 'TIMFileElem', MsgContent: { Url: PHISH, FileName: 'refund.pdf', FileSize: 900 } },
      { MsgType: 'TIMTextElem', MsgContent: { Text: `or open ${PHISH}` } },
    ],
  } as unknown as ChatMessage;
  return { ...fixture, messages: [media] };
}

const dataset = datasetOf(
  [],
  [
    chatFixture({ sessionId: LONG, time: NOW - 5000, messages: 250 }),
    chatFixture({ sessionId: SHORT, time: NOW - 900 }),
    chatFixture({ sessionId: 'chat-empty', time: NOW - 800, messages: 0 }),
    chatWithOddElement(),
    chatWithLinks(),
  ],
);

describe('/ccc transcript of a chat', () => {
  let h: Harness;
  let lobby: string;
  beforeAll(async () => {
    h = await startHarness({ dataset });
    lobby = h.slack.createChannel('lobby', { isMember: false }).id;
    openDirectMessages(h.slack, AGENT);
  });
  afterAll(() => h.stop());

  const run = async (sessionId: string, channelId = 'C0CALLS') => {
    const reply = await h.answer(await h.command(`transcript ${sessionId}`, { channelId, userId: AGENT }));
    return reply;
  };

  test('private by default: a preview for the requester, the whole file in their DM, nothing in the channel', async () => {
    const reply = await run(LONG);
    const pages = h.deskEmulator.requests().filter((r) => r.command === 'describe_chat_messages');
    expect(pages.map((r) => (r.body as { Offset?: number }).Offset ?? 0)).toEqual([0, 100, 200]);
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.text).toContain(LONG);
    const shown = JSON.stringify(reply?.blocks);
    expect(shown).toContain(
      'The full transcript is in your direct messages with @ccc-bot: only you can see it',
    );
    expect(shown).toContain('ccc_share_to_channel');
    const [file, ...more] = filesIn(h.slack, AGENT);
    expect(more).toEqual([]);
    expect(file?.title).toBe(`Chat transcript ${LONG}`);
    const lines = file?.text?.trimEnd().split('\n') ?? [];
    expect(lines).toHaveLength(250);
    expect(lines[249]).toContain('message 250');
    expect(h.slack.messages(AGENT)[0]?.text).toContain('you asked for in <#C0CALLS>');
    expect(filesIn(h.slack, 'C0CALLS')).toEqual([]);
    expect(h.slack.messages('C0CALLS')).toEqual([]);
  });

  test('Share posts the file in the channel, saying who shared it; the clicker alone is told', async () => {
    const reply = await run(SHORT);
    const share = await h.interact({
      channelId: 'C0CALLS',
      userId: AGENT,
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [answer] = await h.replies(share);
    expect(answer?.responseType).toBe('ephemeral');
    expect(answer?.text).toBe(`Shared: the chat transcript of \`${SHORT}\` is now in this channel.`);
    const [file] = filesIn(h.slack, 'C0CALLS');
    expect(file?.title).toBe(`Chat transcript ${SHORT}`);
    expect(file?.text).toContain('message 4');
    expect(file?.initialComment).toBe(`Chat transcript \`${SHORT}\`, shared by <@${AGENT}>.`);
  });

  test('Share where the bot is not a member: how to invite it, and nothing is shared', async () => {
    const reply = await run(SHORT, lobby);
    const share = await h.interact({
      channelId: lobby,
      userId: AGENT,
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [answer] = await h.replies(share);
    expect(answer?.responseType).toBe('ephemeral');
    expect(answer?.text).toContain("I can't post files in this channel — invite me with /invite @ccc-bot");
    expect(filesIn(h.slack, lobby)).toEqual([]);
    expect(h.slack.responses(share.responseUrl).every((r) => r.responseType === 'ephemeral')).toBe(true);
  });

  test('a requester the bot cannot write to: the preview says so, and no file goes anywhere', async () => {
    const uploads = h.slack.uploads().length;
    // Slack refuses to open the DM (a deactivated user, or DMs with apps turned off).
    h.slack.faults.inject('chat.postMessage', { kind: 'api-error', code: 'channel_not_found' });
    const reply = await h.answer(
      await h.command(`transcript ${SHORT}`, { channelId: 'C0CALLS', userId: 'U0NODM' }),
    );
    expect(JSON.stringify(reply?.blocks)).toContain(
      "I couldn't send you the transcript file in a direct message (channel_not_found)",
    );
    expect(JSON.stringify(reply?.blocks)).toContain('message 1');
    expect(h.slack.uploads()).toHaveLength(uploads);
  });

  test('links a customer typed are text in the preview; media on Tencent storage stay links', async () => {
    const reply = await run(LINKS);
    const shown = JSON.stringify(reply?.blocks);
    expect(shown).toContain(`<${COS}|[image (2.0 KB)]>`);
    expect(shown).not.toContain(`<${PHISH}`);
    expect(shown).toContain(`[file: refund.pdf (900 B)] \`${PHISH}\``);
    // Bare URLs in text are never auto-linked: every mrkdwn object is verbatim.
    for (const block of reply?.blocks ?? []) expect(JSON.stringify(block)).not.toContain('"verbatim":false');
  });

  test('one unreadable message element reads "unsupported message"; the rest is shown', async () => {
    const reply = await run(ODD);
    const shown = JSON.stringify(reply?.blocks);
    expect(reply?.text).toContain(`Chat ${ODD}: Transcript preview`);
    expect(shown).toContain('[unsupported message: TIMTextElem]');
    expect(shown).toContain('and my order number');
    const file = filesIn(h.slack, AGENT).find((u) => u.title?.includes(ODD));
    expect(file?.text?.trimEnd().split('\n')).toHaveLength(3);
  });

  test('an empty chat says so, without an empty file or a Share button', async () => {
    const uploads = h.slack.uploads().length;
    const reply = await run('chat-empty');
    expect(reply?.text).toContain('no messages');
    expect(JSON.stringify(reply?.blocks)).not.toContain('ccc_share_to_channel');
    expect(h.slack.uploads()).toHaveLength(uploads);
  });
});
