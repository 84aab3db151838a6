import { describe, expect, test } from 'vitest';
import { isStatsError, StatsErrorCode } from '../errors.ts';
import { type DecodedPng, decodePng } from './test-utils/png.ts';
import { COLORS } from './theme.ts';
import { renderWaitByGroupChart, WAIT_BY_GROUP_GRID, type WaitByGroupChartInput } from './wait-by-group.ts';

/** Three rows, busiest on top: a bar filling the axis (100 s, above the 20 s service level), a short one, none. */
const INPUT: WaitByGroupChartInput = {
  serviceLevelSeconds: 20,
  groups: [
    { name: 'Quiet', p90Seconds: null, answered: 0 },
    { name: 'Short', p90Seconds: 5, answered: 20 },
    { name: 'Slow', p90Seconds: 100, answered: 30 },
  ],
};

// Rows share the plot height equally; the names' width decides where the plot starts, so x is searched.
const { top, bottom } = WAIT_BY_GROUP_GRID;
const rowCenter = (row: number, rows: number): number => top + ((row + 0.5) * (400 - top - bottom)) / rows;
const colorsAlongRow = (png: ReturnType<typeof decodePng>, y: number): Set<string> =>
  new Set(Array.from({ length: 800 }, (_, x) => png.cssColor(x, y)));

// The tests that only read the default drawing share one render (each takes ~0.25 s of CPU, several
// seconds when the whole suite shares the machine).
let defaultDrawing: Promise<DecodedPng> | undefined;
const drawDefault = (): Promise<DecodedPng> =>
  (defaultDrawing ??= renderWaitByGroupChart(INPUT).then(decodePng));

describe('renderWaitByGroupChart', () => {
  describe('golden image', () => {
    test('is a PNG of 1600 × 800 pixels on a white background', async () => {
      const png = await drawDefault();
      expect([png.width, png.height]).toEqual([1600, 800]);
      expect(png.cssColor(2, 2)).toBe(COLORS.background);
    });

    test('draws the slowest group first as a long red bar (above the service level)', async () => {
      const png = await drawDefault();
      // The axis ends at 100 s, so the bar reaches the plot's right edge; 70 % of the width is inside it.
      expect(png.cssColor(560, rowCenter(0, 3))).toBe(COLORS.bad);
    });

    test('draws a group within the service level as a short green bar, empty beyond it', async () => {
      const png = await drawDefault();
      expect(colorsAlongRow(png, rowCenter(1, 3))).toContain(COLORS.good);
      expect(png.cssColor(560, rowCenter(1, 3))).toBe(COLORS.background);
    });

    test('draws no bar for a group without answered calls', async () => {
      const png = await drawDefault();
      const colors = colorsAlongRow(png, rowCenter(2, 3));
      expect(colors).not.toContain(COLORS.good);
      expect(colors).not.toContain(COLORS.bad);
    });

    test('draws every bar blue without a service level', async () => {
      const png = decodePng(await renderWaitByGroupChart({ ...INPUT, serviceLevelSeconds: undefined }));
      expect(png.cssColor(560, rowCenter(0, 3))).toBe(COLORS.neutral);
    });

    test('sums up the groups past maxGroups as one grey row at the bottom', async () => {
      const groups = Array.from({ length: 6 }, (_, i) => ({
        name: `G${i}`,
        p90Seconds: 100 - i,
        answered: 60 - i,
      }));
      const png = decodePng(await renderWaitByGroupChart({ groups, serviceLevelSeconds: 20, maxGroups: 3 }));
      expect(png.cssColor(560, rowCenter(0, 4))).toBe(COLORS.bad);
      expect(png.cssColor(560, rowCenter(3, 4))).toBe(COLORS.other);
    });

    test('draws empty axes for no groups', async () => {
      const png = decodePng(await renderWaitByGroupChart({ groups: [] }));
      expect(png.cssColor(560, 200)).toBe(COLORS.background);
    });
  });

  describe('Chinese group names', () => {
    const y = rowCenter(0, 1);
    /** The label area of the only row: from the left edge to just before its bar (the names set the bar's start). */
    const render = async (name: string) => {
      const png = decodePng(await renderWaitByGroupChart({ groups: [{ name, p90Seconds: 10 }] }));
      const barStart = Array.from({ length: 800 }, (_, x) => x).find(
        (x) => png.cssColor(x, y) === COLORS.neutral,
      );
      if (barStart === undefined) throw new Error('no bar found');
      return { png, box: { left: 0, top: (y - 12) * 2, right: (barStart - 4) * 2, bottom: (y + 12) * 2 } };
    };

    test('draws the glyphs of the shipped font, different for different characters', async () => {
      const [service, support] = await Promise.all([render('售后服务组'), render('技术支持组')]);
      expect(service.box).toEqual(support.box);
      expect(service.png.darkPixels(service.box)).toBeGreaterThan(500);
      expect(support.png.darkPixels(support.box)).toBeGreaterThan(500);
      expect(service.png.crop(service.box).equals(support.png.crop(support.box))).toBe(false);
    });
  });

  describe('input validation', () => {
    const rejects = async (input: unknown, ...fragments: string[]): Promise<void> => {
      const error = await renderWaitByGroupChart(input as WaitByGroupChartInput).catch(
        (caught: unknown) => caught,
      );
      expect(isStatsError(error)).toBe(true);
      expect(error).toMatchObject({ code: StatsErrorCode.InvalidOption });
      for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
    };

    test('names a negative wait, a fractional answered count and a bad service level', () =>
      rejects(
        {
          groups: [{ name: 'A', p90Seconds: -1, answered: 1.5 }],
          serviceLevelSeconds: Number.POSITIVE_INFINITY,
        },
        'groups.0.p90Seconds: must be a number from 0 to 604800, got -1',
        'groups.0.answered: must be an integer',
        'serviceLevelSeconds: must be a number from 0 to 86400, got Infinity',
      ));

    test('refuses maxGroups out of range and a group without a name', async () => {
      await rejects({ groups: [], maxGroups: 0 }, 'maxGroups: must be an integer from 1 to 30, got 0');
      await rejects({ groups: [{ p90Seconds: 1 }] }, 'groups.0.name');
    });
  });
});
