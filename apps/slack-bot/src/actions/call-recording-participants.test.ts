import type { CallFixture } from '@ccc-kit/sandbox/dataset';
import { ACTION_CALL_RECORDING, encodeActionValue, recordingReadyMessage } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pick } from '../test-utils/direct.ts';
import { clickOn, generatedDataset } from '../test-utils/generated.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

// The Recording button of each `record` thread reply, clicked through Bolt with signed requests, against
// the sandbox's generated calls: a transfer has the customer's recording and one per agent who talked.

const LEAD = 'U0LEAD';
const AGENT = 'U0AGENT';
const dataset = generatedDataset();
const transferred = pick(
  dataset.calls,
  (c) => c.records.length >= 3 && c.detail.RecordURL,
  'recorded call with three recordings',
);
const unrecorded = pick(
  dataset.calls,
  (c) => !c.detail.RecordURL && !c.detail.CustomRecordURL,
  'call without recording',
);
/** Every signed link of a call's detail: the main one and each participant's. */
const linksOf = (call: CallFixture): string[] =>
  [call.detail.RecordURL, ...call.detail.ServeParticipants.map((p) => p.RecordURL)].filter(
    (url): url is string => Boolean(url),
  );
/** A Recording button naming `recordId` on `call`, with the window a thread reply's button carries. */
const valueNaming = (call: CallFixture, recordId: string) => {
  const end = Number(call.detail.EndedTimestamp) + 300;
  return encodeActionValue({ v: 1, sessionId: call.sessionId, start: end - 86_700, end, recordId });
};
const webhookButton = (raw: string, userId: string) => ({
  channelId: 'C0CALLS',
  userId,
  messageTs: '1700000000.000300',
  payload: {
    actions: [
      { type: 'button', action_id: ACTION_CALL_RECORDING, block_id: 'b', value: raw, action_ts: '1' },
    ],
  },
});

describe('Recording buttons of the per-participant thread replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { recordingAllowedUsers: [LEAD] } });
  });
  afterAll(() => h.stop());

  test('three recordings: three distinct links, each the right participant’s, named in the reply', async () => {
    const handed: string[] = [];
    for (const push of transferred.records) {
      const click = await h.interact(clickOn(recordingReadyMessage(push), ACTION_CALL_RECORDING, LEAD));
      const [reply] = await h.replies(click);
      const leg = transferred.detail.ServeParticipants.find((p) => p.RecordId === push.RecordId);
      // The customer's RecordId is the call's own recording, which the detail lists without its id.
      const expected = (leg ? leg.RecordURL : transferred.detail.RecordURL) as string;
      expect(reply).toMatchObject({ responseType: 'ephemeral', replaceOriginal: false });
      expect(reply?.body).toMatchObject({ unfurl_links: false, unfurl_media: false });
      expect(reply?.text).toContain(leg ? `(${leg.Mail})` : "(the call's recording)");
      const others = linksOf(transferred).filter((url) => url !== expected);
      expect(JSON.stringify(reply?.blocks)).toContain(expected);
      for (const other of others) expect(JSON.stringify(reply)).not.toContain(other);
      handed.push(expected);
    }
    expect(new Set(handed).size).toBe(transferred.records.length);
    expect(handed.length).toBeGreaterThanOrEqual(3);
    for (const url of handed) {
      expect(JSON.stringify(h.logs)).not.toContain(url);
      expect(JSON.stringify(h.slack.messages('C0CALLS'))).not.toContain(url);
    }
    expect(h.logs.filter((l) => l.msg === 'recording link requested').map((l) => l.source)).toEqual(
      transferred.records.map((r) =>
        transferred.detail.ServeParticipants.some((p) => p.RecordId === r.RecordId) ? 'participant' : 'main',
      ),
    );
  });

  test('a RecordId no participant holds: the call’s recording, named so', async () => {
    const click = await h.interact(webhookButton(valueNaming(transferred, 'gone-record-1'), LEAD));
    const [reply] = await h.replies(click);
    expect(reply?.text).toContain("(the call's recording)");
    expect(JSON.stringify(reply?.blocks)).toContain(transferred.detail.RecordURL);
  });

  test('…and on a call without a recording of its own, a clear "no recording"', async () => {
    const click = await h.interact(webhookButton(valueNaming(unrecorded, 'gone-record-1'), LEAD));
    const [reply] = await h.replies(click);
    expect(reply?.text).toBe(
      `Call \`${unrecorded.sessionId}\` has no recording matching this button, and none of its own (recording may be off for this line, or nobody answered).`,
    );
  });

  test('a participant’s button is refused to users not allowed, and Tencent is not asked', async () => {
    const before = h.cccEmulator.requests().length;
    const push = transferred.records.at(-1);
    if (!push) throw new Error('no recording push');
    const [reply] = await h.replies(
      await h.interact(clickOn(recordingReadyMessage(push), ACTION_CALL_RECORDING, AGENT)),
    );
    expect(reply?.text).toBe('You are not allowed to access recordings.');
    expect(h.cccEmulator.requests().length).toBe(before);
    for (const url of linksOf(transferred)) expect(JSON.stringify(reply)).not.toContain(url);
  });

  test('a RecordId the bot did not write (not an identifier): the invalid-button reply', async () => {
    const before = h.cccEmulator.requests().length;
    const tampered = valueNaming(transferred, 'x').replace('"recordId":"x"', '"recordId":"<x>"');
    const [reply] = await h.replies(await h.interact(webhookButton(tampered, LEAD)));
    expect(reply?.text).toMatch(/out of date or was not made by this app/);
    expect(h.cccEmulator.requests().length).toBe(before);
  });
});
