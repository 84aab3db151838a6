import type { CallFixture } from '@ccc-kit/sandbox/dataset';
import { ACTION_VOICEMAIL, encodeActionValue, voicemailMessage } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VOICEMAILS_FORBIDDEN } from '../access.ts';
import { pick } from '../test-utils/direct.ts';
import { clickOn, generatedDataset, withCall } from '../test-utils/generated.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

// Play voicemail, clicked through Bolt with signed requests, against the sandbox's generated calls.

const LEAD = 'U0LEAD';
const AGENT = 'U0AGENT';
const generated = generatedDataset();
const voicemail = pick(generated.calls, (c) => c.voicemail, 'call with a voicemail');
const silent = pick(generated.calls, (c) => !c.voicemail && c.detail.AcceptTimestamp, 'answered call');
const twice = pick(generated.calls, (c) => !c.voicemail && c !== silent, 'another call without voicemail');
const TWO = [
  'https://ccc-voicemail.example.com/1.mp3?sign=VM-ONE',
  'https://ccc-voicemail.example.com/2.mp3?sign=VM-TWO',
];
// Tencent may list several voicemails for a call: the bot hands out all of them.
const dataset = withCall(generated, twice, (c) => ({
  ...c,
  detail: { ...c.detail, VoicemailRecordURL: TWO },
}));
const voicemailUrl = voicemail.detail.VoicemailRecordURL[0] as string;

/** The value of the Play voicemail button on a call's post: its session and a window around the call. */
const postValue = (call: CallFixture) => {
  const start = Number(call.detail.StartTimeStamp) - 300;
  return encodeActionValue({ v: 1, sessionId: call.sessionId, start, end: start + 3600 });
};
const postButton = (raw: string, userId: string) => ({
  channelId: 'C0CALLS',
  userId,
  messageTs: '1700000000.000400',
  payload: {
    actions: [
      { type: 'button', action_id: ACTION_VOICEMAIL, block_id: 'call_actions', value: raw, action_ts: '1' },
    ],
  },
});
/** The webhook's thread reply for the call's `voicemail` push, with its Play voicemail button. */
const threadReply = () => {
  if (!voicemail.voicemail) throw new Error('the picked call has no voicemail push');
  return voicemailMessage(voicemail.voicemail);
};

describe('Play voicemail', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { recordingAllowedUsers: [LEAD] } });
  });
  afterAll(() => h.stop());

  test('an allowed user: a fresh link from the detail, for them only, never logged or posted', async () => {
    const before = h.cccEmulator.requests().length;
    const [reply] = await h.replies(await h.interact(clickOn(threadReply(), ACTION_VOICEMAIL, LEAD)));
    expect(
      h.cccEmulator
        .requests()
        .slice(before)
        .map((r) => r.action),
    ).toEqual(['DescribeSessionDetail']);
    expect(reply).toMatchObject({ responseType: 'ephemeral', replaceOriginal: false });
    expect(reply?.body).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(reply?.text).toBe(`Voicemail of call ${voicemail.sessionId}`);
    expect(JSON.stringify(reply?.blocks)).toContain(voicemailUrl);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ msg: 'voicemail link requested', user: LEAD, found: 1 }),
    );
    expect(JSON.stringify(h.logs)).not.toContain(voicemailUrl);
    expect(JSON.stringify(h.slack.messages('C0CALLS'))).not.toContain(voicemailUrl);
  });

  test('several voicemails: every link, numbered', async () => {
    const [reply] = await h.replies(await h.interact(postButton(postValue(twice), LEAD)));
    expect(reply?.text).toBe(`2 voicemails of call ${twice.sessionId}`);
    const blocks = JSON.stringify(reply?.blocks);
    expect(blocks).toContain(`1. <${TWO[0]}|Play voicemail 1>`);
    expect(blocks).toContain(`2. <${TWO[1]}|Play voicemail 2>`);
  });

  test('a user not allowed to hear recordings: refused, told why; no link anywhere, Tencent not asked', async () => {
    const before = h.cccEmulator.requests().length;
    const replies = await h.replies(await h.interact(clickOn(threadReply(), ACTION_VOICEMAIL, AGENT)));
    const [reply] = replies;
    expect(reply?.text).toBe(VOICEMAILS_FORBIDDEN);
    expect(reply?.responseType).toBe('ephemeral');
    expect(h.cccEmulator.requests().length).toBe(before);
    expect(h.logs.at(-1)).toMatchObject({ msg: 'voicemail refused', user: AGENT });
    expect(JSON.stringify([replies, h.slack.messages('C0CALLS'), h.logs])).not.toContain(voicemailUrl);
  });

  test('a call without voicemail: said so, with why it may be missing', async () => {
    const [reply] = await h.replies(await h.interact(postButton(postValue(silent), LEAD)));
    expect(reply?.text).toBe(
      `No voicemail found for call \`${silent.sessionId}\`. It may have expired (Tencent keeps recordings for about 3 months on its free storage), or the caller hung up before leaving one.`,
    );
  });

  test('a tampered value: the invalid-button reply, without a lookup', async () => {
    const before = h.cccEmulator.requests().length;
    const tampered = postValue(voicemail).replace('"v":1', '"v":1,"url":"https://evil.example.com"');
    const [reply] = await h.replies(await h.interact(postButton(tampered, LEAD)));
    expect(reply?.text).toBe(
      'This button is out of date or was not made by this app; run the command again.',
    );
    expect(h.cccEmulator.requests().length).toBe(before);
  });

  test('a Tencent error: a friendly message with the request id', async () => {
    h.cccEmulator.faults.inject('DescribeSessionDetail', { kind: 'api-error', code: 'InternalError' });
    const [reply] = await h.replies(await h.interact(clickOn(threadReply(), ACTION_VOICEMAIL, LEAD)));
    expect(reply?.text).toContain('The contact center reported an internal error. Try again in a minute.');
    expect(JSON.stringify(reply?.blocks)).toContain(
      String(h.cccEmulator.requests().findLast((r) => r.action === 'DescribeSessionDetail')?.requestId),
    );
  });
});
