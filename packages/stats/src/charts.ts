/**
 * `@ccc-kit/stats/charts`: PNG charts rendered on the server, without a browser (ECharts' SVG renderer, then
 * resvg with the shipped Noto Sans SC font, so Chinese names draw on machines without fonts).
 * @packageDocumentation
 */

export type { CallsPerHourChartInput, HourOutcomeCounts, OutcomeSeries } from './charts/calls-per-hour.ts';
export { renderCallsPerHourChart } from './charts/calls-per-hour.ts';
export type { GroupWait } from './charts/group-rows.ts';
export { formatSeconds, truncateLabel } from './charts/labels.ts';
export type { ChartRenderOptions } from './charts/render-png.ts';
export { DEFAULT_CHART_SIZE } from './charts/render-png.ts';
export { OUTCOME_COLORS } from './charts/theme.ts';
export type { WaitByGroupChartInput } from './charts/wait-by-group.ts';
export { renderWaitByGroupChart } from './charts/wait-by-group.ts';
export { isStatsError, StatsError, StatsErrorCode } from './errors.ts';
