import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { filesIn, openDirectMessages } from '../test-utils/direct-messages.ts';
import { AGENT_PHONE, callFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

const NOW = Math.floor(Date.now() / 1000);
const LEAD = 'U0LEAD';
const AGENT = 'U0AGENT';
const HOUR = 3600;
const dataset = datasetOf(
  [
    callFixture({
      sessionId: 'call-asr',
      time: NOW - 2 * HOUR,
      asr: [
        { user: 'ann@example.com', message: 'Thank you for calling, this is Ann.', offset: 25 },
        // The customer's number as ASR writes it: without the 00 of the CDR's 008613812345678.
        { user: '8613812345678', message: 'My invoice is wrong.', offset: 30 },
        // Bob took the transfer on his phone: a number, and still the agent.
        { user: AGENT_PHONE, message: 'Bob here, let me fix that invoice.', offset: 160 },
      ],
    }),
    callFixture({ sessionId: 'call-asr-off', time: NOW - 2 * HOUR }),
    callFixture({ sessionId: 'call-just-ended', time: NOW - 400 }),
    callFixture({ sessionId: 'call-transcribing', time: NOW - 2 * HOUR, asrStatus: 'Processing' }),
    callFixture({ sessionId: 'call-silent', time: NOW - 2 * HOUR, asr: [], asrStatus: 'Complete' }),
    callFixture({ sessionId: 'call-missed', time: NOW - 2 * HOUR, unanswered: true }),
  ],
  [],
);

describe('/ccc transcript of a call', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { recordingAllowedUsers: [LEAD] } });
    for (const user of [LEAD, AGENT]) openDirectMessages(h.slack, user);
  });
  afterAll(() => h.stop());

  const run = async (text: string, userId = LEAD) => {
    const result = await h.command(`transcript ${text}`, { channelId: 'C0CALLS', userId });
    return h.answer(result);
  };
  const asrRequests = () => h.cccEmulator.requests().filter((r) => r.action === 'DescribeTelRecordAsr');

  test('a user without the recording permission is refused, privately, and no speech is fetched', async () => {
    const asked = asrRequests().length;
    const reply = await run('call-asr', AGENT);
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.text).toContain('You are not allowed to read call transcripts');
    expect(reply?.text).toContain('RECORDING_ALLOWED_USERS');
    expect(asrRequests()).toHaveLength(asked);
    expect(filesIn(h.slack, AGENT)).toEqual([]);
    expect(filesIn(h.slack, 'C0CALLS')).toEqual([]);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: 'call transcript refused', user: AGENT }));
  });

  test('the same user asking for an id no backend knows hears "not found", not a refusal', async () => {
    const reply = await run('nope-0000', AGENT);
    expect(reply?.text).toBe('No chat or call with id `nope-0000` was found.');
  });

  test('an allowed user: a private file with speakers named from the call records; Share posts it', async () => {
    const reply = await run('call-asr');
    expect(reply?.responseType).toBe('ephemeral');
    expect(JSON.stringify(reply?.blocks)).toContain('in your direct messages with @ccc-bot');
    expect(filesIn(h.slack, 'C0CALLS')).toEqual([]);
    const [file] = filesIn(h.slack, LEAD);
    const lines = file?.text?.trimEnd().split('\n') ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/\] Agent ann@example\.com: Thank you for calling/);
    expect(lines[1]).toMatch(/\] Customer \+86 138\*\*\*\*5678: My invoice is wrong\./);
    expect(lines[2]).toMatch(/\] Agent \+86 139\*\*\*\*1111: Bob here/);
    expect(file?.text).not.toContain('13812345678');
    const share = await h.interact({
      channelId: 'C0CALLS',
      userId: LEAD,
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    expect((await h.replies(share))[0]?.text).toContain('is now in this channel');
    const [shared] = filesIn(h.slack, 'C0CALLS');
    expect(shared?.text).toBe(file?.text);
    expect(shared?.initialComment).toBe(`Call transcript \`call-asr\`, shared by <@${LEAD}>.`);
  });

  test.each([
    ['call-asr-off', /speech recognition \(ASR\) is not enabled/],
    [
      'call-just-ended',
      /^Tencent is still transcribing call `call-just-ended` \(it ended <!date\^\d+\^.*Try again in about 5 minutes, after <!date\^\d+\^/,
    ],
    [
      'call-transcribing',
      /^Tencent is still transcribing call `call-transcribing`.*Try again in about 5 minutes/,
    ],
    ['call-silent', /found no speech in it/],
    ['call-missed', /nobody answered, so there was no conversation to transcribe/],
  ])('%s: why there is no transcript, for the requester only, without a file', async (id, words) => {
    const uploads = h.slack.uploads().length;
    const reply = await run(id);
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.text).toMatch(words);
    expect(JSON.stringify(reply?.blocks ?? [])).not.toContain('ccc_share_to_channel');
    expect(h.slack.uploads()).toHaveLength(uploads);
  });

  test('DescribeTelRecordAsr answering ResourceNotFound is read with the CDR: still transcribing', async () => {
    h.cccEmulator.faults.inject('DescribeTelRecordAsr', { kind: 'api-error', code: 'ResourceNotFound' });
    const reply = await run('call-transcribing');
    expect(reply?.text).toMatch(/^Tencent is still transcribing call `call-transcribing`/);
  });

  test('the retry time is five minutes from now', async () => {
    const reply = await run('call-transcribing');
    const retryAt = Number(/after <!date\^(\d+)\^/.exec(reply?.text ?? '')?.[1]);
    expect(retryAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(280);
    expect(retryAt - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);
  });
});
