import { createClock } from '@sinonjs/fake-timers';
import type { Scheduler } from '../scheduler.ts';

type FakeClock = ReturnType<typeof createClock>;

/**
 * A fake-timers clock at `start` and a {@link Scheduler} on it. The sandbox's `virtualClock` does this and
 * more, but the sandbox depends on this package, so its tests cannot use it here.
 */
export function fakeScheduler(start = 0): { fake: FakeClock; scheduler: Scheduler } {
  const fake = createClock(start);
  const scheduler: Scheduler = {
    now: () => fake.now,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (handle) => fake.clearTimeout(handle as ReturnType<FakeClock['setTimeout']>),
  };
  return { fake, scheduler };
}
