import { renderAsync } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import * as v from 'valibot';
import { StatsError, StatsErrorCode } from '../errors.ts';
import { chartFontFiles } from './font.ts';
import { COLORS, FONT_FAMILY } from './theme.ts';
import { numberIn, parseChartInput } from './validate.ts';

/**
 * Size of a chart. The defaults, 800 × 400 CSS pixels drawn at scale 2 (a 1600 × 800 PNG), stay sharp on
 * high-density screens and legible when Slack fits the image to its message column.
 */
export interface ChartRenderOptions {
  /** Width in CSS pixels, 320–2000 (default 800). Text sizes are fixed, so a wider chart shows more. */
  readonly width?: number | undefined;
  /** Height in CSS pixels, 200–2000 (default 400). */
  readonly height?: number | undefined;
  /** Pixels per CSS pixel, 1–4 (default 2); the PNG is `width × scale` by `height × scale`. */
  readonly scale?: number | undefined;
}

/** {@link ChartRenderOptions} with every default applied. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
}

/** The size a chart has when {@link ChartRenderOptions} leaves it out: 800 × 400 at scale 2. */
export const DEFAULT_CHART_SIZE: ChartSize = { width: 800, height: 400, scale: 2 };

const SizeSchema = v.object({
  width: v.optional(numberIn(320, 2000, true), DEFAULT_CHART_SIZE.width),
  height: v.optional(numberIn(200, 2000, true), DEFAULT_CHART_SIZE.height),
  scale: v.optional(numberIn(1, 4, false), DEFAULT_CHART_SIZE.scale),
});

/** Throws `stats_invalid_option` for a size out of range; returns the size with defaults applied. */
export function resolveChartSize(what: string, options: ChartRenderOptions | undefined): ChartSize {
  return parseChartInput(what, SizeSchema, options ?? {});
}

let registered = false;

/** ECharts option → SVG text. Registers only the parts the charts use, so nothing else is loaded. */
export function optionToSvg(option: EChartsCoreOption, width: number, height: number): string {
  if (!registered) {
    use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);
    registered = true;
  }
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  // An instance holds its whole scene graph until disposed; one per render, always disposed, so nothing grows.
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * SVG text → PNG bytes, with the shipped font only: system fonts are not loaded, so a chart looks the same on
 * every machine, fonts installed or not. Rasterising runs on libuv's thread pool, off the event loop.
 */
export async function svgToPng(svg: string, scale: number): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    font: {
      fontFiles: [...chartFontFiles()],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: COLORS.background,
  });
  return image.asPng();
}

/**
 * Draws an ECharts option as a PNG; every failure of ECharts, resvg or the font lookup becomes
 * `stats_render_failed` with the original error as `cause`.
 */
export async function renderOptionToPng(
  what: string,
  option: EChartsCoreOption,
  size: ChartSize,
): Promise<Uint8Array> {
  try {
    return await svgToPng(optionToSvg(option, size.width, size.height), size.scale);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StatsError(StatsErrorCode.RenderFailed, `${what}: could not render the chart: ${reason}`, {
      cause: error,
    });
  }
}
