import { listen, sendJson } from '@ccc-kit/sandbox';
import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { APP, captureLogs, clientAt, clientFor, DAY, startCcc } from './test-utils/ccc-sandbox.ts';
import type { DescribeStaffInfoListArgs } from './types.ts';

const now = Math.floor(Date.now() / 1000);
const dataset = generateDataset({ seed: 5, calls: 3, chats: 0, start: now - 2 * DAY, sdkAppId: APP });
let ccc: CccEmulator;
beforeAll(async () => {
  ccc = await startCcc(dataset, { ratePerAction: 1000 });
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
});

describe('describeStaffInfoList', () => {
  test('the first 100 agents by default, with roles and skill groups', async () => {
    const page = await clientFor(ccc).describeStaffInfoList();
    expect(page.TotalCount).toBe(6);
    expect(page.StaffList.map((staff) => staff.Mail)).toEqual(dataset.agents.map((agent) => agent.mail));
    expect(page.StaffList[0]).toMatchObject({
      Name: 'Li Wei',
      Phone: dataset.agents[0]?.phone,
      RoleList: [3],
      RoleIdList: [3],
      SkillGroupList: [{ SkillGroupId: 2501, SkillGroupName: 'Sales', Type: 'ALL' }],
    });
  });

  test('filters by staffMail and skillGroupId, pages by pageNumber', async () => {
    const client = clientFor(ccc);
    const one = await client.describeStaffInfoList({ staffMail: 'chen.jing@example.com' });
    expect(one.StaffList.map((staff) => staff.Name)).toEqual(['Chen Jing']);
    const billing = await client.describeStaffInfoList({ skillGroupId: 2503, pageSize: 2, pageNumber: 1 });
    expect([billing.TotalCount, billing.StaffList.map((staff) => staff.Mail)]).toEqual([
      3,
      ['lucas.tan@example.com'],
    ]);
    const later = await client.describeStaffInfoList({ modifiedTime: now });
    expect(later).toMatchObject({ TotalCount: 0, StaffList: [] });
  });

  test.each<[string, DescribeStaffInfoListArgs]>([
    ['pageSize 0', { pageSize: 0 }],
    ['pageSize 10000', { pageSize: 10_000 }],
    ['a fractional pageSize', { pageSize: 1.5 }],
    ['a negative pageNumber', { pageNumber: -1 }],
    ['an empty staffMail', { staffMail: '' }],
    ['a negative skillGroupId', { skillGroupId: -1 }],
    ['a modifiedTime in milliseconds', { modifiedTime: Date.now() }],
  ])('refuses %s before any request', async (_name, args) => {
    await expect(clientFor(ccc).describeStaffInfoList(args)).rejects.toMatchObject({
      code: 'ccc_client_invalid_argument',
      action: 'DescribeStaffInfoList',
    });
    expect(ccc.requests()).toEqual([]);
  });

  test('pageSize up to 9999 is sent', async () => {
    await expect(clientFor(ccc).describeStaffInfoList({ pageSize: 9999 })).resolves.toMatchObject({
      TotalCount: 6,
    });
  });

  test('one odd agent drops its odd field with one warning instead of failing the page', async () => {
    const body = {
      Response: {
        TotalCount: 2,
        StaffList: [{ Mail: 'a@example.com' }, { Mail: 'b@example.com', Phone: 8613912345678 }],
        RequestId: 'req-odd',
      },
    };
    const server = await listen((_req, res) => sendJson(res, 200, body));
    const logs = captureLogs();
    try {
      const client = clientAt(server.url, { logger: logs });
      const page = await client.describeStaffInfoList();
      expect(page.StaffList.map((staff) => [staff.Mail, staff.Phone])).toEqual([
        ['a@example.com', undefined],
        ['b@example.com', undefined],
      ]);
      expect(logs.lines.filter((line) => line.level === 'warn')).toMatchObject([
        { message: 'ccc response fields dropped', fields: { action: 'DescribeStaffInfoList', dropped: 1 } },
      ]);
    } finally {
      await server.close();
    }
  });
});
