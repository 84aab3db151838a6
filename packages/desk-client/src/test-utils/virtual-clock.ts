import { createClock } from '@sinonjs/fake-timers';
import type { Scheduler } from '../types.ts';

// Test-only: a virtual clock behind the client's Scheduler, and a real fetch that lets a test advance that
// clock only while no request is on the wire, so every retry leaves at an exact virtual time.

/** fake-timers' clock. */
export type FakeClock = ReturnType<typeof createClock>;

/** A virtual clock at `start` ms and the {@link Scheduler} that reads it. */
export function virtualClock(start = 0): { readonly clock: FakeClock; readonly scheduler: Scheduler } {
  const clock = createClock(start);
  const scheduler: Scheduler = {
    now: () => clock.now,
    setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle as never),
  };
  return { clock, scheduler };
}

/** A real fetch that records departures and knows when the wire is quiet. */
export interface Wire {
  readonly fetch: typeof fetch;
  /** `now()` each time fetch was called. */
  readonly departures: number[];
  /** Requests sent whose answer has not been read in full yet. */
  inFlight(): number;
  /** Resolves once every request sent so far has been answered and its body read. */
  quiet(): Promise<void>;
}

/** Wraps `globalThis.fetch`; answers are read in full before being handed over (the body is real I/O too). */
export function trackingFetch(now: () => number): Wire {
  const departures: number[] = [];
  let inFlight = 0;
  const waiters: (() => void)[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    departures.push(now());
    inFlight += 1;
    try {
      const response = await globalThis.fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, headers: response.headers });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of waiters.splice(0)) wake();
    }
  };
  const quiet = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
  return { fetch, departures, inFlight: () => inFlight, quiet };
}

const nativeTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Settles `work` on `clock`: waits (in real time) until the wire is quiet and every pending callback has
 * run, then fires the next virtual timer, and again, until `work` settles. Virtual time never moves while a
 * request is out, so each request leaves at an exact virtual time.
 */
export async function settleOnVirtualTime<T>(clock: FakeClock, wire: Wire, work: Promise<T>): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  settled.catch(() => {}); // returned below; this only keeps a rejection from being "unhandled" meanwhile
  while (!done) {
    await wire.quiet();
    await nativeTick(); // promise chains run first; any request they start is on the wire now
    if (!done && wire.inFlight() === 0) clock.next(); // the earliest timer, at its exact time (none: no-op)
  }
  return settled;
}
