import { describe, expect, test } from 'vitest';
import { backoff } from './backoff.ts';

describe('backoff', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

  test('doubles per retry up to the cap, with the jitter in the upper half', () => {
    const retries = [1, 2, 3, 4, 5];
    expect(retries.map((n) => backoff(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect(retries.map((n) => backoff(policy, n, () => 0.999_999))).toEqual([100, 200, 400, 800, 1_000]);
  });

  test('random = () => 1 gives the curve without jitter; 0.5 three quarters of it', () => {
    const slack = { baseDelayMs: 500, maxDelayMs: 60_000 };
    expect([1, 2, 3, 8, 20].map((n) => backoff(slack, n, () => 1))).toEqual([
      500, 1_000, 2_000, 60_000, 60_000,
    ]);
    expect(backoff(slack, 3, () => 0.5)).toBe(1_500);
  });

  test('whole milliseconds, and a retry below 1 waits like the first', () => {
    expect(Number.isInteger(backoff({ baseDelayMs: 333, maxDelayMs: 10_000 }, 2, () => 0.37))).toBe(true);
    expect(backoff(policy, 0, () => 1)).toBe(100);
  });
});
