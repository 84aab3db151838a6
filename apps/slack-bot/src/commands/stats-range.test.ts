import { describe, expect, test } from 'vitest';
import { parseStatsRange, statsWindow } from './stats-range.ts';

const NOW = Date.parse('2026-12-04T03:00:00Z'); // 11:00 in Shanghai
const window = (arg: string | undefined, timeZone = 'Asia/Shanghai') => {
  const range = parseStatsRange(arg);
  if ('problem' in range) return { ok: false as const, problem: range.problem };
  return statsWindow(range, NOW, timeZone);
};
const iso = (s: number) => new Date(s * 1000).toISOString();

describe('/ccc stats ranges', () => {
  test('today, yesterday and Nd run from local midnight', () => {
    const today = window(undefined);
    expect(today.ok && [iso(today.window.start), iso(today.window.end), today.window.label]).toEqual([
      '2026-12-03T16:00:00.000Z',
      '2026-12-04T03:00:00.000Z',
      'today',
    ]);
    const yesterday = window('yesterday');
    expect(yesterday.ok && [iso(yesterday.window.start), iso(yesterday.window.end)]).toEqual([
      '2026-12-02T16:00:00.000Z',
      '2026-12-03T16:00:00.000Z',
    ]);
    const week = window('7d');
    expect(week.ok && [iso(week.window.start), week.window.label]).toEqual([
      '2026-11-27T16:00:00.000Z',
      'the last 7 days',
    ]);
    const ninety = window('90d');
    expect(ninety.ok && ninety.window.end - ninety.window.start).toBeLessThan(90 * 86_400);
  });

  test('an inclusive date range; mistakes say what to type', () => {
    const range = window('2026-11-01..2026-11-07', 'UTC');
    expect(range.ok && [iso(range.window.start), iso(range.window.end), range.window.label]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-08T00:00:00.000Z',
      '2026-11-01 to 2026-11-07',
    ]);
    expect(window('91d')).toEqual({ ok: false, problem: '`91d`: ask for 1d to 90d.' });
    expect(window('last week')).toEqual({
      ok: false,
      problem: '`last week` is not a range: use today, yesterday, 7d (up to 90d) or 2026-11-01..2026-11-07.',
    });
    expect(window('2026-11-07..2026-11-01')).toEqual({
      ok: false,
      problem: '2026-11-01 is before 2026-11-07: swap them.',
    });
    expect(window('2026-02-30..2026-03-01')).toMatchObject({
      problem: expect.stringContaining('not a range'),
    });
    expect(window('2026-08-01..2026-10-31')).toEqual({
      ok: false,
      problem: 'A date range covers at most 89 days.',
    });
    expect(window('2026-12-05..2026-12-06')).toEqual({
      ok: false,
      problem: '2026-12-05 has not happened yet.',
    });
  });
});
