import { describe, expect, test } from 'vitest';
import { every } from './every.ts';
import { realScheduler } from './scheduler.ts';
import { fakeScheduler } from './test-utils/fake-scheduler.ts';

describe('every', () => {
  test('calls back every ms, even after a throw, until cancelled', async () => {
    const { fake, scheduler } = fakeScheduler();
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
