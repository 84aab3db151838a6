import type { EChartsCoreOption } from 'echarts/core';
import * as v from 'valibot';
import { type GroupRow, type GroupWait, groupRows } from './group-rows.ts';
import { durationAxis, formatSeconds } from './labels.ts';
import { type ChartRenderOptions, renderOptionToPng, resolveChartSize } from './render-png.ts';
import { baseOption, COLORS, FONT_SIZE } from './theme.ts';
import { numberIn, parseChartInput } from './validate.ts';

/** What {@link renderWaitByGroupChart} draws. */
export interface WaitByGroupChartInput {
  /** Title above the chart (default `'Wait before answer, p90, by skill group'`). */
  readonly title?: string | undefined;
  /** The groups, in any order. An empty list draws empty axes. */
  readonly groups: ReadonlyArray<GroupWait>;
  /** Target answer time: drawn as a dashed line; bars above it are red, the others green (blue without it). */
  readonly serviceLevelSeconds?: number | undefined;
  /** Groups drawn before the rest are summed up as one "Other (k groups)" row, 1–30 (default 10). */
  readonly maxGroups?: number | undefined;
}

const WHAT = 'Wait-by-group chart';

/**
 * Margins of the plot area in CSS pixels. The group names are measured and fitted inside `left`; `right`
 * leaves room for the value label of the longest bar.
 */
export const WAIT_BY_GROUP_GRID: {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
} = { left: 16, right: 96, top: 60, bottom: 36 };
const DAY_SECONDS = 86_400;

const InputSchema = v.object({
  title: v.optional(v.string()),
  groups: v.array(
    v.object({
      name: v.string(),
      p90Seconds: v.nullable(numberIn(0, 7 * DAY_SECONDS, false)),
      answered: v.optional(numberIn(0, Number.MAX_SAFE_INTEGER, true)),
    }),
  ),
  serviceLevelSeconds: v.optional(numberIn(0, DAY_SECONDS, false)),
  maxGroups: v.optional(numberIn(1, 30, true), 10),
});

type Input = v.InferOutput<typeof InputSchema>;

const barColor = (row: GroupRow, serviceLevel: number | undefined): string => {
  if (row.isOther) return COLORS.other;
  if (serviceLevel === undefined) return COLORS.neutral;
  return (row.p90Seconds ?? 0) <= serviceLevel ? COLORS.good : COLORS.bad;
};

const barLabel = (row: GroupRow | undefined): string => {
  if (row === undefined || row.p90Seconds === null) return 'no answered calls';
  return row.isOther ? `max ${formatSeconds(row.p90Seconds)}` : formatSeconds(row.p90Seconds);
};

/** The service-level line, labelled above the first bar (the axis is inverted, so that is its start). */
const serviceLevelLine = (seconds: number) => ({
  symbol: 'none',
  silent: true,
  lineStyle: { color: COLORS.text, type: 'dashed', width: 1.5 },
  label: {
    formatter: `SL ${formatSeconds(seconds)}`,
    color: COLORS.text,
    fontSize: FONT_SIZE.body,
    position: 'start',
  },
  data: [{ xAxis: seconds }],
});

/** The one bar series: a coloured bar and a value label per row, and the service-level line if there is one. */
const barSeries = (rows: readonly GroupRow[], serviceLevel: number | undefined) => ({
  type: 'bar',
  barWidth: '60%',
  data: rows.map((row) => ({
    value: row.p90Seconds ?? 0,
    itemStyle: { color: barColor(row, serviceLevel) },
  })),
  label: {
    show: true,
    position: 'right',
    color: COLORS.muted,
    fontSize: FONT_SIZE.body,
    formatter: ({ dataIndex }: { dataIndex: number }) => barLabel(rows[dataIndex]),
  },
  markLine: serviceLevel === undefined ? undefined : serviceLevelLine(serviceLevel),
});

/** The ECharts option: one horizontal bar per row, busiest group on top. */
function waitByGroupOption(input: Input): EChartsCoreOption {
  const rows = groupRows(input.groups, input.maxGroups);
  const serviceLevel = input.serviceLevelSeconds;
  return {
    ...baseOption(input.title ?? 'Wait before answer, p90, by skill group'),
    grid: { ...WAIT_BY_GROUP_GRID, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'value',
      ...durationAxis(Math.max(serviceLevel ?? 0, ...rows.map((row) => row.p90Seconds ?? 0))),
      axisLabel: { color: COLORS.muted, fontSize: FONT_SIZE.body, formatter: formatSeconds },
      splitLine: { lineStyle: { color: COLORS.gridLine } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => row.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.axisLine } },
      axisLabel: { color: COLORS.text, fontSize: FONT_SIZE.body },
    },
    series: [barSeries(rows, serviceLevel)],
  };
}

/**
 * The 90th percentile of the wait before answer per skill group, as horizontal bars (busiest group on top,
 * the rest summed up as "Other (k groups)"), drawn to PNG without a browser.
 * @returns PNG bytes, 1600 × 800 by default (see {@link ChartRenderOptions}).
 * @throws StatsError `stats_invalid_option` for a bad input or size; `stats_render_failed` (with `cause`) if
 *   drawing fails.
 * @example
 * ```ts
 * const png = await renderWaitByGroupChart({
 *   serviceLevelSeconds: 20,
 *   groups: [
 *     { name: '售后服务组', p90Seconds: 34, answered: 120 },
 *     { name: 'Sales', p90Seconds: 12, answered: 80 },
 *     { name: 'VIP', p90Seconds: null, answered: 0 },
 *   ],
 * });
 * ```
 */
export async function renderWaitByGroupChart(
  input: WaitByGroupChartInput,
  options?: ChartRenderOptions,
): Promise<Uint8Array> {
  const parsed = parseChartInput(WHAT, InputSchema, input);
  const size = resolveChartSize(WHAT, options);
  return renderOptionToPng(WHAT, waitByGroupOption(parsed), size);
}
