import type { DeskImCdr } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { type ListSessionsPage, newestSessions } from './newest-sessions.ts';

// A Desk in memory: rows in an arbitrary (seeded) order, filtered by time, both ends included, 100 a page.
function desk(timestamps: readonly number[], seed = 7) {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const rows = timestamps
    .map((t, i) => ({ SessionId: `s-${String(i).padStart(5, '0')}`, Timestamp: t }) as DeskImCdr)
    .map((row) => ({ row, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((r) => r.row);
  const calls: [number, number, number][] = [];
  const list: ListSessionsPage = async (start, end, offset) => {
    calls.push([start, end, offset]);
    const matching = rows.filter((r) => (r.Timestamp ?? 0) >= start && (r.Timestamp ?? 0) <= end);
    return { totalCount: matching.length, items: matching.slice(offset, offset + 100) };
  };
  const expected = (need: number) =>
    [...rows]
      .sort((a, b) => (b.Timestamp ?? 0) - (a.Timestamp ?? 0) || b.SessionId.localeCompare(a.SessionId))
      .slice(0, need)
      .map((r) => r.SessionId);
  return { list, calls, expected };
}

const START = 1_790_000_000;
const WEEK = 7 * 86_400;
const window = { start: START, end: START + WEEK };
const spread = (count: number) =>
  Array.from({ length: count }, (_, i) => START + Math.floor((i * WEEK) / count));

describe('newestSessions', () => {
  test('up to 100 sessions: one request, sorted newest first', async () => {
    const d = desk(spread(80));
    const { total, sessions } = await newestSessions(d.list, window, 10);
    expect(total).toBe(80);
    expect(sessions.slice(0, 10).map((s) => s.SessionId)).toEqual(d.expected(10));
    expect(d.calls).toHaveLength(1);
  });

  test.each([
    [150, 10],
    [1_000, 10],
    [10_000, 10],
    [10_000, 60],
  ])('%i sessions in a week, %i needed: the newest, in few requests', async (count, need) => {
    const d = desk(spread(count));
    const { total, sessions } = await newestSessions(d.list, window, need);
    expect(total).toBe(count);
    expect(sessions.slice(0, need).map((s) => s.SessionId)).toEqual(d.expected(need));
    expect(d.calls.length).toBeLessThanOrEqual(10);
  });

  test('more than 100 sessions in one second are paged through', async () => {
    const d = desk([...Array.from({ length: 230 }, () => START + 100), START + 5]);
    const { sessions } = await newestSessions(d.list, window, 240);
    expect(sessions).toHaveLength(231);
    expect(sessions.at(-1)?.Timestamp).toBe(START + 5);
    expect(d.calls.filter(([s, e, offset]) => s === e && offset > 0).length).toBe(2);
  });

  test('an empty window', async () => {
    const d = desk([]);
    expect(await newestSessions(d.list, window, 10)).toEqual({ total: 0, sessions: [] });
  });
});
