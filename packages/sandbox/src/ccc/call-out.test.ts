import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_AGENTS } from '../dataset/catalog.ts';
import type { CallFixture, Dataset } from '../dataset/types.ts';
import type { CccEmulator } from './emulator.ts';
import { makeDataset, TEST_SDK_APP_ID } from './test-utils/calls.ts';
import {
  agentsDataset,
  NO_PHONE_AGENT as NO_PHONE,
  AGENTS_NOW as NOW,
  type SignedCall,
  startTestEmulator,
} from './test-utils/test-emulator.ts';

const generated = agentsDataset();
const AGENT = DEFAULT_AGENTS[1] as (typeof DEFAULT_AGENTS)[number] & { phone: string };
const CALLEE = '008613912345678';
let current: Dataset = generated;
let placed: CallFixture[] = [];
let ccc: CccEmulator;
let call: SignedCall;
beforeAll(async () => {
  ({ ccc, call } = await startTestEmulator({
    dataset: () => current,
    now: () => NOW * 1000,
    onCallOut: (placedCall) => placed.push(placedCall),
  }));
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  current = generated;
  placed = [];
});

const errorOf = async (action: string, body: unknown): Promise<string | undefined> =>
  (await call(action, body)).response.Error?.Code;
const callOut = (over: Record<string, unknown> = {}) => ({
  SdkAppId: TEST_SDK_APP_ID,
  UserId: AGENT.mail,
  Callee: CALLEE,
  IsForceUseMobile: true,
  UUI: 'slack:C0123/1712345678.000100',
  ...over,
});
const around = { SdkAppId: TEST_SDK_APP_ID, StartTimeStamp: NOW - 60, EndTimeStamp: NOW + 3600 };

describe('CreateCallOutSession', () => {
  test('places an answered outbound call of the agent that the record queries know', async () => {
    const { response } = await call('CreateCallOutSession', callOut());
    const SessionId = response.SessionId as string;
    expect(SessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const uui = 'slack:C0123/1712345678.000100';
    expect(ccc.callOuts()).toEqual([
      { sessionId: SessionId, userId: AGENT.mail, callee: CALLEE, uui, at: NOW * 1000 },
    ]);
    const cdr = await call('DescribeTelCdr', {
      ...around,
      PageSize: 100,
      PageNumber: 0,
      Phones: [CALLEE],
      SessionIds: [SessionId],
    });
    expect(cdr.response).toMatchObject({
      TotalCount: 1,
      TelCdrList: [
        {
          SessionId,
          Direction: 1,
          CallType: 1,
          Caller: generated.lines.outbound,
          Callee: CALLEE,
          StartTimestamp: NOW,
          EndStatus: 1,
          EndStatusString: 'ok',
          Duration: 45,
          Uui: uui,
          UUI: uui,
          SeatUser: { Mail: AGENT.mail, Phone: AGENT.phone },
        },
      ],
    });
    const [row] = cdr.response.TelCdrList as {
      RingTimestamp: number;
      AcceptTimestamp: number;
      EndedTimestamp: number;
    }[];
    expect(row?.RingTimestamp).toBeGreaterThan(NOW);
    expect(row?.EndedTimestamp).toBe((row?.AcceptTimestamp ?? 0) + 45);
    const window = { SdkAppId: TEST_SDK_APP_ID, SessionId, StartTimestamp: NOW - 60, EndTimestamp: NOW + 60 };
    expect((await call('DescribeSessionDetail', window)).response).toMatchObject({
      StaffUserId: AGENT.mail,
      UUI: uui,
    });
    expect(
      (await call('DescribeTelSession', { SdkAppId: TEST_SDK_APP_ID, SessionId })).response,
    ).toMatchObject({
      Session: { SessionID: SessionId, StaffEmail: AGENT.mail, Direction: 1, Callee: CALLEE },
    });
    expect(placed.map((placedCall) => [placedCall.sessionId, placedCall.push.Uui])).toEqual([
      [SessionId, uui],
    ]);
  });

  test('accepts IsForceUseMobile as the string "true" (Tencent\'s own example), any case of UserId, Callers', async () => {
    const body = callOut({ IsForceUseMobile: 'true', UserId: AGENT.mail.toUpperCase(), UUI: undefined });
    const { response } = await call('CreateCallOutSession', { ...body, Callers: ['0086755200000001'] });
    expect(response.Error).toBeUndefined();
    expect(ccc.callOuts()).toMatchObject([{ userId: AGENT.mail.toUpperCase(), uui: undefined }]);
    expect(placed[0]?.telCdr).toMatchObject({ UUI: '', SeatUser: { Mail: AGENT.mail } });
  });

  test('keeps the dataset immutable: the placed calls join any dataset the emulator serves, until reset()', async () => {
    const callsBefore = generated.calls.length;
    const { response } = await call('CreateCallOutSession', callOut());
    const SessionId = response.SessionId as string;
    expect(generated.calls).toHaveLength(callsBefore);
    current = makeDataset(3, NOW - 3600);
    const session = { SdkAppId: TEST_SDK_APP_ID, SessionId };
    expect((await call('DescribeTelSession', session)).response.Error).toBeUndefined();
    const cdr = await call('DescribeTelCdr', {
      ...around,
      StartTimeStamp: NOW - 7200,
      PageSize: 100,
      PageNumber: 0,
    });
    expect(cdr.response.TotalCount).toBe(4);
    ccc.reset();
    expect(ccc.callOuts()).toEqual([]);
    expect(await errorOf('DescribeTelSession', session)).toBe('FailedOperation.SessionNotExists');
  });

  test.each([
    ['a missing UserId', { UserId: undefined }, 'MissingParameter'],
    ['a missing Callee', { Callee: undefined }, 'MissingParameter'],
    ['a UserId that is not a string', { UserId: 42 }, 'InvalidParameter'],
    ['another SdkAppId', { SdkAppId: 1400000001 }, 'InvalidParameterValue.InstanceNotExist'],
    ['an unknown agent', { UserId: 'nobody@example.com' }, 'InvalidParameterValue.AccountNotExist'],
    ['an agent without a bound mobile', { UserId: NO_PHONE.mail }, 'FailedOperation.CallOutFailed'],
    ["the agent's own mobile as Callee", { Callee: AGENT.phone }, 'FailedOperation.SeatStatusBusy'],
    ['IsForceUseMobile false', { IsForceUseMobile: false }, 'InvalidParameterValue'],
    ['IsForceUseMobile "false"', { IsForceUseMobile: 'false' }, 'InvalidParameterValue'],
    ['no IsForceUseMobile', { IsForceUseMobile: undefined }, 'InvalidParameterValue'],
    ['a Callee without 0086', { Callee: '13912345678' }, 'InvalidParameterValue'],
    ['a Callee in +86 form', { Callee: '+8613912345678' }, 'InvalidParameterValue'],
    ['a Caller without 0086', { Callers: ['075520000000'] }, 'InvalidParameterValue'],
    ['a UUI of 1025 bytes', { UUI: `${'é'.repeat(512)}x` }, 'InvalidParameterValue'],
  ])('refuses %s with %s and places nothing', async (_name, over, code) => {
    expect(await errorOf('CreateCallOutSession', callOut(over))).toBe(code);
    expect(ccc.callOuts()).toEqual([]);
    expect(placed).toEqual([]);
  });

  test('accepts a UUI of exactly 1024 bytes', async () => {
    expect(await errorOf('CreateCallOutSession', callOut({ UUI: 'é'.repeat(512) }))).toBeUndefined();
  });

  test('a dataset without agents knows no account', async () => {
    current = makeDataset(1, NOW - 3600);
    expect(await errorOf('CreateCallOutSession', callOut())).toBe('InvalidParameterValue.AccountNotExist');
  });
});
