import type { IncomingMessage } from 'node:http';
import { listen, sendJson } from '@ccc-kit/sandbox';
import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { APP, captureLogs, clientAt, clientFor, outcomes, startCcc } from './test-utils/ccc-sandbox.ts';
import type { DescribeCallInMetricsArgs } from './types.ts';

const DAY_START = Date.UTC(2025, 5, 2) / 1000;
/** Mid-morning of a busy generated day: calls are queued, ringing and connected. */
const NOW = DAY_START + 10 * 3600 + 600;
const dataset = generateDataset({ seed: 8, calls: 2000, chats: 0, start: DAY_START, sdkAppId: APP });
let ccc: CccEmulator;
beforeAll(async () => {
  ccc = await startCcc(dataset, { ratePerAction: 1000, now: () => NOW * 1000 });
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
});
const client = () => clientFor(ccc, { now: () => NOW * 1000 });

/** A server answering `response` that keeps each request's body, to see what the client sent. */
async function recorder(response: Record<string, unknown>) {
  const bodies: unknown[] = [];
  const server = await listen((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      sendJson(res, 200, { Response: { RequestId: 'req-1', ...response } });
    });
  });
  const logs = captureLogs();
  const ccc = clientAt(server.url, { logger: logs });
  return { ccc, bodies, logs, close: () => server.close() };
}

describe('describeCallInMetrics', () => {
  test("the live queue of the emulator's day, per skill group; lines only when asked", async () => {
    const live = await client().describeCallInMetrics();
    expect(live.SkillGroupMetrics.map((group) => [group.SkillGroupId, group.Name])).toEqual(
      dataset.skillGroups.map((group) => [group.id, group.name]),
    );
    expect(live.NumberMetrics).toEqual([]);
    const total = live.TotalMetrics;
    expect((total?.QueueCount ?? 0) + (total?.RingCount ?? 0) + (total?.AcceptCount ?? 0)).toBeGreaterThan(0);
    const withLines = await client().describeCallInMetrics({ enabledNumber: true, groupIds: [2502] });
    expect(withLines.NumberMetrics.map((line) => line.Number)).toEqual([dataset.lines.hotline]);
    expect(withLines.SkillGroupMetrics.map((group) => group.Name)).toEqual(['Support']);
  });

  test('always asks for the skill-group dimension, and sends the filters as Tencent names them', async () => {
    const server = await recorder({ SkillGroupMetrics: null });
    try {
      await server.ccc.describeCallInMetrics();
      await server.ccc.describeCallInMetrics({ groupIds: [2501, 2503], enabledNumber: false });
      expect(server.bodies).toEqual([
        { SdkAppId: APP, EnabledSkillGroup: true },
        { SdkAppId: APP, EnabledSkillGroup: true, EnabledNumber: false, GroupIdList: [2501, 2503] },
      ]);
    } finally {
      await server.close();
    }
  });

  test("a group without Metrics (Tencent's own sample) parses; a wrong counter drops with one warning", async () => {
    const server = await recorder({
      Timestamp: 1,
      TotalMetrics: { QueueCount: '3', RingCount: 1 },
      SkillGroupMetrics: [{ SkillGroupId: 0, Name: 'abc' }],
    });
    try {
      const live = await server.ccc.describeCallInMetrics();
      expect(live.SkillGroupMetrics).toEqual([{ SkillGroupId: 0, Name: 'abc' }]);
      expect(live.TotalMetrics).toEqual({ RingCount: 1 });
      expect(server.logs.lines.filter((line) => line.level === 'warn')).toMatchObject([
        { message: 'ccc response fields dropped', fields: { action: 'DescribeCallInMetrics', dropped: 1 } },
      ]);
    } finally {
      await server.close();
    }
  });

  test.each<[string, DescribeCallInMetricsArgs]>([
    ['an empty groupIds', { groupIds: [] }],
    ['a negative group id', { groupIds: [-1] }],
    ['a fractional group id', { groupIds: [2501.5] }],
    ['an enabledNumber that is not a boolean', { enabledNumber: 'yes' as unknown as boolean }],
  ])('refuses %s before any request', async (_name, args) => {
    await expect(client().describeCallInMetrics(args)).rejects.toMatchObject({
      code: 'ccc_client_invalid_argument',
      action: 'DescribeCallInMetrics',
    });
    expect(ccc.requests()).toEqual([]);
  });

  test("Tencent's refusals keep their code; a rate-limit answer is retried", async () => {
    ccc.faults.inject('DescribeCallInMetrics', {
      kind: 'api-error',
      code: 'InvalidParameter.InstanceNotExist',
    });
    await expect(client().describeCallInMetrics()).rejects.toMatchObject({
      code: 'InvalidParameter.InstanceNotExist',
      action: 'DescribeCallInMetrics',
    });
    ccc.faults.inject('DescribeCallInMetrics', { kind: 'api-error', code: 'RequestLimitExceeded' });
    await expect(client().describeCallInMetrics()).resolves.toMatchObject({ Timestamp: NOW });
    expect(outcomes(ccc)).toEqual(['InvalidParameter.InstanceNotExist', 'RequestLimitExceeded', 'ok']);
  });
});
