import { IM_END_STATUS_BY_CODE } from '@ccc-kit/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../dataset/generate.ts';
import { datasetToPushes } from '../dataset/pushes.ts';
import type { CccEmulator } from './emulator.ts';
import { TEST_SDK_APP_ID } from './test-utils/calls.ts';
import { type SignedCall, startTestEmulator } from './test-utils/test-emulator.ts';

const NOW = Date.UTC(2025, 5, 1, 0, 0, 0) / 1000;
const DAY = 86_400;
// 45 ended chats and 4 live ones over the day before yesterday.
const dataset = generateDataset({
  seed: 5,
  calls: 0,
  chats: 45,
  start: NOW - 2 * DAY,
  end: NOW - DAY,
  sdkAppId: TEST_SDK_APP_ID,
});
const ended = dataset.chats.filter((chat) => !chat.state.CurrentState);
let ccc: CccEmulator;
let call: SignedCall;
beforeAll(async () => {
  ({ ccc, call } = await startTestEmulator({
    dataset,
    now: () => NOW * 1000,
  }));
});
afterAll(() => ccc.stop());

type Row = Record<string, unknown> & { SessionId: string; Timestamp: number };
const list = (over: Record<string, unknown> = {}) =>
  call('DescribeIMCdrList', {
    SdkAppId: TEST_SDK_APP_ID,
    StartTimestamp: NOW - 3 * DAY,
    EndTimestamp: NOW,
    ...over,
  });
const rowsOf = (response: Record<string, unknown>): Row[] => response.IMCdrList as Row[];

describe('DescribeIMCdrList', () => {
  test('pages through the ended chats (the ones pushed) in time order, 20 by default', async () => {
    const first = (await list()).response;
    expect(first.TotalCount).toBe(ended.length);
    expect(rowsOf(first)).toHaveLength(20);
    const pages = [first];
    for (let offset = 20; offset < ended.length + 20; offset += 20)
      pages.push((await list({ Offset: offset })).response);
    const rows = pages.flatMap(rowsOf);
    const pushed = datasetToPushes(dataset).filter((push) => push.action === 'imcdr');
    expect(new Set(rows.map((row) => row.SessionId))).toEqual(new Set(pushed.map((push) => push.sessionId)));
    expect(rows).toHaveLength(ended.length);
    const times = rows.map((row) => row.Timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await list({ Limit: 100 })).response.IMCdrList).toEqual(rows);
  });

  test('each record tells the story of its push: agent, group, customer, duration, end status', async () => {
    const rows = rowsOf((await list({ Limit: 100 })).response);
    for (const chat of ended) {
      const row = rows.find((r) => r.SessionId === chat.sessionId);
      const { push } = chat;
      expect(row).toMatchObject({
        Timestamp: push.StartTimestamp,
        Duration: push.Duration,
        StaffId: push.SeatUser?.Mail ?? '',
        SkillGroupId: push.QueuedSkillGroupId ? String(push.QueuedSkillGroupId) : '',
        SkillGroupName: push.QueuedSkillGroupName,
        Nickname: push.UserNickName,
        ClientUserId: push.UserId,
        Type: 2,
      });
      const inferred = IM_END_STATUS_BY_CODE[row?.EndStatus as number];
      if (inferred) expect(inferred).toBe(push.EndStatusString);
    }
    expect(new Set(rows.map((row) => row.Id)).size).toBe(rows.length);
  });

  test('filters by window on Timestamp (both ends included) and by Type', async () => {
    const [a, b, c] = [...ended].sort((x, y) => (x.imCdr.Timestamp ?? 0) - (y.imCdr.Timestamp ?? 0));
    const window = { StartTimestamp: a?.imCdr.Timestamp, EndTimestamp: c?.imCdr.Timestamp };
    const ids = rowsOf((await list(window)).response).map((row) => row.SessionId);
    expect(ids.slice(0, 3)).toEqual([a?.sessionId, b?.sessionId, c?.sessionId]);
    expect((await list({ StartTimestamp: NOW - DAY + 1 })).response.TotalCount).toBe(0);
    expect((await list({ Type: 1 })).response.TotalCount).toBe(0);
    expect((await list({ Type: 2 })).response.TotalCount).toBe(ended.length);
  });

  test.each([
    ['a missing StartTimestamp', { StartTimestamp: undefined }, 'MissingParameter'],
    ['a missing SdkAppId', { SdkAppId: undefined }, 'MissingParameter'],
    ['a Limit that is a string', { Limit: '20' }, 'InvalidParameter'],
    ['a fractional EndTimestamp', { EndTimestamp: NOW - 0.5 }, 'InvalidParameter'],
    ['Limit over 100', { Limit: 101 }, 'InvalidParameterValue'],
    ['Limit 0', { Limit: 0 }, 'InvalidParameterValue'],
    ['a negative Offset', { Offset: -1 }, 'InvalidParameterValue'],
    ['an unknown Type', { Type: 3 }, 'InvalidParameterValue'],
    ['a start after the end', { StartTimestamp: NOW, EndTimestamp: NOW - 1 }, 'InvalidParameterValue'],
    ['another SdkAppId', { SdkAppId: 1400000001 }, 'InvalidParameterValue.InstanceNotExist'],
  ])('answers %s with %s', async (_name, over, code) => {
    expect((await list(over)).response.Error?.Code).toBe(code);
  });
});
