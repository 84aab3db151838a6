import { describe, expect, test } from 'vitest';
import { dueDay, minuteOfDay } from './day.ts';

describe('when the digest is due', () => {
  test('the due day is yesterday once the local time reaches DIGEST_AT', () => {
    const at = minuteOfDay('09:00') ?? -1;
    // 00:59 UTC = 08:59 in Shanghai: not yet; 01:00 UTC = 09:00: the 3rd is due.
    expect(dueDay(Date.parse('2026-12-04T00:59:00Z'), 'Asia/Shanghai', at)).toBeNull();
    expect(dueDay(Date.parse('2026-12-04T01:00:00Z'), 'Asia/Shanghai', at)).toBe('2026-12-03');
    expect(dueDay(Date.parse('2026-12-04T15:59:00Z'), 'Asia/Shanghai', at)).toBe('2026-12-03');
    expect(dueDay(Date.parse('2026-12-04T16:00:00Z'), 'Asia/Shanghai', at)).toBeNull();
  });

  test('HH:MM', () => {
    expect([minuteOfDay('00:00'), minuteOfDay('23:59'), minuteOfDay('24:00'), minuteOfDay('9:00')]).toEqual([
      0,
      1439,
      null,
      null,
    ]);
  });
});
