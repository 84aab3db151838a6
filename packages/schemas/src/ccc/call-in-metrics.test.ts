import { describe, expect, test } from 'vitest';
import {
  DescribeCallInMetricsRequest,
  parseDescribeCallInMetricsResponse,
  safeParseDescribeCallInMetricsResponseTolerant,
  safeParseWith,
} from '../index.ts';

const counters = {
  IvrCount: 1,
  QueueCount: 2,
  RingCount: 1,
  AcceptCount: 3,
  TransferOuterCount: 0,
  MaxQueueDuration: 40,
  AvgQueueDuration: 25,
  MaxRingDuration: 8,
  AvgRingDuration: 8,
  MaxAcceptDuration: 300,
  AvgAcceptDuration: 120,
};
/** The shape of the CLI example of DescribeCallInMetrics (apis-wave-2 §2), `Response` only. */
const sample = {
  Timestamp: 1,
  TotalMetrics: counters,
  NumberMetrics: [
    {
      Number: '0218888888',
      Metrics: counters,
      SkillGroupMetrics: [{ SkillGroupId: 0, Metrics: counters, Name: '客服一组' }],
    },
  ],
  // Tencent's sample answers the top-level groups without `Metrics`, although the SDK marks it required.
  SkillGroupMetrics: [{ SkillGroupId: 0, Name: 'abc' }],
  RequestId: 'abc',
};

describe('DescribeCallInMetrics', () => {
  test("Tencent's sample parses, a group without Metrics included", () => {
    expect(parseDescribeCallInMetricsResponse(sample)).toEqual(sample);
    const request = { EnabledNumber: true, EnabledSkillGroup: true, SdkAppId: 0 };
    expect(safeParseWith(DescribeCallInMetricsRequest, request)).toEqual({ ok: true, value: request });
  });

  test('null or absent dimensions read as []; counters may be missing or null', () => {
    const live = parseDescribeCallInMetricsResponse({
      RequestId: 'r',
      NumberMetrics: null,
      TotalMetrics: { QueueCount: 4, RingCount: null },
    });
    expect(live).toEqual({
      RequestId: 'r',
      NumberMetrics: [],
      SkillGroupMetrics: [],
      TotalMetrics: { QueueCount: 4, RingCount: null },
    });
  });

  test('a wrong counter is dropped with a warning; a missing RequestId refuses the answer', () => {
    const odd = {
      ...sample,
      SkillGroupMetrics: [{ SkillGroupId: 7, Name: 'Sales', Metrics: { ...counters, QueueCount: '2' } }],
    };
    const result = safeParseDescribeCallInMetricsResponseTolerant(odd);
    if (!result.ok) throw new Error('expected the answer to parse');
    expect(result.value.SkillGroupMetrics[0]?.Metrics).toEqual({ ...counters, QueueCount: undefined });
    expect(result.value.SkillGroupMetrics[0]?.Metrics?.QueueCount).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.stringMatching(/^SkillGroupMetrics\.0\.Metrics\.QueueCount: expected number/),
    ]);
    expect(safeParseDescribeCallInMetricsResponseTolerant({ ...sample, RequestId: undefined }).ok).toBe(
      false,
    );
  });

  test('GroupIdList must be a list of numbers', () => {
    expect(safeParseWith(DescribeCallInMetricsRequest, { SdkAppId: 1, GroupIdList: ['1'] }).ok).toBe(false);
  });
});
