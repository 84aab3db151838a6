import { describe, expect, test } from 'vitest';
import {
  DescribeIMCdrListRequest,
  IM_END_STATUS_BY_CODE,
  ImEndStatus,
  parseDescribeIMCdrListResponse,
  safeParseDescribeIMCdrListResponseTolerant,
  safeParseWith,
} from '../index.ts';

/** The CLI example of DescribeIMCdrList (apis-wave-2 §6), `Response` only. */
const sample = {
  IMCdrList: [
    {
      Id: '12933',
      Duration: 100,
      EndStatus: 1,
      Nickname: 'bar',
      Type: 2,
      StaffId: 'foo@tencent.com',
      Timestamp: 1632814604,
      SessionId: '87fa1d7a-4194-4f2a-83dc-d7c293411720',
      SkillGroupId: '1001',
      SkillGroupName: 'bar',
      Satisfaction: { Id: 1, Label: '满意' },
      ClientUserId: '8b997a86199ac962210017263',
    },
  ],
  TotalCount: 1,
  RequestId: '66fa0000-0000-0000-0000-000000000000',
};

describe('DescribeIMCdrList', () => {
  test("Tencent's sample parses as it is", () => {
    expect(parseDescribeIMCdrListResponse(sample)).toEqual(sample);
    expect(
      safeParseWith(DescribeIMCdrListRequest, {
        SdkAppId: 1400000000,
        StartTimestamp: 1603877878,
        EndTimestamp: 1603877879,
      }).ok,
    ).toBe(true);
  });

  test('a numeric SkillGroupId reads as its string', () => {
    const row = { ...sample.IMCdrList[0], SkillGroupId: 1001 };
    const page = parseDescribeIMCdrListResponse({ ...sample, IMCdrList: [row] });
    expect(page.IMCdrList[0]?.SkillGroupId).toBe('1001');
  });

  test('one odd record drops its odd field with a warning; a wrong TotalCount fails the page', () => {
    const odd = { ...sample.IMCdrList[0], SessionId: 'odd', Duration: '100', ClientUserId: 'x'.repeat(65) };
    const result = safeParseDescribeIMCdrListResponseTolerant({
      ...sample,
      IMCdrList: [sample.IMCdrList[0], odd],
      TotalCount: 2,
    });
    if (!result.ok) throw new Error('expected the page to parse');
    expect(result.value.IMCdrList.map((row) => [row.SessionId, row.Duration, row.ClientUserId])).toEqual([
      ['87fa1d7a-4194-4f2a-83dc-d7c293411720', 100, '8b997a86199ac962210017263'],
      ['odd', undefined, undefined],
    ]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^IMCdrList\.1\.Duration: expected number/),
      expect.stringMatching(/^IMCdrList\.1\.ClientUserId: ClientUserId must be at most 64 characters/),
    ]);
    expect(safeParseDescribeIMCdrListResponseTolerant({ ...sample, TotalCount: '1' }).ok).toBe(false);
  });

  test('the inferred end-status mapping names only known push statuses', () => {
    for (const status of Object.values(IM_END_STATUS_BY_CODE))
      expect(Object.keys(ImEndStatus)).toContain(status);
    expect(IM_END_STATUS_BY_CODE[0]).toBeUndefined();
  });
});
