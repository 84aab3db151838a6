import { describe, expect, test } from 'vitest';
import { isStatsError, StatsErrorCode } from '../errors.ts';
import {
  CALLS_PER_HOUR_GRID,
  type CallsPerHourChartInput,
  renderCallsPerHourChart,
} from './calls-per-hour.ts';
import { type DecodedPng, decodePng } from './test-utils/png.ts';
import { COLORS, FALLBACK_PALETTE, OUTCOME_COLORS } from './theme.ts';

const SERIES = [
  { key: 'answered', label: 'Answered' },
  { key: 'missed', label: '未接' },
];

/** Hour 12 is one full-height answered bar; hour 6 is half answered (bottom), half missed (top). */
const INPUT: CallsPerHourChartInput = {
  timeZoneLabel: 'Asia/Shanghai',
  hours: [
    { hour: 12, counts: { answered: 100 } },
    { hour: 6, counts: { answered: 50, missed: 50 } },
  ],
  series: SERIES,
};

// The plot area at the default 800 × 400: 24 equal categories; the y axis tops out at 100, the largest total.
const { left, right, top, bottom } = CALLS_PER_HOUR_GRID;
const hourCenter = (hour: number): number => left + ((hour + 0.5) * (800 - left - right)) / 24;
const atShare = (share: number): number => 400 - bottom - share * (400 - bottom - top);

// The tests that only read the default drawing share one render (each takes ~0.25 s of CPU, several
// seconds when the whole suite shares the machine).
let defaultDrawing: Promise<DecodedPng> | undefined;
const drawDefault = (): Promise<DecodedPng> =>
  (defaultDrawing ??= renderCallsPerHourChart(INPUT).then(decodePng));

describe('renderCallsPerHourChart', () => {
  describe('golden image', () => {
    test('is a PNG of 1600 × 800 pixels by default (800 × 400 at scale 2)', async () => {
      const png = await drawDefault();
      expect([png.width, png.height]).toEqual([1600, 800]);
    });

    test('follows width, height and scale', async () => {
      const png = decodePng(await renderCallsPerHourChart(INPUT, { width: 640, height: 320, scale: 1 }));
      expect([png.width, png.height]).toEqual([640, 320]);
    });

    test('has a white, opaque background', async () => {
      const png = await drawDefault();
      expect(png.cssColor(2, 2)).toBe(COLORS.background);
      expect(png.cssColor(798, 398)).toBe(COLORS.background);
      expect(png.pixel(0, 0)[3]).toBe(255);
    });

    test('draws the tall bar of hour 12 in the answered colour, top to bottom', async () => {
      const png = await drawDefault();
      for (const share of [0.05, 0.5, 0.95])
        expect(png.cssColor(hourCenter(12), atShare(share))).toBe('#2e7d32');
    });

    test('stacks the series in the order given: answered below, missed above', async () => {
      const png = await drawDefault();
      expect(png.cssColor(hourCenter(6), atShare(0.25))).toBe(OUTCOME_COLORS.answered);
      expect(png.cssColor(hourCenter(6), atShare(0.75))).toBe(OUTCOME_COLORS.missed);
    });

    test('leaves hours without calls and the space above a bar empty', async () => {
      const png = await drawDefault();
      expect(png.cssColor(hourCenter(18), atShare(0.5))).toBe(COLORS.background);
      expect(png.cssColor(hourCenter(5), atShare(0.5))).toBe(COLORS.background);
    });

    test('uses a colour given by the caller', async () => {
      const series = [{ key: 'answered', label: 'Answered', color: '#123456' }];
      const png = decodePng(await renderCallsPerHourChart({ ...INPUT, series }));
      expect(png.cssColor(hourCenter(12), atShare(0.5))).toBe('#123456');
    });

    test('gives an outcome key it does not know the first palette colour', async () => {
      const input = {
        hours: [{ hour: 12, counts: { escalated: 100 } }],
        series: [{ key: 'escalated', label: 'E' }],
      };
      const png = decodePng(await renderCallsPerHourChart(input));
      expect(png.cssColor(hourCenter(12), atShare(0.5))).toBe(FALLBACK_PALETTE[0]);
    });

    test('takes no count or colour from Object.prototype for a key such as "constructor"', async () => {
      const input = { hours: [{ hour: 12, counts: {} }], series: [{ key: 'constructor', label: 'C' }] };
      const png = decodePng(await renderCallsPerHourChart(input));
      expect(png.cssColor(hourCenter(12), atShare(0.5))).toBe(COLORS.background);
    });

    test('moves the plot down when the legend wraps onto a second row', async () => {
      const series = Array.from({ length: 8 }, (_, i) => ({
        key: i ? `k${i}` : 'answered',
        label: `结果 outcome ${i}`,
      }));
      const png = decodePng(await renderCallsPerHourChart({ hours: INPUT.hours, series }));
      // The full-height bar of hour 12 now starts one legend row (24 px) lower than with one row.
      expect(png.cssColor(hourCenter(12), top + 12)).toBe(COLORS.background);
      expect(png.cssColor(hourCenter(12), top + 36)).toBe(OUTCOME_COLORS.answered);
    });

    test('draws the same bytes for the same input', async () => {
      const [first, second] = await Promise.all([
        renderCallsPerHourChart(INPUT),
        renderCallsPerHourChart(INPUT),
      ]);
      expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    });

    test('draws empty axes when there are no calls', async () => {
      const png = decodePng(await renderCallsPerHourChart({ hours: [], series: SERIES }));
      expect(png.cssColor(hourCenter(12), atShare(0.5))).toBe(COLORS.background);
    });
  });

  describe('input validation', () => {
    const rejects = async (input: unknown, options: unknown, ...fragments: string[]): Promise<void> => {
      const error = await renderCallsPerHourChart(input as CallsPerHourChartInput, options as never).catch(
        (caught: unknown) => caught,
      );
      expect(isStatsError(error)).toBe(true);
      expect(error).toMatchObject({ code: StatsErrorCode.InvalidOption });
      for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
    };

    test('names an hour out of range and a bad count, all at once', () =>
      rejects(
        {
          ...INPUT,
          hours: [
            { hour: 24, counts: {} },
            { hour: 1, counts: { answered: -1 } },
          ],
        },
        undefined,
        'hours.0.hour: must be an integer from 0 to 23, got 24',
        'hours.1.counts.answered: must be an integer',
      ));

    test('refuses the same hour twice', () =>
      rejects(
        {
          ...INPUT,
          hours: [
            { hour: 3, counts: {} },
            { hour: 3, counts: {} },
          ],
        },
        undefined,
        'each hour',
      ));

    test('refuses no series, duplicate keys and a colour that is not hex', async () => {
      await rejects({ ...INPUT, series: [] }, undefined, 'series: must name at least one outcome');
      await rejects({ ...INPUT, series: [SERIES[0], SERIES[0]] }, undefined, 'series: keys must be unique');
      await rejects(
        { ...INPUT, series: [{ key: 'a', label: 'A', color: 'green' }] },
        undefined,
        'series.0.color',
      );
    });

    test('refuses a count that is not a number', () =>
      rejects({ ...INPUT, hours: [{ hour: 1, counts: { answered: Number.NaN } }] }, undefined, 'got NaN'));

    test('refuses sizes out of range', async () => {
      await rejects(INPUT, { width: 10 }, 'width: must be an integer from 320 to 2000, got 10');
      await rejects(INPUT, { scale: 0 }, 'scale: must be a number from 1 to 4');
    });

    test('refuses something that is not an input at all', () =>
      rejects(null, undefined, 'Calls-per-hour chart'));
  });
});
