import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callFixture, datasetOf, RECORD_URL } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

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
    const [reply] = await h.replies(result);
    const shown = JSON.stringify(reply?.blocks);
    expect(reply?.responseType).toBe('ephemeral');
    expect(shown).toContain(CALL);
    expect(shown).not.toContain('008613812345678');
    expect(shown).toContain('5678');
    for (const part of ['ann@example.com', 'Billing', 'bob@example.com', 'Very satisfied'])
      expect(shown).toContain(part);
    expect(shown).toMatch(/hold/i);
    expect(shown).toContain('ccc_share_to_channel');
    const request = h.cccEmulator.requests().at(-1);
    expect(request?.action).toBe('DescribeSessionDetail');
  });

  test('the recording link is never in the answer nor in the logs', async () => {
    const result = await h.command(`call ${CALL}`);
    const [reply] = await h.replies(result);
    expect(JSON.stringify(reply)).not.toContain('SIGNED-24H');
    expect(JSON.stringify(h.logs)).not.toContain(RECORD_URL);
  });

  test('an unknown id: "No call with id … in the last 89 days"', async () => {
    const result = await h.command('call 11111111-2222-3333-4444-555555555555');
    const [reply] = await h.replies(result);
    expect(reply?.text).toBe('No call with id `11111111-2222-3333-4444-555555555555` in the last 89 days.');
  });

  test('--since searches 89 days from then: an older call is found, a recent one is outside the window', async () => {
    const old = await h.command(`call ${OLD_CALL} --since 125d`);
    const [found] = await h.replies(old);
    expect(JSON.stringify(found?.blocks)).toContain(OLD_CALL);
    const recent = await h.command(`call ${CALL} --since 125d`);
    const [missing] = await h.replies(recent);
    expect(missing?.text).toMatch(
      /^No call with id `0cf5be1b-de75-4445-a0c4-8dff3fa4b68b` between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}\.$/,
    );
  });

  test('a Tencent error becomes a friendly message, logged with the request id', async () => {
    h.cccEmulator.faults.inject('DescribeSessionDetail', { kind: 'api-error', code: 'InternalError' });
    const result = await h.command(`call ${CALL}`);
    const [reply] = await h.replies(result);
    const requestId = h.cccEmulator.requests().at(-1)?.requestId;
    expect(requestId).toBeTruthy();
    expect(reply?.text).toContain('The contact center reported an internal error. Try again in a minute.');
    expect(JSON.stringify(reply?.blocks)).toContain(String(requestId));
    expect(h.logs).toContainEqual(
      expect.objectContaining({ msg: 'lookup failed', source: 'ccc', code: 'InternalError', requestId }),
    );
  });
});
