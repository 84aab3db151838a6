import type { EChartsCoreOption } from 'echarts/core';
import * as v from 'valibot';
import { truncateLabel } from './labels.ts';
import { legendLayout } from './legend.ts';
import { type ChartRenderOptions, renderOptionToPng, resolveChartSize } from './render-png.ts';
import { baseOption, COLORS, FALLBACK_PALETTE, FONT_SIZE, OUTCOME_COLORS } from './theme.ts';
import { numberIn, parseChartInput } from './validate.ts';

/** Calls of one hour of the day (in the caller's time zone), by outcome key. */
export interface HourOutcomeCounts {
  /** Hour of the day, 0–23. Hours that are not given are drawn as zero. */
  readonly hour: number;
  /** Calls by outcome key (`{ answered: 12, missed: 3 }`); keys that no series names are not drawn. */
  readonly counts: Readonly<Record<string, number>>;
}

/** One layer of the stacked bars, bottom first. */
export interface OutcomeSeries {
  /** Key in {@link HourOutcomeCounts.counts}. */
  readonly key: string;
  /** Legend text, e.g. `'Answered'` or `'已接听'`. */
  readonly label: string;
  /** `#rgb` or `#rrggbb`; by default from the key (answered green, missed red, abandoned orange, …). */
  readonly color?: string | undefined;
}

/** What {@link renderCallsPerHourChart} draws. */
export interface CallsPerHourChartInput {
  /** Title above the chart (default `'Calls per hour'`). */
  readonly title?: string | undefined;
  /** The time zone the hours are in, shown in the axis name (`'Hour (Asia/Shanghai)'`). */
  readonly timeZoneLabel?: string | undefined;
  /** At most one entry per hour. */
  readonly hours: ReadonlyArray<HourOutcomeCounts>;
  /** 1–8 outcomes in stacking order, keys unique. */
  readonly series: ReadonlyArray<OutcomeSeries>;
}

const WHAT = 'Calls-per-hour chart';

/**
 * Plot area margins in CSS pixels. Fixed (labels are not measured), so the bars sit at the same place for any
 * data: the y labels are counts, which fit in the 64 px on the left.
 */
export const CALLS_PER_HOUR_GRID: {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
} = { left: 64, right: 24, top: 88, bottom: 56 };
const MAX_SERIES = 8;

const InputSchema = v.object({
  title: v.optional(v.string()),
  timeZoneLabel: v.optional(v.string()),
  hours: v.pipe(
    v.array(
      v.object({
        hour: numberIn(0, 23, true),
        counts: v.record(v.string(), numberIn(0, Number.MAX_SAFE_INTEGER, true)),
      }),
    ),
    v.check((hours) => new Set(hours.map((h) => h.hour)).size === hours.length, 'each hour must appear once'),
  ),
  series: v.pipe(
    v.array(
      v.object({
        key: v.pipe(v.string(), v.nonEmpty('must not be empty')),
        label: v.string(),
        color: v.optional(v.pipe(v.string(), v.regex(/^#(?:[0-9a-f]{3}){1,2}$/i, 'must be #rgb or #rrggbb'))),
      }),
    ),
    v.minLength(1, 'must name at least one outcome'),
    v.maxLength(MAX_SERIES, `must name at most ${MAX_SERIES} outcomes`),
    v.check((series) => new Set(series.map((s) => s.key)).size === series.length, 'keys must be unique'),
  ),
});

type Input = v.InferOutput<typeof InputSchema>;

/** Own properties only: a key such as `constructor` must not find `Object.prototype`'s. */
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

/** Each series' colour: its own, else the one of its key, else the next unused palette colour. */
function seriesColors(series: Input['series']): string[] {
  let next = 0;
  return series.map(
    (s) =>
      s.color ??
      own(OUTCOME_COLORS, s.key) ??
      FALLBACK_PALETTE[next++ % FALLBACK_PALETTE.length] ??
      COLORS.other,
  );
}

/** The ECharts option: 24 hour categories, one stacked bar series per outcome. */
function callsPerHourOption(input: Input, width: number): EChartsCoreOption {
  const byHour = new Map(input.hours.map((h) => [h.hour, h.counts]));
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const colors = seriesColors(input.series);
  const legend = legendLayout(
    input.series.map((s) => s.label),
    width,
    COLORS.muted,
  );
  const axisText = { color: COLORS.muted, fontSize: FONT_SIZE.body };
  return {
    ...baseOption(input.title ?? 'Calls per hour'),
    legend: legend.option,
    grid: {
      ...CALLS_PER_HOUR_GRID,
      top: CALLS_PER_HOUR_GRID.top + legend.extraHeight,
      outerBoundsMode: 'none',
    },
    xAxis: {
      type: 'category',
      data: hours.map((hour) => String(hour).padStart(2, '0')),
      name: input.timeZoneLabel ? `Hour (${truncateLabel(input.timeZoneLabel)})` : 'Hour',
      nameLocation: 'middle',
      nameGap: 32,
      nameTextStyle: axisText,
      axisLabel: { ...axisText, interval: 0 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.axisLine } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: axisText,
      splitLine: { lineStyle: { color: COLORS.gridLine } },
    },
    series: input.series.map((s, index) => ({
      type: 'bar',
      id: s.key,
      name: legend.labels[index],
      stack: 'calls',
      barWidth: '70%',
      itemStyle: { color: colors[index] },
      data: hours.map((hour) => own(byHour.get(hour), s.key) ?? 0),
    })),
  };
}

/**
 * Calls per hour of the day as stacked bars, one layer per outcome, drawn to PNG without a browser.
 * @returns PNG bytes, 1600 × 800 by default (see {@link ChartRenderOptions}).
 * @throws StatsError `stats_invalid_option` for a bad input or size; `stats_render_failed` (with `cause`) if
 *   drawing fails.
 * @example
 * ```ts
 * const png = await renderCallsPerHourChart({
 *   timeZoneLabel: 'Asia/Shanghai',
 *   hours: [{ hour: 9, counts: { answered: 42, missed: 3 } }, { hour: 10, counts: { answered: 51, abandoned: 2 } }],
 *   series: [
 *     { key: 'answered', label: 'Answered' },
 *     { key: 'missed', label: 'Missed' },
 *     { key: 'abandoned', label: 'Abandoned' },
 *   ],
 * });
 * await client.files.uploadV2({ channel_id, file: Buffer.from(png), filename: 'calls-per-hour.png' });
 * ```
 */
export async function renderCallsPerHourChart(
  input: CallsPerHourChartInput,
  options?: ChartRenderOptions,
): Promise<Uint8Array> {
  const parsed = parseChartInput(WHAT, InputSchema, input);
  const size = resolveChartSize(WHAT, options);
  return renderOptionToPng(WHAT, callsPerHourOption(parsed, size.width), size);
}
