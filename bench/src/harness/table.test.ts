import { describe, expect, test } from 'vitest';
import { formatMarkdownTable, formatNumber, formatTextTable, meetsTarget, tableRows } from './table.ts';
import type { FigureResult } from './types.ts';

const base = {
  title: 'Signing',
  baselineLabel: 'official',
  productLabel: 'ours',
  commit: 'abc1234def',
  measuredAt: '2026-11-22T00:00:00.000Z',
  durationMs: 10,
};
const signing: FigureResult = {
  ...base,
  name: 'signing',
  status: 'ok',
  metrics: [
    {
      name: 'TC3',
      unit: 'ops/s',
      baseline: 69_926.4,
      product: 229_733,
      ratio: 3.2853,
      target: { on: 'ratio', op: '>=', value: 1 },
    },
    {
      name: 'p99 | ack',
      unit: 'ms',
      product: 12.5,
      target: { on: 'product', op: '<=', value: 10 },
      note: '5 conns',
    },
  ],
};
const skipped: FigureResult = {
  ...base,
  name: 'slash-command',
  status: 'skipped',
  reason: 'apps/slack-bot missing',
};

describe('formatNumber', () => {
  test.each([
    [229_733.4, '229,733'],
    [100, '100'],
    [42.345, '42.3'],
    [3.2853, '3.29'],
    [0.01234, '0.0123'],
    [0.997, '0.997'],
    [0, '0'],
    [Number.NaN, 'NaN'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('meetsTarget', () => {
  test('checks the ratio or the product, in the direction of the target', () => {
    const [tc3, p99] = signing.status === 'ok' ? signing.metrics : [];
    expect(tc3 && meetsTarget(tc3)).toBe(true);
    expect(p99 && meetsTarget(p99)).toBe(false);
    expect(
      meetsTarget({ name: 'x', unit: 'ms', product: 10, target: { on: 'product', op: '<=', value: 10 } }),
    ).toBe(true);
  });

  test('is undefined without a target or without the compared value', () => {
    expect(meetsTarget({ name: 'x', unit: 'ms', product: 1 })).toBeUndefined();
    expect(
      meetsTarget({ name: 'x', unit: 'ms', product: 1, target: { on: 'ratio', op: '>=', value: 1 } }),
    ).toBeUndefined();
  });
});

describe('tables', () => {
  const rows = tableRows([signing, skipped]);

  test('one row per metric, units on numbers, ✓/✗ against the target, skipped figures say why', () => {
    expect(rows).toEqual([
      {
        figure: 'signing',
        metric: 'TC3',
        baseline: '69,926 ops/s',
        product: '229,733 ops/s',
        ratio: '3.29×',
        target: 'ratio ≥ 1.00×',
        met: '✓',
      },
      {
        figure: 'signing',
        metric: 'p99 | ack (5 conns)',
        baseline: '',
        product: '12.5 ms',
        ratio: '',
        target: '≤ 10.0 ms',
        met: '✗',
      },
      {
        figure: 'slash-command',
        metric: 'skipped: apps/slack-bot missing',
        baseline: '',
        product: '',
        ratio: '',
        target: '',
        met: '',
      },
    ]);
  });

  test('the text table aligns columns (numbers to the right)', () => {
    const lines = formatTextTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^figure\s+metric\s+baseline\s+product\s+ratio\s+target\s+met$/);
    expect(lines[1]).toMatch(/^-+( {2}-+){6}$/);
    const productEnd = (line: string | undefined, text: string): number =>
      (line ?? '').indexOf(text) + text.length;
    expect(productEnd(lines[2], '229,733 ops/s')).toBe(productEnd(lines[3], '12.5 ms'));
  });

  test('the Markdown table is padded like Biome formats it, escapes pipes, right-aligns numbers', () => {
    const table = formatMarkdownTable(rows.slice(0, 2));
    expect(table).toBe(
      [
        '| figure  | metric               |     baseline |       product | ratio | target        | met |',
        '| ------- | -------------------- | -----------: | ------------: | ----: | ------------- | --- |',
        '| signing | TC3                  | 69,926 ops/s | 229,733 ops/s | 3.29× | ratio ≥ 1.00× | ✓   |',
        '| signing | p99 \\| ack (5 conns) |              |       12.5 ms |       | ≤ 10.0 ms     | ✗   |',
      ].join('\n'),
    );
  });
});
