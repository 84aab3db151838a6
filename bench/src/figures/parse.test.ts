import { expect, test } from 'vitest';
import { parseBenchOutput } from './parse.ts';

test("reads cdr-parser's benchmark lines into metrics (ratio as printed, target ≤ 2)", () => {
  const out = [
    'seed CDR (1484 B): JSON.parse 4.66 µs, parsePush 6.19 µs, ratio 1.33 (target <= 2) ok',
    'transferred CDR (2751 B): JSON.parse 7.90 µs, parsePush 9.70 µs, ratio 1.21 (target <= 2) ok',
    '',
  ].join('\n');
  const metrics = parseBenchOutput(out);
  expect(metrics.map((m) => [m.name, m.baseline, m.product, m.ratio])).toEqual([
    ['parsePush vs JSON.parse, seed CDR (1484 B)', 4.66, 6.19, 1.33],
    ['parsePush vs JSON.parse, transferred CDR (2751 B)', 7.9, 9.7, 1.21],
  ]);
  expect(metrics[0]?.target).toEqual({ on: 'ratio', op: '<=', value: 2 });
});

test('output without a result line is an error, not an empty figure', () => {
  expect(() => parseBenchOutput('Error: Cannot find module ../dist/index.mjs')).toThrow(/unexpected output/);
});
