import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DirectBot, pick, startDirect, windowAround } from '../test-utils/direct.ts';
import { callFixture, datasetOf, RECORD_URL } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { lookupCall } from './call.ts';

const NOW = Math.floor(Date.now() / 1000);
const CALL = '0cf5be1b-de75-4445-a0c4-8dff3fa4b68b';
const OLD_CALL = 'old-call-0001';
const dataset = datasetOf(
  [
    callFixture({ sessionId: CALL, time: NOW - 3600 }),
    callFixture({ sessionId: OLD_CALL, time: NOW - 120 * 86_400 }),
  ],
  [],
);

describe('/ccc call', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset });
  });
  afterAll(() => h.stop());

  test('the call detail: masked numbers, agent, queue, times, outcome, timeline, IVR keys, satisfaction', async () => {
    const result = await h.command(`call ${CALL}`);
    const reply = await h.answer(result);
    const shown = JSON.stringify(reply?.blocks);
    expect(reply?.responseType).toBe('ephemeral');
    expect(shown).toContain(CALL);
    expect(shown).not.toContain('008613812345678');
    expect(shown).toContain('5678');
    for (const part of ['ann@example.com', 'Billing', 'bob@example.com', 'Very satisfied'])
      expect(shown).toContain(part);
    expect(shown).toMatch(/hold/i);
    expect(shown).toContain('ccc_share_to_channel');
    // The detail, and the call's row for the agent's name (the detail has only the email).
    const actions = h.cccEmulator
      .requests()
      .slice(-2)
      .map((r) => r.action);
    expect(actions.sort()).toEqual(['DescribeSessionDetail', 'DescribeTelCdr']);
  });

  test('the recording link is never in the answer nor in the logs', async () => {
    const result = await h.command(`call ${CALL}`);
    const reply = await h.answer(result);
    expect(JSON.stringify(reply)).not.toContain('SIGNED-24H');
    expect(JSON.stringify(h.logs)).not.toContain(RECORD_URL);
  });

  test('--since searches 89 days from then: an older call is found, a recent one is outside the window', async () => {
    const old = await h.command(`call ${OLD_CALL} --since 125d`);
    const found = await h.answer(old);
    expect(JSON.stringify(found?.blocks)).toContain(OLD_CALL);
    const recent = await h.command(`call ${CALL} --since 125d`);
    const missing = await h.answer(recent);
    expect(missing?.text).toMatch(
      /^No call with id `0cf5be1b-de75-4445-a0c4-8dff3fa4b68b` between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}\.$/,
    );
  });
});

describe('lookupCall', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  // An answered call with both recording links, which must never be part of an answer.
  const call = () =>
    pick(
      bot.sandbox.dataset.calls,
      (c) => c.telCdr.Caller && c.detail.StaffUserId && c.detail.RecordURL && c.detail.CustomRecordURL,
      'answered call with recordings',
    );
  const lookup = (audience: 'ephemeral' | 'channel', window = windowAround(call())) =>
    lookupCall(bot.deps(), { kind: 'call', sessionId: call().sessionId, window }, audience);

  test('the detail: numbers masked, the agent, Share and Recording buttons; never a recording link', async () => {
    const { reply, note } = await lookup('ephemeral');
    const shown = JSON.stringify(reply);
    expect(note).toBeUndefined();
    expect(reply.text).toMatch(/^Call details: /);
    expect(shown).toContain(call().sessionId);
    expect(shown).not.toContain(call().telCdr.Caller);
    expect(shown).toContain(call().telCdr.Caller?.slice(-4));
    expect(shown).toContain(call().detail.StaffUserId);
    expect(shown).toContain('ccc_share_to_channel');
    expect(shown).toContain('ccc_call_recording');
    expect(shown).not.toContain(call().detail.RecordURL);
    expect(shown).not.toContain(call().detail.CustomRecordURL);
    const actions = bot.sandbox.ccc
      .requests()
      .slice(-2)
      .map((r) => r.action);
    expect(actions.sort()).toEqual(['DescribeSessionDetail', 'DescribeTelCdr']);
  });

  test("the agent is named as the webhook's post names them: by name, the email only when no name is known", async () => {
    const answered = pick(
      bot.sandbox.dataset.calls,
      (c) => c.telCdr.Direction === 0 && (c.telCdr.AcceptTimestamp ?? 0) > 0 && c.telCdr.SeatUser?.Name,
      'answered inbound call with a named agent',
    );
    const request = { kind: 'call', sessionId: answered.sessionId, window: windowAround(answered) } as const;
    const { reply } = await lookupCall(bot.deps(), request, 'ephemeral');
    expect(reply.text).toMatch(new RegExp(` with ${answered.telCdr.SeatUser?.Name}$`));
    // DescribeTelCdr failing (here: a window it refuses) leaves the email, never a failed lookup.
    const failing = bot.deps();
    const ccc = failing.ccc;
    if (!ccc) throw new Error('the direct bot has CCC');
    const refusing = { ...ccc, describeTelCdr: () => Promise.reject(new Error('InternalError')) };
    const fallback = await lookupCall({ ...failing, ccc: refusing }, request, 'ephemeral');
    expect(fallback.reply.text).toMatch(new RegExp(` with ${answered.detail.StaffUserId}$`));
  });

  test('for the channel: the same detail without the Share button', async () => {
    const { reply } = await lookup('channel');
    expect(reply.text).toBe((await lookup('ephemeral')).reply.text);
    expect(JSON.stringify(reply)).not.toContain('ccc_share_to_channel');
    expect(JSON.stringify(reply)).not.toContain(call().detail.RecordURL);
  });

  test('a call outside the window is not found (what --since changes)', async () => {
    const later = windowAround(call(), 7200);
    await expect(lookup('ephemeral', later)).rejects.toMatchObject({
      code: 'FailedOperation.SessionNotExists',
    });
  });

  test('without CCC: the not-configured error', async () => {
    const request = { kind: 'call', sessionId: call().sessionId, window: windowAround(call()) } as const;
    await expect(lookupCall(bot.deps({ ccc: undefined }), request, 'ephemeral')).rejects.toMatchObject({
      code: 'slack_bot_not_configured',
      message: 'The call lookup is not configured on this workspace.',
    });
  });
});
