import { describe, expect, test } from 'vitest';
import { checkWindow } from './windows.ts';

const NOW_MS = Date.UTC(2025, 5, 1);
const now = NOW_MS / 1000;
const DAY = 86_400;
const check = (start: Date | number, end: Date | number) =>
  checkWindow(start, end, NOW_MS, 'DescribeSessionDetail');

describe('checkWindow', () => {
  test('accepts Dates and Unix seconds, returning seconds', () => {
    expect(check(new Date((now - 60) * 1000 + 999), now)).toEqual({ start: now - 60, end: now });
  });

  test('accepts the limits themselves: start exactly 180 days back, span 90 days minus one second', () => {
    expect(check(now - 180 * DAY, now - 90 * DAY - 1)).toEqual({
      start: now - 180 * DAY,
      end: now - 90 * DAY - 1,
    });
    expect(check(now, now)).toEqual({ start: now, end: now });
  });

  test.each([
    ['start after end', now, now - 1, /is after endTimestamp/],
    ['start older than 180 days', now - 180 * DAY - 1, now - 100 * DAY, /more than 180 days ago/],
    ['a span of exactly 90 days', now - 90 * DAY, now, /shorter than 90 days/],
    ['a fractional timestamp', now - 0.5, now, /integer Unix seconds/],
    ['milliseconds passed as seconds', NOW_MS - 1000, NOW_MS, /looks like milliseconds/],
  ])('rejects %s with a clear message', (_name, start, end, message) => {
    expect(() => check(start, end)).toThrow(message);
    try {
      check(start, end);
    } catch (error) {
      expect(error).toMatchObject({ code: 'ccc_client_invalid_window', action: 'DescribeSessionDetail' });
    }
  });
});
