import { describe, expect, test } from 'vitest';
import { addDays, dayStart, dueDay, localTime, minuteOfDay } from './day.ts';

describe('digest days', () => {
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
  });

  test('the due day is yesterday once the local time reaches DIGEST_AT', () => {
    const at = minuteOfDay('09:00') ?? -1;
    // 00:59 UTC = 08:59 in Shanghai: not yet; 01:00 UTC = 09:00: the 3rd is due.
    expect(dueDay(Date.parse('2026-12-04T00:59:00Z'), 'Asia/Shanghai', at)).toBeNull();
    expect(dueDay(Date.parse('2026-12-04T01:00:00Z'), 'Asia/Shanghai', at)).toBe('2026-12-03');
    expect(dueDay(Date.parse('2026-12-04T15:59:00Z'), 'Asia/Shanghai', at)).toBe('2026-12-03');
    expect(localTime(Date.parse('2026-12-04T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2026-12-05',
      minute: 0,
    });
  });

  test('HH:MM and day arithmetic', () => {
    expect([minuteOfDay('00:00'), minuteOfDay('23:59'), minuteOfDay('24:00'), minuteOfDay('9:00')]).toEqual([
      0,
      1439,
      null,
      null,
    ]);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
