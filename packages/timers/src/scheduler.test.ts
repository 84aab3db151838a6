import { describe, expect, test } from 'vitest';
import { isScheduler, monotonicScheduler, realScheduler } from './scheduler.ts';
import { sleep } from './sleep.ts';

describe('realScheduler', () => {
  test('reads Date.now, and a cleared timer never fires', async () => {
    const before = Date.now();
    const now = realScheduler.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    let fired = false;
    realScheduler.clearTimeout(
      realScheduler.setTimeout(() => {
        fired = true;
      }, 0),
    );
    await sleep(20, realScheduler);
    expect(fired).toBe(false);
  });
});

describe('monotonicScheduler', () => {
  test('reads a clock on the epoch scale that never goes back', () => {
    const readings = Array.from({ length: 1_000 }, () => monotonicScheduler.now());
    expect(readings.every((value, index) => index === 0 || value >= (readings[index - 1] ?? 0))).toBe(true);
    // Same scale as Date.now (within a minute: the two drift apart only over days).
    expect(Math.abs((readings[0] ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  test('sets real timers', async () => {
    let fired = false;
    monotonicScheduler.setTimeout(() => {
      fired = true;
    }, 1);
    await sleep(20, realScheduler);
    expect(fired).toBe(true);
  });
});

describe('isScheduler', () => {
  test('accepts an object with the three functions, whatever else it has', () => {
    expect(isScheduler(realScheduler)).toBe(true);
    expect(isScheduler({ ...monotonicScheduler, extra: 1 })).toBe(true);
  });

  test('refuses anything missing one of them, or not an object', () => {
    expect(isScheduler({ now: () => 0, setTimeout: () => 0 })).toBe(false);
    expect(isScheduler({ now: 0, setTimeout: () => 0, clearTimeout: () => {} })).toBe(false);
    for (const value of [null, undefined, 'scheduler', 42, () => 0]) expect(isScheduler(value)).toBe(false);
  });
});
