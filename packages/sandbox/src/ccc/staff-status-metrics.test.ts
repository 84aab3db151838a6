import { type StaffStatusMetrics, safeParseDescribeStaffStatusMetricsResponse } from '@ccc-kit/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_AGENTS } from '../dataset/catalog.ts';
import { generateDataset } from '../dataset/generate.ts';
import type { Dataset } from '../dataset/types.ts';
import type { CccEmulator } from './emulator.ts';
import { makeLiveCall, TEST_SDK_APP_ID } from './test-utils/calls.ts';
import { type SignedCall, startTestEmulator } from './test-utils/test-emulator.ts';

const DAY_START = Date.UTC(2025, 5, 2) / 1000;
const NOW = DAY_START + 10 * 3600;
const [LI, ZHANG, CHEN] = DEFAULT_AGENTS.map((agent) => agent.mail) as [string, string, string];

/** Li Wei talks at NOW (inbound), Zhang Min hung up 5 s ago; the others only have yesterday's call. */
const handBuilt: Dataset = {
  seed: 9,
  sdkAppId: TEST_SDK_APP_ID,
  chats: [],
  agents: DEFAULT_AGENTS,
  skillGroups: [
    { id: 2501, name: 'Sales' },
    { id: 2502, name: 'Support' },
    { id: 2503, name: 'Billing' },
  ],
  calls: [
    makeLiveCall({
      sessionId: 'talking',
      start: NOW - 300,
      queued: NOW - 290,
      groupId: 2501,
      end: NOW + 60,
      legs: [{ mail: LI, groupId: 2501, ring: NOW - 280, accept: NOW - 275, end: NOW + 60 }],
    }),
    makeLiveCall({
      sessionId: 'just-ended',
      start: NOW - 200,
      end: NOW - 5,
      direction: 1,
      groupId: 2501,
      legs: [{ mail: ZHANG, groupId: 2501, ring: NOW - 200, accept: NOW - 190, end: NOW - 5 }],
    }),
    // Started yesterday: only its part after 00:00 UTC counts as today's busy time.
    makeLiveCall({
      sessionId: 'overnight',
      start: DAY_START - 100,
      queued: DAY_START - 90,
      groupId: 2502,
      end: DAY_START + 50,
      legs: [
        { mail: CHEN, groupId: 2502, ring: DAY_START - 80, accept: DAY_START - 70, end: DAY_START + 50 },
      ],
    }),
  ],
};

let current: Dataset = handBuilt;
let nowMs = NOW * 1000;
let ccc: CccEmulator;
let call: SignedCall;
beforeAll(async () => {
  ({ ccc, call } = await startTestEmulator({
    dataset: () => current,
    now: () => nowMs,
  }));
});
afterAll(() => ccc.stop());
beforeEach(() => {
  current = handBuilt;
  nowMs = NOW * 1000;
  ccc.reset();
  ccc.faults.clear();
});

const board = async (over: Record<string, unknown> = {}): Promise<StaffStatusMetrics[]> => {
  const { response } = await call('DescribeStaffStatusMetrics', { SdkAppId: TEST_SDK_APP_ID, ...over });
  const parsed = safeParseDescribeStaffStatusMetricsResponse(response);
  if (!parsed.ok) throw new Error(`not a DescribeStaffStatusMetrics answer: ${JSON.stringify(response)}`);
  return parsed.value.Metrics;
};
const byMail = async (mail: string) => (await board()).find((agent) => agent.Email === mail);

describe('DescribeStaffStatusMetrics', () => {
  test('an agent on a call at now is busy since the leg began, with its direction', async () => {
    expect(await byMail(LI)).toMatchObject({
      Status: 'busy',
      StatusExtra: { Type: 'tel', Direct: 'in' },
      LastStatusTimestamp: NOW - 280,
      ClientInfo: [{ ClientType: 'Web', IsConnected: true }],
    });
  });

  test('an agent who just hung up is in after-call work since the call ended', async () => {
    expect(await byMail(ZHANG)).toMatchObject({
      Status: 'afterCallWork',
      StatusExtra: { Type: 'tel', Direct: 'out' },
      LastStatusTimestamp: NOW - 5,
    });
  });

  test("today's durations: the calls' time exactly, the rest of the elapsed day in the other statuses", async () => {
    for (const agent of await board()) {
      const online =
        (agent.FreeDuration ?? 0) +
        (agent.BusyDuration ?? 0) +
        (agent.RestDuration ?? 0) +
        (agent.NotReadyDuration ?? 0) +
        (agent.AfterCallWorkDuration ?? 0);
      expect(agent.OnlineDuration).toBe(online);
      expect(online).toBeLessThanOrEqual(NOW - DAY_START);
    }
    expect((await byMail(LI))?.BusyDuration).toBe(280);
    expect((await byMail(ZHANG))?.BusyDuration).toBe(195);
    expect((await byMail(CHEN))?.BusyDuration).toBe(50);
    const wrapUp = (await byMail(CHEN))?.AfterCallWorkDuration ?? 0;
    expect(wrapUp).toBeGreaterThanOrEqual(20);
    expect(wrapUp).toBeLessThanOrEqual(90);
  });

  test('the same now gives the same board; agents without calls are free, rest, notReady or offline', async () => {
    const first = await board();
    expect(await board()).toEqual(first);
    for (const agent of first.slice(2))
      expect(['free', 'rest', 'notReady', 'offline']).toContain(agent.Status);
    const resting = first.filter((agent) => agent.Status === 'rest');
    for (const agent of resting) expect(agent.Reason).toEqual(expect.any(String));
    for (const agent of first.filter((a) => a.Status === 'offline')) expect(agent.ClientInfo).toEqual([]);
  });

  test('over a generated day every status shows, busy exactly when a leg covers now', async () => {
    const start = DAY_START - 86_400;
    current = generateDataset({ seed: 2, start, calls: 120, chats: 0, sdkAppId: TEST_SDK_APP_ID });
    const seen = new Set<string>();
    const legs = current.calls.flatMap((c) => c.telCdr.ServeParticipants.filter((leg) => leg.Mail));
    for (let now = start + 600; now < DAY_START; now += 1800 + 37) {
      nowMs = now * 1000;
      for (const agent of await board()) {
        seen.add(agent.Status ?? '');
        const onCall = legs.some(
          (leg) =>
            leg.Mail === agent.Email && (leg.StartTimestamp ?? 0) <= now && now < (leg.EndedTimestamp ?? 0),
        );
        expect(agent.Status === 'busy').toBe(onCall);
      }
    }
    for (const leg of legs.filter((l) => (l.AcceptTimestamp ?? 0) > 0).slice(0, 20)) {
      nowMs = ((leg.EndedTimestamp ?? 0) + 1) * 1000;
      for (const agent of await board({ StatusList: ['afterCallWork', 'busy'] }))
        seen.add(agent.Status ?? '');
    }
    expect([...seen].sort()).toEqual(['afterCallWork', 'busy', 'free', 'notReady', 'offline', 'rest']);
  });

  test('an agent who places a call with CreateCallOutSession is busy on it at once', async () => {
    const dataset = generateDataset({
      seed: 3,
      start: NOW - 86_400,
      calls: 5,
      chats: 0,
      sdkAppId: TEST_SDK_APP_ID,
    });
    current = dataset;
    const placed = await call('CreateCallOutSession', {
      SdkAppId: TEST_SDK_APP_ID,
      UserId: LI,
      Callee: '008613012345678',
      IsForceUseMobile: true,
    });
    expect(placed.response.Error).toBeUndefined();
    expect((await board({ StaffList: [LI] }))[0]).toMatchObject({
      Status: 'busy',
      StatusExtra: { Direct: 'out' },
      LastStatusTimestamp: NOW,
    });
  });

  test('filters by StaffList (any case), GroupIdList and StatusList; empty lists filter nothing', async () => {
    const mails = async (over: Record<string, unknown>) => (await board(over)).map((agent) => agent.Email);
    expect(await mails({ StaffList: [LI.toUpperCase(), 'nobody@example.com'] })).toEqual([LI]);
    expect(await mails({ GroupIdList: [2503] })).toEqual([
      'wang.fang@example.com',
      'emma.wong@example.com',
      'lucas.tan@example.com',
    ]);
    expect(await mails({ StatusList: ['busy', 'afterCallWork'] })).toEqual([LI, ZHANG]);
    expect(await mails({ GroupIdList: [2501], StatusList: ['busy'] })).toEqual([LI]);
    expect(await mails({ StaffList: [], GroupIdList: [], StatusList: [] })).toHaveLength(6);
  });

  test.each([
    ['a missing SdkAppId', { SdkAppId: undefined }, 'MissingParameter'],
    ['another SdkAppId', { SdkAppId: 1400000001 }, 'InvalidParameterValue.InstanceNotExist'],
    ['an unknown status', { StatusList: ['Free'] }, 'InvalidParameterValue'],
    ['an empty account', { StaffList: [''] }, 'InvalidParameterValue'],
    ['a StaffList that is not a list', { StaffList: LI }, 'InvalidParameter'],
    ['a GroupIdList of strings', { GroupIdList: ['2501'] }, 'InvalidParameter'],
  ])('answers %s with %s', async (_name, over, code) => {
    const { response } = await call('DescribeStaffStatusMetrics', { SdkAppId: TEST_SDK_APP_ID, ...over });
    expect(response.Error?.Code).toBe(code);
  });

  test('faults apply as to every action', async () => {
    ccc.faults.inject('DescribeStaffStatusMetrics', { kind: 'status', status: 502 });
    const failed = await fetch(`${ccc.url}/`, {
      method: 'POST',
      headers: { 'X-TC-Action': 'DescribeStaffStatusMetrics' },
    });
    expect(failed.status).toBe(502);
    expect(await board()).toHaveLength(6);
    expect(ccc.counters().byAction).toMatchObject({ DescribeStaffStatusMetrics: 2 });
  });
});
