import { describe, expect, test } from 'vitest';
import { realScheduler, sleep } from './scheduler.ts';
import { virtualClock } from './test-utils/virtual-clock.ts';

describe('sleep', () => {
  test('resolves exactly `ms` later on the scheduler clock, not before', async () => {
    const { clock, scheduler } = virtualClock(1_000);
    let woke: number | undefined;
    void sleep(250, scheduler).then(() => {
      woke = scheduler.now();
    });
    await clock.tickAsync(249);
    expect(woke).toBeUndefined();
    await clock.tickAsync(1);
    expect(woke).toBe(1_250);
    expect(clock.countTimers()).toBe(0);
  });

  test('an abort rejects with the reason and clears the timer', async () => {
    const { clock, scheduler } = virtualClock();
    const controller = new AbortController();
    const slept = sleep(10_000, scheduler, controller.signal);
    await clock.tickAsync(100);
    expect(clock.countTimers()).toBe(1);
    controller.abort(new Error('stopped'));
    await expect(slept).rejects.toThrow('stopped');
    expect(clock.countTimers()).toBe(0);
  });

  test('an already aborted signal rejects without setting a timer', async () => {
    const { clock, scheduler } = virtualClock();
    await expect(sleep(5, scheduler, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(clock.countTimers()).toBe(0);
  });

  test('the real scheduler reads Date.now and its timers fire or are cleared', async () => {
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
