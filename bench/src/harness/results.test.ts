import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { median } from './measure.ts';
import { README_END, README_START, replaceResultsBlock, resultsMarkdown } from './readme.ts';
import { collectRunInfo, mergeResults, readResults, writeResults } from './results.ts';
import type { FigureResult } from './types.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

const figure = (name: string, product: number): FigureResult => ({
  name,
  title: name,
  baselineLabel: 'baseline',
  productLabel: 'product',
  commit: '0123456789abcdef',
  measuredAt: '2026-11-22T10:00:00.000Z',
  durationMs: 5,
  status: 'ok',
  metrics: [{ name: 'm', unit: 'ops/s', baseline: 1, product, ratio: product }],
});
const run = collectRunInfo({
  root: ROOT,
  startedAt: new Date(),
  pinned: true,
  packages: { autocannon: '9.0.0' },
});

describe('run info', () => {
  test('describes the machine, Node and the commit', () => {
    expect(run.node).toBe(process.version);
    expect(run.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(run.cpus.length).toBeGreaterThan(0);
    expect(run.cpus[0]).toEqual({ model: expect.any(String), speedMHz: expect.any(Number) });
    expect(run.totalMemoryMB).toBeGreaterThan(0);
    expect(run.loadAverage).toHaveLength(3);
    expect(run.packages).toEqual({ autocannon: '9.0.0' });
  });
});

describe('results file', () => {
  test('a partial run replaces its figures and keeps the others, in figure order', () => {
    const order = ['ingest', 'parse', 'signing'];
    const first = mergeResults(undefined, run, [figure('signing', 1), figure('ingest', 2)], order);
    expect(Object.keys(first.figures)).toEqual(['ingest', 'signing']);
    const second = mergeResults(first, run, [figure('signing', 3), figure('parse', 4)], order);
    expect(Object.keys(second.figures)).toEqual(['ingest', 'parse', 'signing']);
    expect(second.figures.signing).toEqual(figure('signing', 3));
    expect(second.figures.ingest).toEqual(figure('ingest', 2));
  });

  test('round-trips through the file; unknown or broken files read as undefined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    const file = join(dir, 'latest.json');
    expect(readResults(file)).toBeUndefined();
    const results = mergeResults(undefined, run, [figure('signing', 1)], ['signing']);
    writeResults(file, results);
    expect(readResults(file)).toEqual(results);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      schemaVersion: 1,
      run: { commit: run.commit },
    });
    writeFileSync(file, '{"schemaVersion": 2, "figures": {}}');
    expect(readResults(file)).toBeUndefined();
    writeFileSync(file, 'not json');
    expect(readResults(file)).toBeUndefined();
  });
});

describe('README block', () => {
  const results = mergeResults(undefined, run, [figure('signing', 2)], ['signing']);
  const block = resultsMarkdown(results);

  test('names the commit, the machine and Node, then holds the table', () => {
    expect(block).toContain('at commit 0123456');
    expect(block).toContain(`Node ${process.version}`);
    expect(block).toContain('| signing | m      | 1.00 ops/s | 2.00 ops/s | 2.00× |        |     |');
  });

  test('replaces only the text between the markers', () => {
    const readme = `# Bench\n\nintro\n\n${README_START}\nold table\n${README_END}\n\n## After\n`;
    const updated = replaceResultsBlock(readme, block);
    expect(updated.startsWith('# Bench\n\nintro\n\n')).toBe(true);
    expect(updated.endsWith(`${README_END}\n\n## After\n`)).toBe(true);
    expect(updated).not.toContain('old table');
    expect(replaceResultsBlock(updated, block)).toBe(updated);
  });

  test('appends the markers when the README has none', () => {
    expect(replaceResultsBlock('# Bench\n', 'table')).toBe(
      `# Bench\n\n${README_START}\ntable\n${README_END}\n`,
    );
  });
});

test('median of odd and even lists', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
});
