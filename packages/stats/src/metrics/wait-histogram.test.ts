import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sortedPercentile } from './test-utils/arbitraries.ts';
import { WAIT_CAP_SECONDS, WaitHistogram, wholeSeconds } from './wait-histogram.ts';

const histogramOf = (waits: readonly number[]): WaitHistogram => {
  const histogram = new WaitHistogram();
  for (const wait of waits) histogram.add(wait);
  return histogram;
};

describe('WaitHistogram', () => {
  test('nearest-rank percentiles of a hand-made list', () => {
    // 10 waits: p50 is the 5th smallest, p90 the 9th.
    expect(histogramOf([9, 1, 8, 2, 7, 3, 6, 4, 5, 100]).summary()).toEqual({
      count: 10,
      total: 145,
      mean: 14.5,
      p50: 5,
      p90: 9,
      max: 100,
    });
  });

  test('30 waits: p90 is the 27th (not the 28th a floating-point rank would give)', () => {
    const waits = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(histogramOf(waits).summary().p90).toBe(27);
  });

  test('waits over the cap count at the cap for percentiles; mean and max stay exact', () => {
    const summary = histogramOf([10, 20_000, 30_000]).summary();
    expect(summary).toEqual({
      count: 3,
      total: 50_010,
      mean: 16_670,
      p50: WAIT_CAP_SECONDS,
      p90: WAIT_CAP_SECONDS,
      max: 30_000,
    });
  });

  test('matches a sort, and merging parts equals one histogram', () => {
    const waits = fc.array(fc.oneof(fc.nat(120), fc.nat(10_000)), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(waits, fc.nat(300), (all, cut) => {
        const capped = all.map((wait) => Math.min(wait, WAIT_CAP_SECONDS));
        const whole = histogramOf(all);
        expect([whole.summary().p50, whole.summary().p90]).toEqual([
          sortedPercentile(capped, 50),
          sortedPercentile(capped, 90),
        ]);
        const merged = histogramOf(all.slice(0, cut));
        merged.merge(histogramOf(all.slice(cut)));
        expect(merged.summary()).toEqual(whole.summary());
      }),
    );
  });

  test('wholeSeconds: NaN, negatives and missing values are 0; fractions are floored', () => {
    expect([Number.NaN, -3, undefined, 2.9, 7].map(wholeSeconds)).toEqual([0, 0, 0, 2, 7]);
  });
});
