import { describe, expect, test } from 'vitest';
import {
  DescribeStaffStatusMetricsRequest,
  parseDescribeStaffStatusMetricsResponse,
  safeParseDescribeStaffStatusMetricsResponseTolerant,
  safeParseWith,
  staffStatusLabel,
} from '../index.ts';

/** The CLI example of DescribeStaffStatusMetrics (apis-wave-2 §3), `Response` only. */
const sample = {
  Metrics: [
    {
      Email: 'aaa@abc.com',
      Status: 'free',
      StatusExtra: { Type: 'tel', Direct: 'callin' },
      OnlineDuration: 0,
      FreeDuration: 0,
      BusyDuration: 0,
      NotReadyDuration: 0,
      RestDuration: 0,
      AfterCallWorkDuration: 0,
      Reason: '会议',
      ReserveRest: true,
      ReserveNotReady: true,
      UseMobileAccept: 0,
      UseMobileCallOut: true,
      LastOnlineTimestamp: 0,
      LastStatusTimestamp: 0,
    },
  ],
  RequestId: 'abc',
};

describe('DescribeStaffStatusMetrics', () => {
  test("Tencent's sample parses: its array is `Metrics`, its `Direct` is `callin`", () => {
    const board = parseDescribeStaffStatusMetricsResponse(sample);
    expect(board.Metrics[0]).toEqual({ ...sample.Metrics[0], ClientInfo: [] });
    const request = { SdkAppId: 0, StaffList: ['aaa@abc.com'], GroupIdList: [0], StatusList: ['free'] };
    expect(safeParseWith(DescribeStaffStatusMetricsRequest, request)).toEqual({ ok: true, value: request });
  });

  test('a status Tencent adds later parses and keeps its name; null timestamps read as absent', () => {
    const board = parseDescribeStaffStatusMetricsResponse({
      RequestId: 'r',
      Metrics: [
        {
          Email: 'a@example.com',
          Status: 'inMeeting',
          LastOnlineTimestamp: null,
          ClientInfo: [{ ClientType: 'WeChatMiniProgram', IsConnected: false }],
        },
      ],
    });
    expect(board.Metrics[0]?.Status).toBe('inMeeting');
    expect(staffStatusLabel(board.Metrics[0]?.Status)).toBe('inMeeting');
    expect(staffStatusLabel('afterCallWork')).toBe('After-call work');
    expect(board.Metrics[0]?.ClientInfo).toEqual([{ ClientType: 'WeChatMiniProgram', IsConnected: false }]);
    expect(parseDescribeStaffStatusMetricsResponse({ RequestId: 'r', Metrics: null }).Metrics).toEqual([]);
  });

  test('one odd agent drops its odd field with a warning, never the board', () => {
    const odd = { Email: 'b@example.com', Status: 'busy', BusyDuration: '60' };
    const result = safeParseDescribeStaffStatusMetricsResponseTolerant({
      ...sample,
      Metrics: [sample.Metrics[0], odd],
    });
    if (!result.ok) throw new Error('expected the board to parse');
    expect(result.value.Metrics.map((agent) => [agent.Email, agent.BusyDuration])).toEqual([
      ['aaa@abc.com', 0],
      ['b@example.com', undefined],
    ]);
    expect(result.warnings).toEqual([expect.stringMatching(/^Metrics\.1\.BusyDuration: expected number/)]);
  });
});
