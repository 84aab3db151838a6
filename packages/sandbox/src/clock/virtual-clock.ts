import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Scheduler } from '@ccc-kit/timers';
import { createClock } from '@sinonjs/fake-timers';

/** The `@sinonjs/fake-timers` clock behind a {@link VirtualClock}. */
export type FakeClock = ReturnType<typeof createClock>;

/** A virtual clock for tests: pass `scheduler` to the code under test, then drive time with `run` or `advance`. */
export interface VirtualClock {
  /** The fake-timers clock behind `scheduler`, for `fake.now`, `fake.countTimers()` or a plain `fake.tickAsync`. */
  readonly fake: FakeClock;
  /** `{ now, setTimeout, clearTimeout }` on the virtual clock: what the components take as `scheduler`. */
  readonly scheduler: Scheduler;
  /**
   * Marks real I/O (an HTTP call, a socket) that the clock must not run ahead of: `run` and `advance` let it
   * finish before they fire the next timer, so what it schedules is timed from the instant it was sent.
   */
  io<T>(work: Promise<T>): Promise<T>;
  /** Moves the clock `ms` forward, firing each timer due by then at its exact time, one at a time, after the io. */
  advance(ms: number): Promise<void>;
  /**
   * Settles `work`: fires the earliest timer, one at a time, whenever no io is pending, until `work` settles,
   * and returns its result. Timers still set then stay set. Rejects when `work` can no longer settle (no
   * timer, no io).
   */
  run<T>(work: Promise<T>): Promise<T>;
}

/** fake-timers' longest delay; a longer one fires after 1 ms, like Node's. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Macrotasks `run` lets pass with neither a timer nor io before it calls `work` stuck: enough for in-process
 * promise and stream chains to finish, so a missing `io` fails the test at once instead of at its timeout.
 */
const IDLE_ROUNDS = 100;

/**
 * A virtual clock at `start` (epoch ms, default 0). Components read time and set timers through `scheduler`;
 * `run(work)` settles one operation on virtual time, `advance(ms)` moves a long-running one (a loop, a
 * relay) forward; wrap real I/O in `io` (or the fetch in {@link ioFetch}) so time stands still while it is
 * out. With only in-process work, `fake.tickAsync(ms)` does as well.
 *
 * @example
 * const clock = virtualClock(Date.UTC(2026, 0, 1));
 * const client = createCccClient({ ...options, scheduler: clock.scheduler, fetch: ioFetch(clock) });
 * await clock.run(client.describeTelSession({ sessionId })); // retries and pacing at exact virtual times
 */
export function virtualClock(start = 0): VirtualClock {
  const fake = createClock(start);
  const timers = trackedTimers(fake);
  const pending = new Set<Promise<unknown>>();
  /** Until no io is pending and what its callers did next (in microtasks) has run. */
  const settle = async (): Promise<void> => {
    do {
      await Promise.allSettled([...pending]);
      await nextMacrotask();
    } while (pending.size > 0);
  };
  return {
    fake,
    scheduler: timers.scheduler,
    io(work) {
      pending.add(work);
      return work.finally(() => pending.delete(work));
    },
    async advance(ms) {
      const target = fake.now + ms;
      for (;;) {
        await settle();
        if (!(timers.nextDue() <= target)) break;
        await fake.nextAsync();
      }
      // Timers set on `fake` directly are not tracked: they fire here, all at once.
      if (fake.now < target) await fake.tickAsync(target - fake.now);
    },
    run: (work) => runUntilSettled(fake, settle, work),
  };
}

/** `run` of {@link VirtualClock}; `settle` waits out the pending io. */
async function runUntilSettled<T>(
  fake: FakeClock,
  settle: () => Promise<void>,
  work: Promise<T>,
): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  settled.catch(() => {}); // returned below; this only keeps a rejection from being "unhandled" meanwhile
  for (let idle = 0; ; ) {
    await settle();
    if (done) return settled;
    if (fake.countTimers() > 0) {
      idle = 0;
      fake.next(); // the earliest timer, at its exact time
    } else if (++idle > IDLE_ROUNDS) {
      throw new Error('virtualClock.run: the work is pending with no timer set and no io pending');
    }
  }
}

/** `fake`'s timers behind a {@link Scheduler}, with when each is due, so `advance` knows what falls in range. */
function trackedTimers(fake: FakeClock): { scheduler: Scheduler; nextDue(): number } {
  const due = new Map<unknown, number>();
  const scheduler: Scheduler = {
    now: () => fake.now,
    setTimeout: (callback, ms) => {
      const at = fake.now + delayOf(fake, ms);
      const handle = fake.setTimeout(() => {
        due.delete(handle);
        callback();
      }, ms);
      due.set(handle, at);
      return handle;
    },
    clearTimeout: (handle) => {
      due.delete(handle);
      fake.clearTimeout(handle as never);
    },
  };
  return { scheduler, nextDue: () => Math.min(...due.values()) };
}

/**
 * The delay fake-timers gives a timer: whole ms, at least 0, 1 when over its maximum, and 1 for a 0 ms timer
 * set while a timer fires (so a callback cannot loop at one instant). `advance` must agree with it exactly,
 * or it would fire a timer past its target.
 */
function delayOf(fake: FakeClock, ms: number): number {
  const whole = Number.isFinite(ms) ? Math.max(0, Math.trunc(ms)) : 0;
  const capped = whole > MAX_DELAY ? 1 : whole;
  // `duringTick` is fake-timers' own flag for "a timer is firing"; it has no public getter.
  return capped || ((fake as { duringTick?: boolean }).duringTick ? 1 : 0);
}

/** Statuses whose Response may not have a body, even an empty one. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Wraps `base` (default: `globalThis.fetch`, read at each call) so each request is `clock.io` until its
 * answer has been read in full: the body is real I/O too, and a caller reading it after the clock moved on
 * would see time pass mid-request. The answer handed back is a copy with the body in memory.
 *
 * @example
 * const clock = virtualClock();
 * const client = createDeskClient({ ...options, scheduler: clock.scheduler, fetch: ioFetch(clock) });
 */
export function ioFetch(clock: Pick<VirtualClock, 'io'>, base?: typeof fetch): typeof fetch {
  return (input, init) => clock.io(fetchInFull(base ?? globalThis.fetch, input, init));
}

async function fetchInFull(
  base: typeof fetch,
  input: Parameters<typeof fetch>[0],
  init: Parameters<typeof fetch>[1],
): Promise<Response> {
  const response = await base(input, init);
  const body = await response.arrayBuffer();
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
