import { expect, test } from 'vitest';
import { percentile } from '../harness/measure.ts';
import { maxPerSecond } from './slash-command.ts';

test('percentile is nearest-rank', () => {
  const values = Array.from({ length: 50 }, (_, i) => 50 - i);
  expect(percentile(values, 99)).toBe(50);
  expect(percentile(values, 50)).toBe(25);
  expect(percentile([7], 99)).toBe(7);
});

test('maxPerSecond finds the busiest 1-second window', () => {
  expect(maxPerSecond([])).toBe(0);
  expect(maxPerSecond([0, 100, 500, 999, 1000])).toBe(4);
  expect(maxPerSecond([0, 100, 999, 1000, 1500, 1999])).toBe(3);
  expect(maxPerSecond([5000, 0, 2000])).toBe(1);
});
