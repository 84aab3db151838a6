import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_AGENTS } from '../dataset/catalog.ts';
import type { Dataset } from '../dataset/types.ts';
import type { CccEmulator } from './emulator.ts';
import { makeDataset, TEST_SDK_APP_ID } from './test-utils/calls.ts';
import {
  agentsDataset,
  NO_PHONE_AGENT as NO_PHONE,
  AGENTS_NOW as NOW,
  type SignedCall,
  AGENTS_START as START,
  startTestEmulator,
} from './test-utils/test-emulator.ts';

const generated = agentsDataset();
let current: Dataset = generated;
let ccc: CccEmulator;
let call: SignedCall;
beforeAll(async () => {
  ({ ccc, call } = await startTestEmulator({
    dataset: () => current,
    now: () => NOW * 1000,
  }));
});
afterAll(() => ccc.stop());
beforeEach(() => {
  current = generated;
});

const errorOf = async (action: string, body: unknown): Promise<string | undefined> =>
  (await call(action, body)).response.Error?.Code;

describe('DescribeStaffInfoList', () => {
  const list = (over: Record<string, unknown> = {}) => ({
    SdkAppId: TEST_SDK_APP_ID,
    PageSize: 100,
    PageNumber: 0,
    ...over,
  });
  const mails = async (over: Record<string, unknown>) => {
    const { response } = await call('DescribeStaffInfoList', list(over));
    return [response.TotalCount, (response.StaffList as { Mail: string }[]).map((staff) => staff.Mail)];
  };

  test("lists the dataset's agents as StaffInfo, with their skill groups' ids", async () => {
    const { response } = await call('DescribeStaffInfoList', list());
    expect(response.TotalCount).toBe(7);
    expect((response.StaffList as unknown[])[1]).toEqual({
      Name: 'Zhang Min',
      Mail: 'zhang.min@example.com',
      Phone: DEFAULT_AGENTS[1]?.phone,
      Nick: '张敏',
      StaffNumber: '1002',
      RoleId: 3,
      RoleIdList: [3],
      RoleList: [3],
      SkillGroupList: [
        { SkillGroupId: 2501, SkillGroupName: 'Sales', Priority: 3, Type: 'ALL' },
        { SkillGroupId: 2502, SkillGroupName: 'Support', Priority: 3, Type: 'ALL' },
      ],
      LastModifyTimestamp: START,
      ExtensionNumber: '8002',
    });
    expect((response.StaffList as unknown[])[6]).toMatchObject({ Mail: NO_PHONE.mail, Phone: '', Nick: '' });
  });

  test('filters by StaffMail (any case), SkillGroupId and ModifiedTime; TotalCount counts the matches', async () => {
    expect(await mails({ StaffMail: 'ZHANG.MIN@example.com' })).toEqual([1, ['zhang.min@example.com']]);
    expect(await mails({ SkillGroupId: 2503 })).toEqual([
      3,
      ['wang.fang@example.com', 'emma.wong@example.com', 'lucas.tan@example.com'],
    ]);
    expect((await mails({ ModifiedTime: START }))[0]).toBe(7);
    expect(await mails({ ModifiedTime: START + 1 })).toEqual([0, []]);
    expect(await mails({ StaffMail: 'nobody@example.com' })).toEqual([0, []]);
  });

  test('pages by PageNumber from 0', async () => {
    expect(await mails({ PageSize: 2, PageNumber: 1 })).toEqual([
      7,
      ['chen.jing@example.com', 'wang.fang@example.com'],
    ]);
    expect(await mails({ PageSize: 2, PageNumber: 4 })).toEqual([7, []]);
  });

  test('a dataset without agents lists none', async () => {
    current = makeDataset(1, NOW - 3600);
    expect(await mails({})).toEqual([0, []]);
  });

  test.each([
    ['a missing PageSize', { PageSize: undefined }, 'MissingParameter'],
    ['a missing PageNumber', { PageNumber: undefined }, 'MissingParameter'],
    ['PageSize 0', { PageSize: 0 }, 'InvalidParameterValue'],
    ['PageSize over 9999', { PageSize: 10_000 }, 'InvalidParameterValue'],
    ['a negative PageNumber', { PageNumber: -1 }, 'InvalidParameterValue'],
    ['a fractional PageSize', { PageSize: 1.5 }, 'InvalidParameter'],
    ['a StaffMail that is not a string', { StaffMail: 42 }, 'InvalidParameter'],
    ['another SdkAppId', { SdkAppId: 1400000001 }, 'InvalidParameterValue.InstanceNotExist'],
  ])('answers %s with %s', async (_name, over, code) => {
    expect(await errorOf('DescribeStaffInfoList', list(over))).toBe(code);
  });
});
