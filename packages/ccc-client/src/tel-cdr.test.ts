import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { clientFor, DAY, makeDataset, startCcc } from './test-utils/ccc-sandbox.ts';

const now = Math.floor(Date.now() / 1000);
let ccc: CccEmulator;
beforeAll(async () => {
  ccc = await startCcc(makeDataset(250, now), { ratePerAction: 1000 });
});
afterAll(() => ccc.stop());
beforeEach(() => ccc.reset());

const window = { startTimestamp: now - 2 * DAY, endTimestamp: now };

describe('iterateTelCdrs', () => {
  test('walks 3 pages of 100 lazily and yields every record once, in order', async () => {
    const client = clientFor(ccc);
    const ids: string[] = [];
    for await (const cdr of client.iterateTelCdrs(window)) ids.push(cdr.SessionId ?? '');
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toBe('c-000');
    expect(ids.at(-1)).toBe('c-249');
    expect(ccc.requests().map((r) => r.action)).toEqual([
      'DescribeTelCdr',
      'DescribeTelCdr',
      'DescribeTelCdr',
    ]);
  });

  test('pages of a custom size; stops early when the consumer breaks', async () => {
    const client = clientFor(ccc);
    const sizes: number[] = [];
    for await (const page of client.iterateTelCdrPages({ ...window, pageSize: 40 })) {
      sizes.push(page.TelCdrList.length);
      if (sizes.length === 2) break;
    }
    expect(sizes).toEqual([40, 40]);
    expect(ccc.requests()).toHaveLength(2);
  });

  test('an exact multiple of the page size ends on TotalCount, without an extra empty page', async () => {
    const client = clientFor(ccc);
    let count = 0;
    for await (const page of client.iterateTelCdrPages({ ...window, pageSize: 50 }))
      count += page.TelCdrList.length;
    expect(count).toBe(250);
    expect(ccc.requests()).toHaveLength(5);
  });

  test('an empty result is one request and no records', async () => {
    const records = [];
    for await (const cdr of clientFor(ccc).iterateTelCdrs({ startTimestamp: now - 100, endTimestamp: now }))
      records.push(cdr);
    expect(records).toEqual([]);
    expect(ccc.requests()).toHaveLength(1);
  });

  test('an invalid window fails on the first next() and sends nothing', async () => {
    const iterator = clientFor(ccc)
      .iterateTelCdrs({ startTimestamp: now, endTimestamp: now - 1 })
      [Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'ccc_client_invalid_window' });
    expect(ccc.requests()).toEqual([]);
  });
});

describe('describeTelCdr arguments', () => {
  test.each([
    [{ pageSize: 0 }, 'ccc_client_invalid_argument'],
    [{ pageSize: 101 }, 'ccc_client_invalid_argument'],
    [{ pageNumber: -1 }, 'ccc_client_invalid_argument'],
    [{ startTimestamp: now - 181 * DAY, endTimestamp: now - 100 * DAY }, 'ccc_client_invalid_window'],
    [{ startTimestamp: now - 90 * DAY }, 'ccc_client_invalid_window'],
    [{ startTimestamp: 1.5 }, 'ccc_client_invalid_window'],
    [{ endTimestamp: new Date(Number.NaN) }, 'ccc_client_invalid_window'],
  ])('%o is rejected with %s before any request', async (over, code) => {
    await expect(clientFor(ccc).describeTelCdr({ ...window, ...over })).rejects.toMatchObject({ code });
    expect(ccc.requests()).toEqual([]);
  });
});
