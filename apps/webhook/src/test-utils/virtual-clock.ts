import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { createClock } from '@sinonjs/fake-timers';
import type { Scheduler } from '../scheduler.ts';

/** A virtual clock for tests: pass `scheduler` to the component, drive time with `advance` (or `fake`). */
export interface VirtualClock {
  /** The `@sinonjs/fake-timers` clock behind `scheduler`. */
  readonly fake: ReturnType<typeof createClock>;
  readonly scheduler: Scheduler;
  /**
   * Marks real I/O (an HTTP call to the sandbox) that the clock must not run ahead of: `advance` lets it
   * finish before it fires the next timer, so what the I/O schedules is timed from the right instant.
   */
  io<T>(work: Promise<T>): Promise<T>;
  /** Moves the clock `ms` forward, one timer at a time, letting `io` work finish before each one fires. */
  advance(ms: number): Promise<void>;
}

/**
 * Creates a virtual clock at `start` (epoch ms). With only in-process work `fake.tickAsync` is enough;
 * `advance` is for components that also wait on real sockets.
 *
 * @example
 * const clock = virtualClock(T0);
 * const relay = createRelay({ ...options, scheduler: clock.scheduler, post: (args) => clock.io(post(args)) });
 * await clock.advance(1_000);
 */
export function virtualClock(start = 0): VirtualClock {
  const fake = createClock(start);
  // When each pending timer is due, so `advance` knows whether the next one falls within its range.
  const due = new Map<unknown, number>();
  const pending = new Set<Promise<unknown>>();
  const scheduler: Scheduler = {
    now: () => fake.now,
    setTimeout: (callback, ms) => {
      const handle = fake.setTimeout(() => {
        due.delete(handle);
        callback();
      }, ms);
      due.set(handle, fake.now + Math.max(0, Math.trunc(ms)));
      return handle;
    },
    clearTimeout: (handle) => {
      due.delete(handle);
      fake.clearTimeout(handle as never);
    },
  };
  const settle = async (): Promise<void> => {
    do {
      await Promise.allSettled([...pending]);
      await nextMacrotask(); // what the I/O's callers do next runs in microtasks: let it schedule
    } while (pending.size > 0);
  };
  return {
    fake,
    scheduler,
    io(work) {
      pending.add(work);
      return work.finally(() => pending.delete(work));
    },
    async advance(ms) {
      const target = fake.now + ms;
      for (;;) {
        await settle();
        if (!(Math.min(...due.values()) <= target)) break;
        await fake.nextAsync();
      }
      if (fake.now < target) await fake.tickAsync(target - fake.now);
    },
  };
}
