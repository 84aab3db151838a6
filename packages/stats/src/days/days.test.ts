import { describe, expect, test } from 'vitest';
import { addDays, dayStart, localTime } from '../index.ts';

describe('days in a time zone', () => {
  test('local midnight in fixed-offset and daylight-saving zones', () => {
    expect(new Date(dayStart('2026-12-03', 'Asia/Shanghai')).toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(new Date(dayStart('2026-12-03', 'UTC')).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    // New York: EDT until 2026-11-01 02:00, EST after.
    expect(new Date(dayStart('2026-11-01', 'America/New_York')).toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    expect(new Date(dayStart('2026-11-02', 'America/New_York')).toISOString()).toBe(
      '2026-11-02T05:00:00.000Z',
    );
    // Kathmandu is UTC+05:45.
    expect(new Date(dayStart('2026-12-03', 'Asia/Kathmandu')).toISOString()).toBe('2026-12-02T18:15:00.000Z');
  });

  test('the local day and minute of an instant; calendar arithmetic', () => {
    expect(localTime(Date.parse('2026-12-04T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2026-12-05',
      minute: 0,
    });
    expect(localTime(Date.parse('2026-12-04T01:00:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2026-12-04',
      minute: 540,
    });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
