import { encodeActionValue } from '@ccc-kit/slack-blocks';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDirectMessages } from './test-utils/direct-messages.ts';
import { callFixture, datasetOf, RECORD_URL } from './test-utils/fixtures.ts';
import { type Harness, startHarness } from './test-utils/harness.ts';

// The bot acknowledges before any work of its own: a slash command's or a click's HTTP answer (200, empty)
// must not wait for the Slack Web API calls or the Tencent requests its handler makes. The user group that
// grants recordings is read with usergroups.users.list, held back here by a latency fault, so an ack that
// waited for it would arrive after it was answered. Order is asserted, never speed.

const NOW = Math.floor(Date.now() / 1000);
const CALL = 'c0ffee00-0000-4000-8000-0000000000ac';
const LEAD = 'U0LEAD';
const dataset = datasetOf(
  [
    callFixture({
      sessionId: CALL,
      time: NOW - 3600,
      asr: [{ user: 'ann@example.com', message: 'Thank you for calling, this is Ann.', offset: 25 }],
    }),
  ],
  [],
);
const GROUP_LATENCY_MS = 1_000;

describe('the ack comes before any other work', () => {
  let h: Harness;
  beforeEach(async () => {
    // A fresh bot each time: the group's members are cached once read.
    h = await startHarness({ dataset, bot: { recordingAllowedUsers: ['S0LEADS'] } });
    h.slack.createUsergroup({ id: 'S0LEADS', handle: 'support-leads', users: [LEAD] });
    openDirectMessages(h.slack, LEAD);
    h.slack.faults.inject('usergroups.users.list', { kind: 'latency', ms: GROUP_LATENCY_MS });
  });
  afterEach(() => h.stop());

  /** What the handler had got back from Slack's Web API and from Tencent when the ack arrived. */
  const workDone = () => ({
    // The Slack emulator logs a request on arrival and fills in `ok` once it has answered.
    slackAnswered: h.slack
      .requests()
      .filter((r) => r.method !== 'auth.test' && r.method !== 'response_url' && r.ok !== undefined)
      .map((r) => r.method),
    // The CCC emulator logs a request once it has answered it.
    ccc: h.cccEmulator.requests().map((r) => r.action),
  });

  test('/ccc: 200 with an empty body before the user group is read and before any Tencent request', async () => {
    const result = await h.command(`transcript ${CALL}`, { userId: LEAD, channelId: 'C0CALLS' });
    const atAck = workDone();
    expect([result.status, result.body]).toEqual([200, '']);
    expect(atAck).toEqual({ slackAnswered: [], ccc: [] });
    // Then the work the ack did not wait for: the group read (it grants), the transcript, the answer.
    const answer = await h.answer(result);
    expect(answer.text).not.toContain('not allowed');
    expect(h.slack.requests('usergroups.users.list').map((r) => r.ok)).toEqual([true]);
    expect(h.cccEmulator.requests().map((r) => r.action)).toContain('DescribeTelRecordAsr');
  });

  test('a click: 200 with an empty body before the user group is read and before any Tencent request', async () => {
    const value = encodeActionValue({ v: 1, sessionId: CALL, start: NOW - 7200, end: NOW });
    const click = await h.interact({
      payload: {
        actions: [
          {
            type: 'button',
            action_id: 'ccc_call_recording',
            block_id: 'call_actions',
            value,
            action_ts: '1',
          },
        ],
      },
      channelId: 'C0CALLS',
      messageTs: '1700000000.000100',
      userId: LEAD,
    });
    const atAck = workDone();
    expect([click.status, click.body]).toEqual([200, '']);
    expect(atAck).toEqual({ slackAnswered: [], ccc: [] });
    const [reply] = await h.replies(click);
    expect(JSON.stringify(reply)).toContain(RECORD_URL);
    expect(h.slack.requests('usergroups.users.list').map((r) => r.ok)).toEqual([true]);
  });
});
