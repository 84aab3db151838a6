import type { FigureResult, Metric, Target } from './types.ts';

/** The cells of one table line, as text. */
export interface TableRow {
  readonly figure: string;
  readonly metric: string;
  readonly baseline: string;
  readonly product: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: string;
}

const HEADER: TableRow = {
  figure: 'figure',
  metric: 'metric',
  baseline: 'baseline',
  product: 'product',
  ratio: 'ratio',
  target: 'target',
  met: 'met',
};
const COLUMNS = Object.keys(HEADER) as (keyof TableRow)[];
const RIGHT_ALIGNED = new Set<keyof TableRow>(['baseline', 'product', 'ratio']);

/** Formats a number for people: 3 significant digits below 100 (so 0.997 never shows as 1.0), separators above. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(3);
}

/** Whether the metric meets its target; `undefined` when it has none or the compared value is missing. */
export function meetsTarget(metric: Metric): boolean | undefined {
  const { target } = metric;
  if (!target) return undefined;
  const value = target.on === 'ratio' ? metric.ratio : metric.product;
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  const op = target.op === '>=' ? '≥' : '≤';
  return target.on === 'ratio'
    ? `ratio ${op} ${formatNumber(target.value)}×`
    : `${op} ${formatNumber(target.value)} ${unit}`;
}

function metricRow(figure: string, metric: Metric): TableRow {
  const withUnit = (n: number | undefined): string =>
    n === undefined ? '' : `${formatNumber(n)} ${metric.unit}`;
  const met = meetsTarget(metric);
  return {
    figure,
    metric: metric.note ? `${metric.name} (${metric.note})` : metric.name,
    baseline: withUnit(metric.baseline),
    product: withUnit(metric.product),
    ratio: metric.ratio === undefined ? '' : `${formatNumber(metric.ratio)}×`,
    target: formatTarget(metric.target, metric.unit),
    met: met === undefined ? '' : met ? '✓' : '✗',
  };
}

/** One table line per metric; a skipped figure is one line saying why. */
export function tableRows(results: readonly FigureResult[]): TableRow[] {
  return results.flatMap((result): TableRow[] => {
    if (result.status === 'skipped') {
      return [{ ...blank(result.name), metric: `skipped: ${result.reason}` }];
    }
    return result.metrics.map((metric) => metricRow(result.name, metric));
  });
}

function blank(figure: string): TableRow {
  return { figure, metric: '', baseline: '', product: '', ratio: '', target: '', met: '' };
}

/** A fixed-width table for the terminal. */
export function formatTextTable(rows: readonly TableRow[]): string {
  const all = [HEADER, ...rows];
  const widths = COLUMNS.map((column) => Math.max(...all.map((row) => [...row[column]].length)));
  const line = (row: TableRow): string =>
    COLUMNS.map((column, i) => {
      const width = widths[i] ?? 0;
      return RIGHT_ALIGNED.has(column) ? row[column].padStart(width) : row[column].padEnd(width);
    })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(HEADER), rule, ...rows.map(line)].join('\n');
}

/**
 * A GitHub-flavoured Markdown table, padded the way Biome formats Markdown (so the generated README passes
 * `biome ci`): every column as wide as its widest cell (at least 3), number columns right-aligned.
 */
export function formatMarkdownTable(rows: readonly TableRow[]): string {
  const escaped = [HEADER, ...rows].map((row) =>
    Object.fromEntries(COLUMNS.map((column) => [column, row[column].replaceAll('|', '\\|')])),
  ) as unknown as TableRow[];
  const widths = COLUMNS.map((column) => Math.max(3, ...escaped.map((row) => [...row[column]].length)));
  const pad = (text: string, i: number): string => {
    const fill = ' '.repeat((widths[i] ?? 0) - [...text].length);
    return RIGHT_ALIGNED.has(COLUMNS[i] as keyof TableRow) ? fill + text : text + fill;
  };
  const line = (row: TableRow): string =>
    `| ${COLUMNS.map((column, i) => pad(row[column], i)).join(' | ')} |`;
  const rule = `| ${COLUMNS.map((column, i) => {
    const width = widths[i] ?? 3;
    return RIGHT_ALIGNED.has(column) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width);
  }).join(' | ')} |`;
  const [header, ...body] = escaped as [TableRow, ...TableRow[]];
  return [line(header), rule, ...body.map(line)].join('\n');
}
