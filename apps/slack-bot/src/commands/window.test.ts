import { describe, expect, test } from 'vitest';
import { parseSince } from './parse.ts';
import { callWindow, describeWindow, sessionsWindow } from './window.ts';

const NOW_MS = Date.UTC(2024, 10, 15, 12, 0, 0); // 2024-11-15T12:00:00Z
const NOW = NOW_MS / 1000;
const DAY = 86_400;
const since = (text: string) => parseSince(text);

describe('callWindow', () => {
  test('default: the last 89 days', () => {
    const result = callWindow(undefined, NOW_MS);
    expect(result).toEqual({ ok: true, window: { start: NOW - 89 * DAY, end: NOW, endsNow: true } });
    if (result.ok) expect(describeWindow(result.window)).toBe('in the last 89 days');
  });

  test('--since 30d runs up to now', () => {
    expect(callWindow(since('30d'), NOW_MS)).toEqual({
      ok: true,
      window: { start: NOW - 30 * DAY, end: NOW, endsNow: true },
    });
  });

  test('an older --since searches 89 days from then (Tencent: shorter than 90 days)', () => {
    const result = callWindow(since('2024-06-01'), NOW_MS);
    const start = Date.UTC(2024, 5, 1) / 1000;
    expect(result).toEqual({ ok: true, window: { start, end: start + 89 * DAY, endsNow: false } });
    if (result.ok) expect(describeWindow(result.window)).toBe('between 2024-06-01 and 2024-08-29');
  });

  test('exactly 180 days back keeps a margin from the limit', () => {
    const result = callWindow(since('180d'), NOW_MS);
    expect(result.ok && result.window.start).toBe(NOW - 180 * DAY + 600);
  });

  test('refuses the future and more than 180 days back', () => {
    expect(callWindow(since('2025-01-01'), NOW_MS)).toEqual({
      ok: false,
      problem: '`--since 2025-01-01` is in the future.',
    });
    expect(callWindow(since('181d'), NOW_MS)).toEqual({
      ok: false,
      problem: '`--since 181d` is more than 180 days ago; Tencent keeps call details for 180 days.',
    });
  });
});

describe('sessionsWindow', () => {
  test('default: the last 7 days; 24h reads as hours', () => {
    expect(sessionsWindow(undefined, NOW_MS)).toEqual({
      ok: true,
      window: { start: NOW - 7 * DAY, end: NOW, endsNow: true },
    });
    const day = sessionsWindow(since('24h'), NOW_MS);
    expect(day.ok && describeWindow(day.window)).toBe('in the last 24 hours');
  });

  test('refuses the future', () => {
    expect(sessionsWindow(since('2024-12-01'), NOW_MS).ok).toBe(false);
  });
});
