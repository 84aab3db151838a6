import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createHourOf } from './hour-of-day.ts';
import { canonicalTimeZone } from './options.ts';

const hourOf = (zone: string) => createHourOf(canonicalTimeZone(zone));
const at = (iso: string): Date => new Date(iso);

describe('createHourOf', () => {
  test('offsets of half and three quarters of an hour', () => {
    const kolkata = hourOf('Asia/Kolkata'); // +05:30
    expect([kolkata(at('2024-01-01T18:29:59Z')), kolkata(at('2024-01-01T18:30:00Z'))]).toEqual([23, 0]);
    const kathmandu = hourOf('Asia/Kathmandu'); // +05:45
    expect([kathmandu(at('2024-01-01T03:14:59Z')), kathmandu(at('2024-01-01T03:15:00Z'))]).toEqual([8, 9]);
  });

  test('daylight saving: New York skips 02:00 on 2024-03-10 and repeats 01:00 on 2024-11-03', () => {
    const newYork = hourOf('America/New_York');
    expect([newYork(at('2024-03-10T06:59:59Z')), newYork(at('2024-03-10T07:00:00Z'))]).toEqual([1, 3]);
    expect([newYork(at('2024-11-03T05:30:00Z')), newYork(at('2024-11-03T06:30:00Z'))]).toEqual([1, 1]);
  });

  test('UTC without Intl, including dates before 1970; invalid dates and null give -1', () => {
    const utc = hourOf('Etc/UTC');
    expect([utc(at('1969-12-31T23:59:59Z')), utc(at('2024-05-05T05:05:05Z'))]).toEqual([23, 5]);
    expect([utc(null), utc(new Date(Number.NaN)), hourOf('Asia/Tokyo')(undefined)]).toEqual([-1, -1, -1]);
  });

  test('agrees with Intl for any instant in zones with odd offsets and DST rules', () => {
    const zones = [
      'Asia/Shanghai',
      'Asia/Kolkata',
      'America/New_York',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Europe/London',
    ];
    const functions = new Map(zones.map((zone) => [zone, hourOf(zone)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 1_577_836_800_000, max: 1_893_456_000_000 }),
        (zone, ms) => {
          const expected =
            Number(
              new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(
                ms,
              ),
            ) % 24;
          expect(functions.get(zone)?.(new Date(ms))).toBe(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
