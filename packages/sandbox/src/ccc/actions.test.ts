import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Dataset } from '../dataset/types.ts';
import type { CccEmulator } from './emulator.ts';
import { makeCall, makeDataset, TEST_SDK_APP_ID } from './test-utils/calls.ts';
import { type SignedCall, startTestEmulator } from './test-utils/test-emulator.ts';

const NOW = Date.UTC(2025, 5, 1, 0, 0, 0) / 1000;
const DAY = 86_400;
// 250 calls one minute apart, starting ten days ago.
const START = NOW - 10 * DAY;
const base = makeDataset(250, START);
const dataset: Dataset = {
  ...base,
  calls: [
    ...base.calls,
    makeCall({ sessionId: 'old', time: NOW - 100 * DAY, caller: '0086111', callee: '0086222' }),
  ],
};
let ccc: CccEmulator;
let call: SignedCall;
// Rate limiting is covered elsewhere: a generous rate keeps these tests about the actions.
beforeAll(async () => {
  ({ ccc, call } = await startTestEmulator({
    dataset: () => dataset,
    now: () => NOW * 1000,
  }));
});
afterAll(() => ccc.stop());

const errorOf = async (action: string, body: unknown): Promise<string | undefined> =>
  (await call(action, body)).response.Error?.Code;
const detail = (over: Record<string, unknown> = {}) => ({
  SdkAppId: TEST_SDK_APP_ID,
  SessionId: 's-001',
  StartTimestamp: START,
  EndTimestamp: NOW,
  ...over,
});
const cdr = (over: Record<string, unknown> = {}) => ({
  SdkAppId: TEST_SDK_APP_ID,
  StartTimeStamp: START,
  EndTimeStamp: NOW,
  PageSize: 100,
  PageNumber: 0,
  ...over,
});

describe('DescribeSessionDetail', () => {
  test('returns the call detail with a RequestId', async () => {
    const { response } = await call('DescribeSessionDetail', detail());
    expect(response).toMatchObject({
      StartTimeStamp: START + 60,
      StaffUserId: 'agent@example.com',
      EndStatus: 1,
    });
    expect(response.RequestId).toEqual(expect.any(String));
  });

  test.each([
    ['an unknown session', { SessionId: 'missing' }, 'FailedOperation.SessionNotExists'],
    ['a session outside the window', { EndTimestamp: START }, 'FailedOperation.SessionNotExists'],
    ['a missing SessionId', { SessionId: undefined }, 'MissingParameter'],
    ['a SessionId of the wrong type', { SessionId: 42 }, 'InvalidParameter'],
    ['a fractional timestamp', { StartTimestamp: START + 0.5 }, 'InvalidParameter'],
    ['another SdkAppId', { SdkAppId: 1400000001 }, 'InvalidParameterValue.InstanceNotExist'],
    ['a start older than 180 days', { StartTimestamp: NOW - 180 * DAY - 1 }, 'InvalidParameterValue'],
    ['a span of exactly 90 days', { StartTimestamp: NOW - 90 * DAY }, 'InvalidParameterValue'],
    ['a start after the end', { StartTimestamp: NOW, EndTimestamp: NOW - 1 }, 'InvalidParameterValue'],
  ])('answers %s with %s', async (_name, over, code) => {
    expect(await errorOf('DescribeSessionDetail', detail(over))).toBe(code);
  });

  test('accepts the window limits themselves (start exactly 180 days back, span 90 days minus 1 s)', async () => {
    const old = { SessionId: 'old', StartTimestamp: NOW - 180 * DAY, EndTimestamp: NOW - 90 * DAY - 1 };
    expect(await errorOf('DescribeSessionDetail', detail(old))).toBeUndefined();
  });
});

describe('DescribeTelCdr', () => {
  test('pages through every record in time order without overlap', async () => {
    const pages = [];
    for (let page = 0; page < 4; page++)
      pages.push((await call('DescribeTelCdr', cdr({ PageNumber: page }))).response);
    expect(pages.map((p) => p.TotalCount)).toEqual([250, 250, 250, 250]);
    const lists = pages.map((p) => p.TelCdrList as { SessionId: string; Time: number }[]);
    expect(lists.map((l) => l.length)).toEqual([100, 100, 50, 0]);
    const ids = lists.flat().map((r) => r.SessionId);
    expect(new Set(ids).size).toBe(250);
    expect(ids.slice(0, 2)).toEqual(['s-000', 's-001']);
    expect(pages[0]?.TelCdrs).toEqual(pages[0]?.TelCdrList);
  });

  test('filters by window, phones and session ids', async () => {
    const window = (
      await call('DescribeTelCdr', cdr({ StartTimeStamp: START + 60, EndTimeStamp: START + 180 }))
    ).response;
    expect((window.TelCdrList as { SessionId: string }[]).map((r) => r.SessionId)).toEqual([
      's-001',
      's-002',
      's-003',
    ]);
    const bySession = (await call('DescribeTelCdr', cdr({ SessionIds: ['s-007', 's-009', 'nope'] })))
      .response;
    expect(bySession.TotalCount).toBe(2);
    const byPhone = (
      await call(
        'DescribeTelCdr',
        cdr({ Phones: ['0086222'], StartTimeStamp: NOW - 120 * DAY, EndTimeStamp: NOW - 50 * DAY }),
      )
    ).response;
    expect(byPhone).toMatchObject({ TotalCount: 1, TelCdrList: [{ SessionId: 'old' }] });
  });

  test.each([
    ['a missing PageSize', { PageSize: undefined }, 'MissingParameter'],
    ['a missing PageNumber', { PageNumber: undefined }, 'MissingParameter'],
    ['a missing StartTimeStamp', { StartTimeStamp: undefined }, 'MissingParameter'],
    ['PageSize over 100', { PageSize: 101 }, 'InvalidParameterValue'],
    ['PageSize 0', { PageSize: 0 }, 'InvalidParameterValue'],
    ['a negative PageNumber', { PageNumber: -1 }, 'InvalidParameterValue'],
    ['Phones that are not strings', { Phones: [123] }, 'InvalidParameter'],
    ['a span of 90 days', { StartTimeStamp: NOW - 90 * DAY }, 'InvalidParameterValue'],
    [
      'a start older than 180 days',
      { StartTimeStamp: NOW - 181 * DAY, EndTimeStamp: NOW - 100 * DAY },
      'InvalidParameterValue',
    ],
  ])('answers %s with %s', async (_name, over, code) => {
    expect(await errorOf('DescribeTelCdr', cdr(over))).toBe(code);
  });
});

describe('DescribeTelRecordAsr', () => {
  test('returns the recognised sentences', async () => {
    const { response } = await call('DescribeTelRecordAsr', {
      SdkAppId: TEST_SDK_APP_ID,
      SessionId: 's-000',
    });
    expect(response.AsrDataList).toEqual([
      expect.objectContaining({ User: 'agent@example.com', Message: 'Hello' }),
    ]);
  });

  test('returns an empty list when offline ASR is not enabled for the call', async () => {
    const { response } = await call('DescribeTelRecordAsr', {
      SdkAppId: TEST_SDK_APP_ID,
      SessionId: 's-001',
    });
    expect(response.Error).toBeUndefined();
    expect(response.AsrDataList).toEqual([]);
  });

  test.each([
    ['an unknown session', { SessionId: 'missing' }, 'FailedOperation.SessionNotExists'],
    ['an empty SessionId', { SessionId: '' }, 'InvalidParameterValue'],
    ['a missing SdkAppId', { SdkAppId: undefined }, 'MissingParameter'],
  ])('answers %s with %s', async (_name, over, code) => {
    expect(
      await errorOf('DescribeTelRecordAsr', { SdkAppId: TEST_SDK_APP_ID, SessionId: 's-000', ...over }),
    ).toBe(code);
  });
});

describe('DescribeTelSession', () => {
  test('returns the session', async () => {
    const { response } = await call('DescribeTelSession', { SdkAppId: TEST_SDK_APP_ID, SessionId: 's-002' });
    expect(response.Session).toMatchObject({
      SessionID: 's-002',
      StartTimestamp: START + 120,
      SessionStatus: 'finished',
    });
  });

  test.each([
    ['an unknown session', { SessionId: 'missing' }, 'FailedOperation.SessionNotExists'],
    ['another SdkAppId', { SdkAppId: 7 }, 'InvalidParameterValue.InstanceNotExist'],
    ['a JSON array body', null, 'InvalidParameter'],
  ])('answers %s with %s', async (_name, over, code) => {
    const body = over === null ? [] : { SdkAppId: TEST_SDK_APP_ID, SessionId: 's-000', ...over };
    expect(await errorOf('DescribeTelSession', body)).toBe(code);
  });
});
