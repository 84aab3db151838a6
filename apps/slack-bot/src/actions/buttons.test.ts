import { encodeActionValue } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { callFixture, datasetOf, RECORD_URL } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

const NOW = Math.floor(Date.now() / 1000);
const CALL = 'c0ffee00-0000-4000-8000-0000000000aa';
const LEAD = 'U0LEAD';
const AGENT = 'U0AGENT';
const dataset = datasetOf([callFixture({ sessionId: CALL, time: NOW - 3600 })], []);
// What a webhook call post carries: the session and a window around the call.
const value = encodeActionValue({ v: 1, sessionId: CALL, start: NOW - 7200, end: NOW });
const webhookButton = (actionId: string, raw = value) => ({
  payload: {
    actions: [{ type: 'button', action_id: actionId, block_id: 'call_actions', value: raw, action_ts: '1' }],
  },
  channelId: 'C0CALLS',
  messageTs: '1700000000.000100',
});

describe('buttons on webhook posts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { recordingAllowedUsers: [LEAD], allowedUsers: [LEAD, AGENT] } });
  });
  afterAll(() => h.stop());

  test('Call details: the detail, ephemeral to the clicker', async () => {
    const click = await h.interact({ ...webhookButton('ccc_call_details'), userId: AGENT });
    expect(click.status).toBe(200);
    const [reply] = await h.replies(click);
    expect(reply?.responseType).toBe('ephemeral');
    expect(reply?.replaceOriginal).toBe(false);
    expect(JSON.stringify(reply?.blocks)).toContain(CALL);
    expect(JSON.stringify(reply)).not.toContain('SIGNED-24H');
  });

  test('Recording: a fresh link, ephemeral, for an allowed user; never logged', async () => {
    const before = h.cccEmulator.requests().length;
    const click = await h.interact({ ...webhookButton('ccc_call_recording'), userId: LEAD });
    const [reply] = await h.replies(click);
    expect(h.cccEmulator.requests().length).toBe(before + 1);
    expect(reply?.responseType).toBe('ephemeral');
    expect(JSON.stringify(reply)).toContain(RECORD_URL);
    expect(JSON.stringify(h.logs)).not.toContain('SIGNED-24H');
  });

  test('a shared call detail never carries the recording link', async () => {
    const details = await h.interact({ ...webhookButton('ccc_call_details'), userId: LEAD });
    const [reply] = await h.replies(details);
    const share = await h.interact({
      channelId: 'C0CALLS',
      userId: LEAD,
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.responseType).toBe('in_channel');
    expect(JSON.stringify(h.slack.messages('C0CALLS'))).not.toContain('SIGNED-24H');
  });

  test('ALLOWED_USERS applies to buttons too', async () => {
    const click = await h.interact({ ...webhookButton('ccc_call_details'), userId: 'U0STRANGER' });
    const [reply] = await h.replies(click);
    expect(reply?.text).toBe('You are not allowed to use /ccc on this workspace.');
  });
});

describe('recording access through a Slack user group', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { recordingAllowedUsers: ['S0GONE', 'S0LEADS'] } });
    h.slack.createUsergroup({ id: 'S0LEADS', handle: 'support-leads', users: [LEAD] });
  });
  afterAll(() => h.stop());

  test('members get the link, others are refused; a group Slack cannot read grants nothing', async () => {
    const lead = await h.replies(await h.interact({ ...webhookButton('ccc_call_recording'), userId: LEAD }));
    expect(JSON.stringify(lead)).toContain(RECORD_URL);
    const agent = await h.replies(
      await h.interact({ ...webhookButton('ccc_call_recording'), userId: AGENT }),
    );
    expect(agent[0]?.text).toBe('You are not allowed to access recordings.');
    expect(h.logs).toContainEqual(
      expect.objectContaining({ group: 'S0GONE', err: expect.stringContaining('no_such_subteam') }),
    );
  });

  test('memberships are cached: a second click asks Slack nothing more', async () => {
    const before = h.slack.requests('usergroups.users.list').length;
    await h.replies(await h.interact({ ...webhookButton('ccc_call_recording'), userId: LEAD }));
    expect(h.slack.requests('usergroups.users.list').length).toBe(before + 1); // S0GONE is not cached
  });
});
