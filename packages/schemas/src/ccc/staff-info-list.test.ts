import { describe, expect, test } from 'vitest';
import {
  DescribeStaffInfoListRequest,
  parseDescribeStaffInfoListResponse,
  safeParseDescribeStaffInfoListResponseTolerant,
  safeParseWith,
} from '../index.ts';

/** The CLI example of DescribeStaffInfoList (apis-wave-2 §4), `Response` only. */
const sample = {
  RequestId: '5ac74e13-0000-0000-0000-000000000000',
  TotalCount: 602,
  StaffList: [
    {
      Name: 'xiao',
      Mail: '1000273@qq.com',
      Phone: '008617636049517',
      Nick: '测试3',
      StaffNumber: '125',
      RoleId: 1,
      SkillGroupList: [
        { SkillGroupId: 53, SkillGroupName: 'ALL-dingoding-测试', Priority: 3, Type: 'ALL' },
        { SkillGroupId: 82, SkillGroupName: 'uu', Priority: 1, Type: 'IM' },
      ],
      LastModifyTimestamp: 1613988825,
    },
  ],
};

describe('DescribeStaffInfoList', () => {
  test("Tencent's sample parses, absent lists as []", () => {
    const page = parseDescribeStaffInfoListResponse(sample);
    expect(page.StaffList[0]).toEqual({ ...sample.StaffList[0], RoleIdList: [], RoleList: [] });
    expect(
      safeParseWith(DescribeStaffInfoListRequest, {
        ModifiedTime: 1590147606,
        PageSize: 10,
        PageNumber: 0,
        StaffMail: '121223@qq.com',
        SdkAppId: 1400000000,
      }).ok,
    ).toBe(true);
  });

  test('RoleIdList reads as a list whether Tencent sends a number (SDK type) or a list (its example)', () => {
    const row = (RoleIdList: unknown) =>
      parseDescribeStaffInfoListResponse({ ...sample, StaffList: [{ RoleIdList, RoleList: [3] }] })
        .StaffList[0];
    expect(row(1)?.RoleIdList).toEqual([1]);
    expect(row([1, 2])?.RoleIdList).toEqual([1, 2]);
    expect(row(null)?.RoleIdList).toEqual([]);
    expect(row(1)?.RoleList).toEqual([3]);
  });

  test('one odd agent drops its odd field with a warning; a wrong TotalCount fails the page', () => {
    const odd = { ...sample.StaffList[0], Mail: 'odd@example.com', Priority: 'x', Phone: 7 };
    const result = safeParseDescribeStaffInfoListResponseTolerant({
      ...sample,
      StaffList: [sample.StaffList[0], odd],
    });
    if (!result.ok) throw new Error('expected the page to parse');
    expect(result.value.StaffList.map((staff) => [staff.Mail, staff.Phone])).toEqual([
      ['1000273@qq.com', '008617636049517'],
      ['odd@example.com', undefined],
    ]);
    expect(result.warnings).toEqual([expect.stringMatching(/^StaffList\.1\.Phone: expected string/)]);
    expect(safeParseDescribeStaffInfoListResponseTolerant({ ...sample, TotalCount: '602' }).ok).toBe(false);
  });
});
