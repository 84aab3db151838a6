import { describe, expect, test } from 'vitest';
import { newestInWindow, type WindowPage } from './newest-in-window.ts';

interface Row {
  readonly id: string;
  readonly t: number;
  readonly agent: string;
}

const START = 1_790_000_000;
const DAY = 86_400;
// 3,000 rows over 7 days in a shuffled order; every 50th belongs to "ann", the rest to "bob".
const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({
  id: `r-${String(i).padStart(4, '0')}`,
  t: START + Math.floor((i * 7 * DAY) / 3000),
  agent: i % 50 === 0 ? 'ann' : 'bob',
})).sort((a, b) => ((a.t * 7919) % 1013) - ((b.t * 7919) % 1013));

function api() {
  let requests = 0;
  const list = async (start: number, end: number, page: number): Promise<WindowPage<Row>> => {
    requests++;
    const matching = rows.filter((r) => r.t >= start && r.t <= end);
    return { totalCount: matching.length, items: matching.slice(page * 100, page * 100 + 100) };
  };
  return { list, requests: () => requests };
}

const window = { start: START, end: START + 7 * DAY };
const options = { timeOf: (r: Row) => r.t, idOf: (r: Row) => r.id };
const newestOf = (keep: (r: Row) => boolean, count: number) =>
  [...rows]
    .filter(keep)
    .sort((a, b) => b.t - a.t || b.id.localeCompare(a.id))
    .slice(0, count)
    .map((r) => r.id);

describe('newestInWindow with a filter the API cannot apply', () => {
  test('reads newest first until enough kept rows are found', async () => {
    const a = api();
    const keep = (r: Row) => r.agent === 'ann';
    const found = await newestInWindow(a.list, window, 11, { ...options, keep });
    expect(found.rows.slice(0, 11).map((r) => r.id)).toEqual(newestOf(keep, 11));
    expect(found.searchedFrom).toBeUndefined();
    expect(found.total).toBe(3000);
  });

  test('stops at maxRequests and says how far back it searched; everything newer was read', async () => {
    const a = api();
    const keep = (r: Row) => r.agent === 'ann';
    const found = await newestInWindow(a.list, window, 60, { ...options, keep, maxRequests: 10 });
    expect(a.requests()).toBe(10);
    const from = found.searchedFrom as number;
    expect(from).toBeGreaterThan(window.start);
    expect(from).toBeLessThan(window.end);
    const expected = rows
      .filter((r) => keep(r) && r.t >= from)
      .sort((x, y) => y.t - x.t || y.id.localeCompare(x.id));
    expect(found.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  test('a window read whole within the budget is complete: no searchedFrom', async () => {
    const a = api();
    const found = await newestInWindow(a.list, window, 1000, {
      ...options,
      keep: () => false,
      maxRequests: 200,
    });
    expect(found.rows).toEqual([]);
    expect(found.searchedFrom).toBeUndefined();
  });
});
