import { safeParseDescribeCallInMetricsResponse } from '@ccc-kit/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateDataset } from '../dataset/generate.ts';
import type { Dataset } from '../dataset/types.ts';
import type { CccEmulator } from './emulator.ts';
import { makeLiveCall, TEST_SDK_APP_ID } from './test-utils/calls.ts';
import { type SignedCall, startTestEmulator } from './test-utils/test-emulator.ts';

const NOW = Date.UTC(2025, 5, 2, 10, 0, 0) / 1000;
const SALES = 2501;
const SUPPORT = 2502;
const OTHER_LINE = '008640099999';
const agent = (mail: string, skillGroups: string[]) => ({ mail, name: mail, staffNumber: '1', skillGroups });
const live = (sessionId: string, over: Omit<Parameters<typeof makeLiveCall>[0], 'sessionId'>) =>
  makeLiveCall({ sessionId, ...over });

/** One inbound call in each phase at NOW, and calls that must not count. */
const handBuilt: Dataset = {
  seed: 1,
  sdkAppId: TEST_SDK_APP_ID,
  chats: [],
  agents: [agent('a@example.com', ['Sales']), agent('b@example.com', ['Support'])],
  skillGroups: [
    { id: SALES, name: 'Sales' },
    { id: SUPPORT, name: 'Support' },
  ],
  calls: [
    live('ivr', { start: NOW - 10, end: NOW + 100 }),
    live('queued-60', { start: NOW - 100, queued: NOW - 60, groupId: SALES, end: NOW + 200 }),
    live('queued-20', { start: NOW - 50, queued: NOW - 20, groupId: SALES, end: NOW + 5 }),
    live('ringing', {
      start: NOW - 40,
      queued: NOW - 30,
      groupId: SUPPORT,
      end: NOW + 10,
      legs: [{ mail: 'b@example.com', groupId: SUPPORT, ring: NOW - 8, end: NOW + 10 }],
    }),
    live('talking', {
      start: NOW - 200,
      queued: NOW - 150,
      groupId: SUPPORT,
      end: NOW + 60,
      callee: OTHER_LINE,
      legs: [{ mail: 'b@example.com', groupId: SUPPORT, ring: NOW - 130, accept: NOW - 120, end: NOW + 60 }],
    }),
    // Transferred from Sales to Support: counted where it is now, connected since the second answer.
    live('transferred', {
      start: NOW - 400,
      queued: NOW - 350,
      groupId: SALES,
      end: NOW + 50,
      legs: [
        { mail: 'a@example.com', groupId: SALES, ring: NOW - 300, accept: NOW - 290, end: NOW - 100 },
        { mail: 'b@example.com', groupId: SUPPORT, ring: NOW - 100, accept: NOW - 95, end: NOW + 50 },
      ],
    }),
    // The agent hung up, the caller answers the satisfaction survey: back in the IVR, in no group.
    live('survey', {
      start: NOW - 300,
      queued: NOW - 280,
      groupId: SALES,
      end: NOW + 20,
      legs: [{ mail: 'a@example.com', groupId: SALES, ring: NOW - 200, accept: NOW - 190, end: NOW - 15 }],
    }),
    live('ended', { start: NOW - 100, queued: NOW - 90, groupId: SALES, end: NOW }),
    live('not-yet', { start: NOW + 1, end: NOW + 100 }),
    live('outbound', {
      start: NOW - 30,
      end: NOW + 30,
      direction: 1,
      groupId: SALES,
      legs: [{ mail: 'a@example.com', groupId: SALES, ring: NOW - 30, accept: NOW - 20, end: NOW + 30 }],
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
  ccc.faults.clear();
});

const metrics = async (over: Record<string, unknown> = {}) => {
  const { response } = await call('DescribeCallInMetrics', { SdkAppId: TEST_SDK_APP_ID, ...over });
  const parsed = safeParseDescribeCallInMetricsResponse(response);
  if (!parsed.ok) throw new Error(`not a DescribeCallInMetrics answer: ${JSON.stringify(response)}`);
  return parsed.value;
};
const zero = {
  IvrCount: 0,
  QueueCount: 0,
  RingCount: 0,
  AcceptCount: 0,
  TransferOuterCount: 0,
  MaxQueueDuration: 0,
  AvgQueueDuration: 0,
  MaxRingDuration: 0,
  AvgRingDuration: 0,
  MaxAcceptDuration: 0,
  AvgAcceptDuration: 0,
};

describe('DescribeCallInMetrics', () => {
  test('counts the inbound calls in progress at now by phase, in total and per skill group', async () => {
    const answer = await metrics();
    expect(answer).toMatchObject({ Timestamp: NOW, NumberMetrics: [] });
    expect(answer.TotalMetrics).toEqual({
      ...zero,
      IvrCount: 2,
      QueueCount: 2,
      MaxQueueDuration: 60,
      AvgQueueDuration: 40,
      RingCount: 1,
      MaxRingDuration: 8,
      AvgRingDuration: 8,
      AcceptCount: 2,
      MaxAcceptDuration: 120,
      AvgAcceptDuration: 108,
    });
    expect(answer.SkillGroupMetrics).toEqual([
      {
        SkillGroupId: SALES,
        Name: 'Sales',
        Metrics: { ...zero, QueueCount: 2, MaxQueueDuration: 60, AvgQueueDuration: 40 },
      },
      {
        SkillGroupId: SUPPORT,
        Name: 'Support',
        Metrics: {
          ...zero,
          RingCount: 1,
          MaxRingDuration: 8,
          AvgRingDuration: 8,
          AcceptCount: 2,
          MaxAcceptDuration: 120,
          AvgAcceptDuration: 108,
        },
      },
    ]);
  });

  test('EnabledNumber adds one entry per line; EnabledSkillGroup false answers no groups (null)', async () => {
    const answer = await metrics({ EnabledNumber: true, EnabledSkillGroup: false });
    expect(answer.SkillGroupMetrics).toEqual([]);
    expect(answer.NumberMetrics.map((line) => [line.Number, line.Metrics?.AcceptCount])).toEqual([
      ['008640012345', 1],
      [OTHER_LINE, 1],
    ]);
    expect(answer.NumberMetrics[1]?.SkillGroupMetrics.map((g) => g.Metrics?.AcceptCount)).toEqual([0, 1]);
    const { response } = await call('DescribeCallInMetrics', { SdkAppId: TEST_SDK_APP_ID });
    expect([response.NumberMetrics, Array.isArray(response.SkillGroupMetrics)]).toEqual([null, true]);
  });

  test('GroupIdList lists only those groups (unknown ids none); the total stays the whole application', async () => {
    const answer = await metrics({ GroupIdList: [SUPPORT, 9999] });
    expect(answer.SkillGroupMetrics.map((group) => group.SkillGroupId)).toEqual([SUPPORT]);
    expect(answer.TotalMetrics?.QueueCount).toBe(2);
    expect((await metrics({ GroupIdList: [] })).SkillGroupMetrics).toHaveLength(2);
  });

  test('an external line an agent transferred to counts as TransferOuterCount', async () => {
    current = {
      ...handBuilt,
      calls: [
        live('outer', {
          start: NOW - 100,
          queued: NOW - 90,
          groupId: SALES,
          end: NOW + 100,
          legs: [
            { mail: 'a@example.com', groupId: SALES, ring: NOW - 80, accept: NOW - 70, end: NOW - 30 },
            {
              mail: '',
              type: 'outboundSeat',
              groupId: SALES,
              ring: NOW - 30,
              accept: NOW - 25,
              end: NOW + 100,
            },
          ],
        }),
      ],
    };
    expect((await metrics()).TotalMetrics).toEqual({ ...zero, TransferOuterCount: 1 });
  });

  test('follows the generated day: every inbound call in progress at now is counted once, in one phase', async () => {
    const start = Date.UTC(2025, 5, 1) / 1000;
    current = generateDataset({ seed: 4, start, calls: 600, chats: 0, sdkAppId: TEST_SDK_APP_ID });
    let seen = 0;
    for (let now = start + 3600; now < start + 86_400; now += 7 * 3600 + 123) {
      nowMs = now * 1000;
      const inProgress = current.calls.filter(
        ({ telCdr }) =>
          telCdr.Direction === 0 && (telCdr.Time ?? 0) <= now && now < (telCdr.EndedTimestamp ?? 0),
      ).length;
      const { TotalMetrics: total, SkillGroupMetrics: groups } = await metrics();
      const counted = (m: typeof total) =>
        (m?.IvrCount ?? 0) + (m?.QueueCount ?? 0) + (m?.RingCount ?? 0) + (m?.AcceptCount ?? 0);
      expect(counted(total)).toBe(inProgress);
      seen += inProgress;
      const routed = groups.reduce((sum, group) => sum + counted(group.Metrics), 0);
      expect(routed).toBe(counted(total) - (total?.IvrCount ?? 0));
    }
    expect(seen).toBeGreaterThan(0);
  });

  test("a dataset's liveCalls are the live queue at liveAt, and no DescribeTelCdr row (they have not ended)", async () => {
    const start = Date.UTC(2025, 5, 1) / 1000;
    const liveAt = start + 86_400 + 3_600;
    current = generateDataset({
      seed: 5,
      start,
      calls: 50,
      chats: 0,
      liveCalls: 20,
      liveAt,
      sdkAppId: TEST_SDK_APP_ID,
    });
    const liveCalls = current.liveCalls ?? [];
    expect(liveCalls).toHaveLength(20);
    for (const { telCdr } of liveCalls) {
      expect(telCdr.Direction).toBe(0);
      expect(telCdr.Time).toBeGreaterThanOrEqual(liveAt - 600);
      expect(telCdr.Time).toBeLessThan(liveAt);
    }
    nowMs = liveAt * 1000;
    const inProgress = liveCalls.filter(({ telCdr }) => liveAt < (telCdr.EndedTimestamp ?? 0)).length;
    expect(inProgress).toBeGreaterThan(0);
    const total = (await metrics()).TotalMetrics;
    const counted = (total?.IvrCount ?? 0) + (total?.QueueCount ?? 0) + (total?.RingCount ?? 0);
    expect(counted + (total?.AcceptCount ?? 0)).toBe(inProgress);
    const { response } = await call('DescribeTelCdr', {
      SdkAppId: TEST_SDK_APP_ID,
      StartTimeStamp: liveAt - 3_600,
      EndTimeStamp: liveAt,
      PageSize: 100,
    });
    const listed = new Set(
      ((response as { TelCdrList?: { SessionId: string }[] }).TelCdrList ?? []).map((r) => r.SessionId),
    );
    for (const live of liveCalls) expect(listed.has(live.sessionId)).toBe(false);
  });

  test.each([
    ['a missing SdkAppId', { SdkAppId: undefined }, 'MissingParameter'],
    ['another SdkAppId', { SdkAppId: 1400000001 }, 'InvalidParameterValue.InstanceNotExist'],
    ['a GroupIdList of strings', { GroupIdList: ['2501'] }, 'InvalidParameter'],
    ['a fractional group id', { GroupIdList: [2501.5] }, 'InvalidParameter'],
    ['an EnabledNumber that is not a boolean', { EnabledNumber: 'yes' }, 'InvalidParameter'],
  ])('answers %s with %s', async (_name, over, code) => {
    const { response } = await call('DescribeCallInMetrics', { SdkAppId: TEST_SDK_APP_ID, ...over });
    expect(response.Error?.Code).toBe(code);
  });

  test('faults apply as to every action', async () => {
    ccc.faults.inject('DescribeCallInMetrics', { kind: 'api-error', code: 'InternalError' });
    expect((await call('DescribeCallInMetrics', { SdkAppId: TEST_SDK_APP_ID })).response.Error?.Code).toBe(
      'InternalError',
    );
    expect((await metrics()).TotalMetrics?.IvrCount).toBe(2);
  });
});
