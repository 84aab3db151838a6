import { parseDescribeSessionDetailResponse } from '@ccc-kit/schemas';
import { encodeActionValue } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccess } from '../access.ts';
import {
  type DatasetCall,
  type DirectBot,
  pick,
  recordingInvocation,
  startDirect,
  windowAround,
} from '../test-utils/direct.ts';
import { callRecording, chooseRecording } from './call-recording.ts';

const LEAD = 'U0LEAD';
const AGENT = 'U0AGENT';

describe('callRecording (the Recording button)', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const recorded = () => pick(bot.sandbox.dataset.calls, (c) => c.detail.RecordURL, 'recorded call');
  const buttonValue = (c: DatasetCall) => {
    const { start, end } = windowAround(c);
    return encodeActionValue({ v: 1, sessionId: c.sessionId, start, end });
  };
  const click = async (userId: string, value: string | undefined, deps = bot.deps()) => {
    const inv = recordingInvocation({ userId });
    const leads = createAccess({ recordingAllowedUsers: [LEAD] });
    await callRecording({ ...deps, access: leads }, inv, {
      value,
      blockId: 'call_actions',
      onEphemeral: false,
    });
    return inv.replies();
  };

  test('an allowed user: a fresh link, for them only, not unfurled; the link is never logged', async () => {
    const before = bot.sandbox.ccc.requests().length;
    const [reply] = await click(LEAD, buttonValue(recorded()));
    expect(bot.sandbox.ccc.requests().length).toBe(before + 1);
    // No response_type: ephemeral, Slack's default for a response_url (and what the Bolt adapter sends).
    expect(reply?.response_type).not.toBe('in_channel');
    expect(reply).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(JSON.stringify(reply)).toContain(recorded().detail.RecordURL);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'recording link requested', user: LEAD, found: true }),
    );
    expect(JSON.stringify(bot.logs)).not.toContain(recorded().detail.RecordURL);
  });

  test('everybody else is refused, and Tencent is not even asked', async () => {
    const before = bot.sandbox.ccc.requests().length;
    const [reply] = await click(AGENT, buttonValue(recorded()));
    expect(reply?.text).toBe('You are not allowed to access recordings.');
    expect(bot.sandbox.ccc.requests().length).toBe(before);
    expect(bot.logs.at(-1)).toMatchObject({ msg: 'recording refused', user: AGENT });
  });

  test('a call without a recording: said so', async () => {
    const silent = pick(
      bot.sandbox.dataset.calls,
      (c) => !c.detail.RecordURL && !c.detail.CustomRecordURL,
      'call without recording',
    );
    const [reply] = await click(LEAD, buttonValue(silent));
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text: `Call \`${silent.sessionId}\` has no recording (recording may be off for this line, or nobody answered).`,
    });
  });

  test('a Tencent error: a friendly message with the request id', async () => {
    bot.sandbox.ccc.faults.inject('DescribeSessionDetail', { kind: 'api-error', code: 'InternalError' });
    const [reply] = await click(LEAD, buttonValue(recorded()));
    expect(reply?.text).toContain('The contact center reported an internal error. Try again in a minute.');
    expect(JSON.stringify(reply?.blocks)).toContain(
      String(bot.sandbox.ccc.requests().findLast((r) => r.action === 'DescribeSessionDetail')?.requestId),
    );
  });

  test('a value the bot did not write, or no CCC: refused without a lookup', async () => {
    const before = bot.sandbox.ccc.requests().length;
    const [invalid] = await click(LEAD, '{"v":1,"sessionId":"x","start":1,"end":999999999}');
    expect(invalid?.text).toMatch(/out of date or was not made by this app/);
    const [unconfigured] = await click(LEAD, buttonValue(recorded()), bot.deps({ ccc: undefined }));
    expect(unconfigured?.text).toBe('The call lookup is not configured on this workspace.');
    expect(bot.sandbox.ccc.requests().length).toBe(before);
  });
});

describe('chooseRecording (which link a Recording button gets)', () => {
  const detail = parseDescribeSessionDetailResponse({
    RequestId: 'r',
    RecordURL: 'https://rec.example.com/main.mp3',
    ServeParticipants: [
      { Mail: 'ann@example.com', RecordId: 'rec-ann', RecordURL: 'https://rec.example.com/ann.mp3' },
      {
        Mail: '',
        Phone: '008613912345678',
        RecordId: 'rec-ext',
        CustomRecordURL: 'https://cos.example.com/ext.mp3',
      },
      { Mail: 'bob@example.com', RecordId: 'rec-bob', RecordURL: '' },
    ],
  });

  test('no RecordId: the main recording, unnamed', () => {
    expect(chooseRecording(detail, undefined)).toEqual({
      source: 'main',
      url: 'https://rec.example.com/main.mp3',
      whose: undefined,
    });
  });

  test('a participant: their link (or their COS copy), named by email, else by masked number', () => {
    expect(chooseRecording(detail, 'rec-ann')).toMatchObject({
      url: 'https://rec.example.com/ann.mp3',
      whose: 'ann@example.com',
    });
    expect(chooseRecording(detail, 'rec-ext')).toMatchObject({
      source: 'participant',
      url: 'https://cos.example.com/ext.mp3',
      whose: '+86 139****5678',
    });
  });

  test('a participant without a link: none, never another participant’s or the main one', () => {
    expect(chooseRecording(detail, 'rec-bob')).toEqual({
      source: 'participant',
      url: undefined,
      whose: 'bob@example.com',
    });
  });

  test('a RecordId nobody holds: the main recording, named as the call’s; none when the call has none', () => {
    expect(chooseRecording(detail, 'rec-customer')).toEqual({
      source: 'main',
      url: 'https://rec.example.com/main.mp3',
      whose: "the call's recording",
    });
    expect(chooseRecording({ ...detail, RecordURL: '' }, 'rec-customer').url).toBeUndefined();
  });
});
