import { virtualClock } from '@ccc-kit/sandbox/clock';
import { describe, expect, test } from 'vitest';
import { backoffDelay, every, realScheduler, sleep } from './scheduler.ts';

describe('backoffDelay', () => {
  test('doubles from base, caps at max, and scales by 0.5 + random() / 2', () => {
    const backoff = { base: 500, max: 60_000 };
    expect([1, 2, 3, 8, 20].map((n) => backoffDelay(n, backoff, () => 1))).toEqual([
      500, 1_000, 2_000, 60_000, 60_000,
    ]);
    expect(backoffDelay(3, backoff, () => 0.5)).toBe(1_500);
    expect(backoffDelay(3, backoff, () => 0)).toBe(1_000);
  });
});

describe('sleep', () => {
  test('resolves exactly after ms on the scheduler', async () => {
    const { fake, scheduler } = virtualClock(0);
    let done = false;
    const slept = sleep(250, scheduler).then(() => {
      done = true;
    });
    await fake.tickAsync(249);
    expect(done).toBe(false);
    await fake.tickAsync(1);
    await slept;
    expect(fake.now).toBe(250);
  });

  test('an abort rejects with the reason and clears the timer; an aborted signal never starts one', async () => {
    const { fake, scheduler } = virtualClock(0);
    const controller = new AbortController();
    const slept = sleep(10_000, scheduler, controller.signal);
    expect(fake.countTimers()).toBe(1);
    controller.abort(new Error('stopping'));
    await expect(slept).rejects.toThrow('stopping');
    expect(fake.countTimers()).toBe(0);
    await expect(sleep(5, scheduler, controller.signal)).rejects.toThrow('stopping');
    expect(fake.countTimers()).toBe(0);
  });
});

describe('every', () => {
  test('calls back every ms, even after a throw, until cancelled', async () => {
    const { fake, scheduler } = virtualClock(0);
    const calls: number[] = [];
    const cancel = every(
      100,
      () => {
        calls.push(fake.now);
        if (calls.length === 2) throw new Error('one bad pass');
      },
      scheduler,
    );
    await fake.tickAsync(250).catch(() => undefined);
    await fake.tickAsync(50);
    expect(calls).toEqual([100, 200, 300]);
    cancel();
    expect(fake.countTimers()).toBe(0);
  });

  test('does not keep the process alive on real timers', () => {
    const handles: unknown[] = [];
    const cancel = every(60_000, () => {}, {
      ...realScheduler,
      setTimeout: (callback, ms) => {
        const handle = realScheduler.setTimeout(callback, ms);
        handles.push(handle);
        return handle;
      },
    });
    expect((handles[0] as NodeJS.Timeout).hasRef()).toBe(false);
    cancel();
  });
});
