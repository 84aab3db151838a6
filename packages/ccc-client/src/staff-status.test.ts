import { listen, sendJson } from '@ccc-kit/sandbox';
import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { APP, captureLogs, clientAt, clientFor, outcomes, startCcc } from './test-utils/ccc-sandbox.ts';
import type { DescribeStaffStatusMetricsArgs } from './types.ts';

const DAY_START = Date.UTC(2025, 5, 2) / 1000;
const NOW = DAY_START + 14 * 3600 + 300;
const dataset = generateDataset({ seed: 6, calls: 1500, chats: 0, start: DAY_START, sdkAppId: APP });
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

describe('describeStaffStatusMetrics', () => {
  test("every agent of the emulator's day, with a status and today's durations", async () => {
    const { Metrics } = await client().describeStaffStatusMetrics();
    expect(Metrics.map((agent) => agent.Email)).toEqual(dataset.agents.map((agent) => agent.mail));
    for (const agent of Metrics) {
      expect(['free', 'busy', 'rest', 'notReady', 'afterCallWork', 'offline']).toContain(agent.Status);
      expect(agent.OnlineDuration).toBeLessThanOrEqual(NOW - DAY_START);
    }
    expect(Metrics.some((agent) => agent.Status === 'busy')).toBe(true);
  });

  test('filters by emails, groupIds and statuses', async () => {
    const all = (await client().describeStaffStatusMetrics()).Metrics;
    const busy = await client().describeStaffStatusMetrics({ statuses: ['busy'] });
    expect(busy.Metrics.map((a) => a.Email)).toEqual(
      all.filter((a) => a.Status === 'busy').map((a) => a.Email),
    );
    const one = await client().describeStaffStatusMetrics({ emails: ['chen.jing@example.com'] });
    expect(one.Metrics).toEqual(all.filter((a) => a.Email === 'chen.jing@example.com'));
    const billing = await client().describeStaffStatusMetrics({ groupIds: [2503] });
    expect(billing.Metrics.map((a) => a.Email)).toEqual([
      'wang.fang@example.com',
      'emma.wong@example.com',
      'lucas.tan@example.com',
    ]);
  });

  test.each<[string, DescribeStaffStatusMetricsArgs]>([
    ['an empty emails', { emails: [] }],
    ['an empty email', { emails: [''] }],
    ['an empty groupIds', { groupIds: [] }],
    ['a negative group id', { groupIds: [-2] }],
    ['an empty statuses', { statuses: [] }],
    ['an empty status', { statuses: [''] }],
  ])('refuses %s before any request', async (_name, args) => {
    await expect(client().describeStaffStatusMetrics(args)).rejects.toMatchObject({
      code: 'ccc_client_invalid_argument',
      action: 'DescribeStaffStatusMetrics',
    });
    expect(ccc.requests()).toEqual([]);
  });

  test("a status the emulator does not know is Tencent's refusal, kept as is", async () => {
    await expect(client().describeStaffStatusMetrics({ statuses: ['lunch'] })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      action: 'DescribeStaffStatusMetrics',
    });
    expect(outcomes(ccc)).toEqual(['InvalidParameterValue']);
  });

  test('an HTTP 502 is retried like every Describe action', async () => {
    ccc.faults.inject('DescribeStaffStatusMetrics', { kind: 'status', status: 502 });
    await expect(client().describeStaffStatusMetrics()).resolves.toMatchObject({
      RequestId: expect.any(String),
    });
    expect(outcomes(ccc)).toEqual(['http_502', 'ok']);
  });

  test("Tencent's sample (`Direct: callin`, a new status) parses; one odd agent drops its odd field", async () => {
    const body = {
      Response: {
        Metrics: [
          { Email: 'a@example.com', Status: 'free', StatusExtra: { Type: 'tel', Direct: 'callin' } },
          { Email: 'b@example.com', Status: 'inTraining', BusyDuration: 'long' },
        ],
        RequestId: 'req-odd',
      },
    };
    const server = await listen((_req, res) => sendJson(res, 200, body));
    const logs = captureLogs();
    try {
      const ccc = clientAt(server.url, { logger: logs });
      const { Metrics } = await ccc.describeStaffStatusMetrics();
      expect(Metrics.map((a) => [a.Status, a.StatusExtra?.Direct, a.BusyDuration])).toEqual([
        ['free', 'callin', undefined],
        ['inTraining', undefined, undefined],
      ]);
      expect(logs.lines.filter((line) => line.level === 'warn')).toMatchObject([
        {
          message: 'ccc response fields dropped',
          fields: { action: 'DescribeStaffStatusMetrics', dropped: 1 },
        },
      ]);
    } finally {
      await server.close();
    }
  });
});
