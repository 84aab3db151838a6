import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject, onTestFinished } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder where each scenario writes its row of the summary table (set by `summary.global.ts`). */
    reliabilityReportDir: string;
  }
}

/** A figure of a scenario: name and value (numbers are printed with thousands separators). */
export type Figures = Readonly<Record<string, number | string>>;

/** One row of the summary table. */
export interface ScenarioRow {
  readonly scenario: string;
  readonly figures: Figures;
  readonly status: 'pass' | 'FAIL';
}

const show = (value: number | string): string =>
  typeof value === 'number'
    ? Number.isInteger(value)
      ? value.toLocaleString('en-US')
      : value.toLocaleString('en-US', { maximumFractionDigits: 2 })
    : value;

/** One line per scenario: `name: a=1, b=2`. */
export const formatFigures = (figures: Figures): string =>
  Object.entries(figures)
    .map(([name, value]) => `${name}=${show(value)}`)
    .join(', ');

/**
 * Records a scenario's figures: printed now (so they show even when an assertion fails later) and written
 * for the summary table with the test's final status. Call it inside the test, before the assertions.
 */
export function reportScenario(scenario: string, figures: Figures): void {
  console.log(`[reliability] ${scenario}: ${formatFigures(figures)}`);
  onTestFinished(({ task }) => {
    const status = task.result?.state === 'fail' ? 'FAIL' : 'pass';
    const row: ScenarioRow = { scenario, figures, status };
    const file = `${scenario.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${process.pid}-${Date.now()}.json`;
    writeFileSync(join(inject('reliabilityReportDir'), file), JSON.stringify(row));
  });
}

/** Reads every row written so far, sorted by scenario name (they start with their number). */
export function readRows(dir: string): ScenarioRow[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ScenarioRow)
    .sort((a, b) => a.scenario.localeCompare(b.scenario, 'en', { numeric: true }));
}

/** The summary table: one row per scenario, figures wrapped onto continuation lines. */
export function formatTable(rows: readonly ScenarioRow[], width = 110): string {
  const nameWidth = Math.max(8, ...rows.map((r) => r.scenario.length));
  const lines = [`${'scenario'.padEnd(nameWidth)}  status  figures`, '-'.repeat(width)];
  for (const row of rows) {
    const wrapped: string[] = [''];
    for (const part of formatFigures(row.figures).split(', ')) {
      const last = wrapped.length - 1;
      const current = wrapped[last] as string;
      if (current && current.length + part.length + 2 > width - nameWidth - 10) wrapped.push(part);
      else wrapped[last] = current ? `${current}, ${part}` : part;
    }
    wrapped.forEach((text, i) => {
      const head =
        i === 0 ? `${row.scenario.padEnd(nameWidth)}  ${row.status.padEnd(6)}` : ' '.repeat(nameWidth + 8);
      lines.push(`${head}  ${text}`);
    });
  }
  return lines.join('\n');
}
