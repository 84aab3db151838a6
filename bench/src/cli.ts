import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIGURES } from './figures/index.ts';
import { canPin, pinSelfToGeneratorCore } from './harness/cpu.ts';
import { replaceResultsBlock, resultsMarkdown } from './harness/readme.ts';
import {
  collectRunInfo,
  gitState,
  mergeResults,
  packageVersions,
  readResults,
  writeResults,
} from './harness/results.ts';
import { SMOKE } from './harness/smoke.ts';
import { formatTextTable, tableRows } from './harness/table.ts';
import type { Figure, FigureResult } from './harness/types.ts';

const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(BENCH_DIR);
const RESULTS_FILE = join(BENCH_DIR, 'results', 'latest.json');
const README_FILE = join(BENCH_DIR, 'README.md');
const VERSIONED = [
  '@ccc-kit/ccc-client',
  '@ccc-kit/desk-client',
  '@ccc-kit/cdr-parser',
  '@ccc-kit/schemas',
  '@ccc-kit/sandbox',
  '@ccc-kit/webhook',
  '@ccc-kit/slack-bot',
  'autocannon',
  'tencentcloud-sdk-nodejs-common',
  'tls-sig-api-v2',
  'valibot',
  'better-sqlite3',
  'pg',
  '@slack/bolt',
  '@slack/web-api',
];
const VERSION_DIRS = [
  'bench',
  'apps/webhook',
  'apps/slack-bot',
  'packages/cdr-parser',
  'packages/schemas',
  '.',
].map((dir) => join(ROOT, dir));

const log = (message: string): void => {
  process.stderr.write(`  · ${message}\n`);
};

/** Runs one figure; a figure that throws is reported as broken (and makes the process exit non-zero). */
async function runFigure(figure: Figure): Promise<{ result: FigureResult; broken: boolean }> {
  const started = performance.now();
  const base = {
    name: figure.name,
    title: figure.title,
    baselineLabel: figure.baselineLabel,
    productLabel: figure.productLabel,
    commit: gitState(ROOT).commit,
    measuredAt: new Date().toISOString(),
  };
  process.stderr.write(`\n▶ ${figure.name}: ${figure.title}\n`);
  try {
    const outcome = await figure.run({ root: ROOT, log });
    return {
      result: { ...base, ...outcome, durationMs: Math.round(performance.now() - started) },
      broken: false,
    };
  } catch (error) {
    process.stderr.write(`✗ ${figure.name} broke: ${(error as Error).stack ?? String(error)}\n`);
    const reason = `benchmark failed: ${(error as Error).message}`;
    const durationMs = Math.round(performance.now() - started);
    return { result: { ...base, status: 'skipped', reason, durationMs }, broken: true };
  }
}

function selectFigures(names: readonly string[]): Figure[] {
  if (names.length === 0) return [...FIGURES];
  const unknown = names.filter((name) => !FIGURES.some((figure) => figure.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown figure ${unknown.join(', ')}. Known: ${FIGURES.map((figure) => figure.name).join(', ')}\n`,
    );
    process.exit(2);
  }
  return FIGURES.filter((figure) => names.includes(figure.name));
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((arg) => arg !== '--');
  const figures = selectFigures(names);
  pinSelfToGeneratorCore();
  const startedAt = new Date();
  const results: FigureResult[] = [];
  let broken = false;
  for (const figure of figures) {
    const outcome = await runFigure(figure);
    results.push(outcome.result);
    broken ||= outcome.broken;
  }
  const run = collectRunInfo({
    root: ROOT,
    startedAt,
    pinned: canPin(),
    packages: packageVersions(VERSIONED, VERSION_DIRS),
  });
  const merged = mergeResults(
    readResults(RESULTS_FILE),
    run,
    results,
    FIGURES.map((figure) => figure.name),
  );
  // A smoke run measured nothing worth keeping: it must not replace real results.
  if (!SMOKE) {
    writeResults(RESULTS_FILE, merged);
    writeFileSync(
      README_FILE,
      replaceResultsBlock(readFileSync(README_FILE, 'utf8'), resultsMarkdown(merged)),
    );
  }
  const seconds = ((Date.now() - startedAt.getTime()) / 1000).toFixed(0);
  process.stdout.write(`\n${formatTextTable(tableRows(results))}\n\n`);
  const where = SMOKE ? 'BENCH_SMOKE=1: results not written' : 'results in bench/results/latest.json';
  process.stdout.write(`${figures.length} figure(s) in ${seconds} s; ${where}.\n`);
  // Speed never fails the run (targets are informative); only a benchmark that could not measure does.
  process.exitCode = broken ? 1 : 0;
}

await main();
