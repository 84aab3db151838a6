import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { isStatsError, StatsErrorCode } from '../errors.ts';
import { chartFontFiles, FONT_FILE_NAMES } from './font.ts';
import { renderOptionToPng, resolveChartSize, svgToPng } from './render-png.ts';
import { decodePng } from './test-utils/png.ts';
import { FONT_FAMILY } from './theme.ts';

/** One line of 40 px text on a 400 × 80 white SVG; the box is where it is drawn. */
const textSvg = (text: string, family = FONT_FAMILY): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><rect width="400" height="80" fill="#fff"/>` +
  `<text x="10" y="55" font-family="${family}" font-size="40">${text}</text></svg>`;
const WHOLE = { left: 0, top: 0, right: 400, bottom: 80 };

describe('chartFontFiles', () => {
  test('finds the shipped fonts in the package fonts/ folder, the Latin cut first', () => {
    expect(chartFontFiles().map((path) => basename(path))).toEqual(FONT_FILE_NAMES);
    expect(chartFontFiles().every((path) => existsSync(path))).toBe(true);
  });
});

describe('svgToPng', () => {
  test('draws Chinese and Latin text with the shipped font only', async () => {
    const chinese = decodePng(await svgToPng(textSvg('售后服务组'), 1));
    const latin = decodePng(await svgToPng(textSvg('Sales 42'), 1));
    expect(chinese.darkPixels(WHOLE)).toBeGreaterThan(1000);
    expect(latin.darkPixels(WHOLE)).toBeGreaterThan(500);
  });

  test('draws Latin text from the small Latin file exactly as the whole subset draws it', async () => {
    const [latinFile = '', wholeFile = ''] = chartFontFiles();
    const draw = async (fontFiles: string[]): Promise<Buffer> => {
      const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY };
      return Buffer.from((await renderAsync(textSvg('Sales 42 · 09:00–10:00 …'), { font })).asPng());
    };
    const [latin, whole] = await Promise.all([draw([latinFile]), draw([wholeFile])]);
    expect(decodePng(latin).darkPixels(WHOLE)).toBeGreaterThan(500);
    expect(latin.equals(whole)).toBe(true);
  });

  test('draws a label mixing Latin and Chinese with both files: the Chinese from the whole subset', async () => {
    const latin = decodePng(await svgToPng(textSvg('Sales 42'), 1)).darkPixels(WHOLE);
    const mixed = decodePng(await svgToPng(textSvg('Sales 42 售后'), 1)).darkPixels(WHOLE);
    expect(mixed).toBeGreaterThan(latin + 500);
  });

  test('draws real glyphs, not one missing-glyph box for every character', async () => {
    const [service, support] = await Promise.all([
      svgToPng(textSvg('售后服务组'), 1),
      svgToPng(textSvg('技术支持组'), 1),
    ]);
    expect(decodePng(service).crop(WHOLE).equals(decodePng(support).crop(WHOLE))).toBe(false);
  });

  test('draws nothing for characters outside the font (Hangul), so no system font stood in', async () => {
    expect(decodePng(await svgToPng(textSvg('고객센터'), 1)).darkPixels(WHOLE)).toBe(0);
  });

  test('uses the shipped font for generic and unknown families too', async () => {
    const generic = decodePng(await svgToPng(textSvg('售后', 'sans-serif'), 1));
    const unknown = decodePng(await svgToPng(textSvg('售后', 'Microsoft YaHei'), 1));
    expect(generic.darkPixels(WHOLE)).toBeGreaterThan(300);
    expect(unknown.darkPixels(WHOLE)).toBeGreaterThan(300);
  });

  test('scales the image', async () => {
    const png = decodePng(await svgToPng(textSvg('x'), 3));
    expect([png.width, png.height]).toEqual([1200, 240]);
  });
});

describe('renderOptionToPng', () => {
  const size = resolveChartSize('Test chart', { width: 400, height: 300, scale: 1 });

  test('wraps a failure inside ECharts as stats_render_failed, with the cause', async () => {
    const boom = new Error('boom');
    const option = {
      get series(): never {
        throw boom;
      },
    };
    const error = await renderOptionToPng('Test chart', option, size).catch((caught: unknown) => caught);
    expect(isStatsError(error)).toBe(true);
    expect(error).toMatchObject({
      code: StatsErrorCode.RenderFailed,
      message: 'Test chart: could not render the chart: boom',
      cause: boom,
    });
  });

  test('draws an option at the size asked for', async () => {
    const png = decodePng(await renderOptionToPng('Test chart', { title: { text: 'x' } }, size));
    expect([png.width, png.height]).toEqual([400, 300]);
  });
});

describe('resolveChartSize', () => {
  test('fills in 800 × 400 at scale 2', () => {
    expect(resolveChartSize('Test chart', undefined)).toEqual({ width: 800, height: 400, scale: 2 });
    expect(resolveChartSize('Test chart', { scale: 1.5 })).toEqual({ width: 800, height: 400, scale: 1.5 });
  });

  test('refuses a fractional width', () => {
    expect(() => resolveChartSize('Test chart', { width: 800.5 })).toThrow(
      'Test chart: invalid input: width: must be an integer from 320 to 2000, got 800.5',
    );
  });
});
