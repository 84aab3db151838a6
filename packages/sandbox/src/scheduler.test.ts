import { describe, expect, test } from 'vitest';
import { virtualClock } from './clock/virtual-clock.ts';
import { realScheduler, sleep } from './scheduler.ts';

describe('sleep', () => {
  test('resolves exactly `ms` later on the scheduler clock, not before', async () => {
    const { fake, scheduler } = virtualClock(1_000);
    let woke: number | undefined;
    void sleep(250, scheduler).then(() => {
      woke = scheduler.now();
    });
    await fake.tickAsync(249);
    expect(woke).toBeUndefined();
    await fake.tickAsync(1);
    expect(woke).toBe(1_250);
    expect(fake.countTimers()).toBe(0);
  });

  test('an abort rejects with the reason and clears the timer', async () => {
    const { fake, scheduler } = virtualClock();
    const controller = new AbortController();
    const slept = sleep(10_000, scheduler, controller.signal);
    await fake.tickAsync(100);
    expect(fake.countTimers()).toBe(1);
    controller.abort(new Error('stopped'));
    await expect(slept).rejects.toThrow('stopped');
    expect(fake.countTimers()).toBe(0);
  });

  test('an already aborted signal rejects without setting a timer', async () => {
    const { fake, scheduler } = virtualClock();
    await expect(sleep(5, scheduler, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(fake.countTimers()).toBe(0);
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
