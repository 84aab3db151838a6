import { listen, sendJson } from '@ccc-kit/sandbox';
import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { APP, captureLogs, clientAt, clientFor, DAY, startCcc } from './test-utils/ccc-sandbox.ts';

const now = Math.floor(Date.now() / 1000);
// 45 ended chats (and 4 live ones, which have no service record yet) over the day before yesterday.
const dataset = generateDataset({
  seed: 3,
  calls: 0,
  chats: 45,
  start: now - 2 * DAY,
  end: now - DAY,
  sdkAppId: APP,
});
const ended = dataset.chats.filter((chat) => !chat.state.CurrentState).map((chat) => chat.sessionId);
let ccc: CccEmulator;
beforeAll(async () => {
  ccc = await startCcc(dataset, { ratePerAction: 1000 });
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
});

const window = { startTimestamp: now - 3 * DAY, endTimestamp: now };

describe('iterateIMCdrs', () => {
  test('walks the pages lazily (Offset a Limit further each time) and yields every record once', async () => {
    const client = clientFor(ccc);
    const ids: string[] = [];
    for await (const row of client.iterateIMCdrs({ ...window, limit: 20 })) ids.push(row.SessionId ?? '');
    expect(ids).toHaveLength(ended.length);
    expect(new Set(ids)).toEqual(new Set(ended));
    expect(ccc.requests().map((r) => r.action)).toEqual(Array(3).fill('DescribeIMCdrList'));
  });

  test('an exact multiple of the limit ends on TotalCount, without an extra empty page', async () => {
    let count = 0;
    for await (const page of clientFor(ccc).iterateIMCdrPages({ ...window, limit: 15 }))
      count += page.IMCdrList.length;
    expect(count).toBe(ended.length);
    expect(ccc.requests()).toHaveLength(3);
  });

  test('one request of 100 by default; an empty window is one request and no records', async () => {
    const page = await clientFor(ccc).describeIMCdrList(window);
    expect(page).toMatchObject({ TotalCount: ended.length, RequestId: expect.any(String) });
    expect(page.IMCdrList).toHaveLength(ended.length);
    const none = [];
    for await (const row of clientFor(ccc).iterateIMCdrs({ startTimestamp: now - 100, endTimestamp: now }))
      none.push(row);
    expect(none).toEqual([]);
    expect(ccc.requests()).toHaveLength(2);
  });

  test('a rate-limited page is retried and the listing goes on', async () => {
    ccc.faults.inject('DescribeIMCdrList', { kind: 'api-error', code: 'RequestLimitExceeded' }, 1);
    const logs = captureLogs();
    const ids: string[] = [];
    for await (const row of clientFor(ccc, { logger: logs }).iterateIMCdrs(window))
      ids.push(row.SessionId ?? '');
    expect(ids).toHaveLength(ended.length);
    expect(ccc.requests().map((r) => r.outcome)).toEqual(['RequestLimitExceeded', 'ok']);
  });
});

describe('describeIMCdrList arguments', () => {
  test.each([
    [{ limit: 0 }, 'ccc_client_invalid_argument'],
    [{ limit: 101 }, 'ccc_client_invalid_argument'],
    [{ offset: -1 }, 'ccc_client_invalid_argument'],
    [{ type: 3 as 1 }, 'ccc_client_invalid_argument'],
    [{ startTimestamp: now, endTimestamp: now - 1 }, 'ccc_client_invalid_window'],
    [{ startTimestamp: 1.5 }, 'ccc_client_invalid_window'],
    [{ endTimestamp: Date.now() }, 'ccc_client_invalid_window'],
  ])('%o is rejected with %s before any request', async (over, code) => {
    await expect(clientFor(ccc).describeIMCdrList({ ...window, ...over })).rejects.toMatchObject({ code });
    expect(ccc.requests()).toEqual([]);
  });

  test('a window older than 180 days is sent: Tencent documents no age limit for IM records', async () => {
    const old = { startTimestamp: now - 200 * DAY, endTimestamp: now - 199 * DAY, type: 2 as const };
    await expect(clientFor(ccc).describeIMCdrList(old)).resolves.toMatchObject({ TotalCount: 0 });
  });
});

describe('an odd DescribeIMCdrList record', () => {
  test('drops its odd field with one warning instead of failing the page', async () => {
    const row = (id: string, extra: Record<string, unknown> = {}) => ({
      SessionId: id,
      Timestamp: now,
      ...extra,
    });
    const body = {
      Response: {
        TotalCount: 3,
        IMCdrList: [row('good-1'), row('odd', { EndStatus: 'ok' }), row('good-2')],
        RequestId: 'req-odd',
      },
    };
    const server = await listen((_req, res) => sendJson(res, 200, body));
    const logs = captureLogs();
    try {
      const client = clientAt(server.url, { logger: logs });
      const rows = [];
      for await (const r of client.iterateIMCdrs(window)) rows.push([r.SessionId, r.EndStatus]);
      expect(rows).toEqual([
        ['good-1', undefined],
        ['odd', undefined],
        ['good-2', undefined],
      ]);
      expect(logs.lines.filter((line) => line.level === 'warn')).toEqual([
        {
          level: 'warn',
          message: 'ccc response fields dropped',
          fields: expect.objectContaining({
            action: 'DescribeIMCdrList',
            dropped: 1,
            warnings: [expect.stringMatching(/^IMCdrList\.1\.EndStatus: expected number/)],
          }),
        },
      ]);
    } finally {
      await server.close();
    }
  });
});
