import { createClock } from '@sinonjs/fake-timers';
import type { Scheduler } from '../scheduler.ts';

/** A virtual clock at `start` ms and the {@link Scheduler} that reads it; drive it with `clock.tickAsync`. */
export function virtualClock(start = 0): {
  readonly clock: ReturnType<typeof createClock>;
  readonly scheduler: Scheduler;
} {
  const clock = createClock(start);
  const scheduler: Scheduler = {
    now: () => clock.now,
    setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle as never),
  };
  return { clock, scheduler };
}
