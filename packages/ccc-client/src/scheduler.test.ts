import { virtualClock } from '@ccc-kit/sandbox/clock';
import { describe, expect, test } from 'vitest';
import { backoff, sleep } from './scheduler.ts';

describe('sleep', () => {
  test('resolves exactly when the clock reaches the delay', async () => {
    const { fake, scheduler } = virtualClock();
    let woke: number | undefined;
    const done = sleep(300, scheduler).then(() => {
      woke = fake.now;
    });
    await fake.tickAsync(299);
    expect(woke).toBeUndefined();
    await fake.tickAsync(1);
    await done;
    expect(woke).toBe(300);
  });

  test('an abort rejects with the reason and clears the timer', async () => {
    const { fake, scheduler } = virtualClock();
    const controller = new AbortController();
    const done = sleep(300, scheduler, controller.signal);
    expect(fake.countTimers()).toBe(1);
    controller.abort(new Error('stopped'));
    await expect(done).rejects.toThrow('stopped');
    expect(fake.countTimers()).toBe(0);
  });

  test('an already aborted signal rejects without setting a timer', async () => {
    const { fake, scheduler } = virtualClock();
    await expect(sleep(300, scheduler, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(fake.countTimers()).toBe(0);
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
  test('doubles per retry, capped, with the jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoff(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoff(policy, n, () => 0.999_999))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});
