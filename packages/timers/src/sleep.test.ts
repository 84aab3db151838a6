import { describe, expect, test } from 'vitest';
import { realScheduler } from './scheduler.ts';
import { sleep } from './sleep.ts';
import { fakeScheduler } from './test-utils/fake-scheduler.ts';

describe('sleep', () => {
  test('resolves exactly `ms` later on the scheduler clock, not before', async () => {
    const { fake, scheduler } = fakeScheduler(1_000);
    let woke: number | undefined;
    const slept = sleep(250, scheduler).then(() => {
      woke = scheduler.now();
    });
    await fake.tickAsync(249);
    expect(woke).toBeUndefined();
    await fake.tickAsync(1);
    await slept;
    expect(woke).toBe(1_250);
    expect(fake.countTimers()).toBe(0);
  });

  test('an abort rejects with the reason and clears the timer', async () => {
    const { fake, scheduler } = fakeScheduler();
    const controller = new AbortController();
    const slept = sleep(10_000, scheduler, controller.signal);
    await fake.tickAsync(100);
    expect(fake.countTimers()).toBe(1);
    controller.abort(new Error('stopped'));
    await expect(slept).rejects.toThrow('stopped');
    expect(fake.countTimers()).toBe(0);
  });

  test('an already aborted signal rejects without setting a timer', async () => {
    const { fake, scheduler } = fakeScheduler();
    await expect(sleep(5, scheduler, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(fake.countTimers()).toBe(0);
  });

  test('a wait that ends normally leaves no abort listener on the signal', async () => {
    const { fake, scheduler } = fakeScheduler();
    const cleared: unknown[] = [];
    const watched = { ...scheduler, clearTimeout: (handle: unknown) => void cleared.push(handle) };
    const controller = new AbortController();
    const slept = sleep(10, watched, controller.signal);
    await fake.tickAsync(10);
    await slept;
    // A listener left behind would run now and clear a handle that may belong to someone else by then.
    controller.abort(new Error('late'));
    expect(cleared).toEqual([]);
  });

  test('on the real scheduler it waits on Node timers', async () => {
    const started = performance.now();
    await sleep(20, realScheduler);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });
});
