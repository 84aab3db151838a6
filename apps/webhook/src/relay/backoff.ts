import { setMaxListeners } from 'node:events';
import { type BackoffPolicy, backoff, type Scheduler, sleep } from '@ccc-kit/timers';

/** How long the relay waits before retrying, and the waits themselves, which end when the relay halts. */
export interface RelayWaits {
  /** Before post retry `attempt` (1 for the first): exponential, capped, jittered. */
  retryDelay(attempt: number): number;
  /** Before recording a `sent` mark again: the same curve without jitter, as it always had. */
  recordDelay(attempt: number): number;
  /**
   * Waits `ms` on the scheduler, or less when the relay halts or `signal` aborts. Never rejects: every
   * caller checks afterwards whether the relay still runs.
   */
  pause(ms: number, signal?: AbortSignal): Promise<void>;
  /** Waits `ms` on the scheduler in full, even when the relay halts. */
  waitOut(ms: number): Promise<void>;
  /** Ends the pauses in progress, and makes later ones return at once until {@link RelayWaits.arm}. */
  halt(): void;
  /** Pauses wait in full again (on start). */
  arm(): void;
}

const noJitter = (): number => 1;

/** Creates the relay's waits on `scheduler`. */
export function createRelayWaits(
  scheduler: Scheduler,
  policy: BackoffPolicy,
  random: () => number,
): RelayWaits {
  let halted = new AbortController();
  halted.abort();
  return {
    retryDelay: (attempt) => backoff(policy, attempt, random),
    recordDelay: (attempt) => backoff(policy, attempt, noJitter),
    // `sleep` rejects only on abort, which means "stop waiting" here.
    pause: (ms, signal = halted.signal) => sleep(ms, scheduler, signal).catch(() => undefined),
    waitOut: (ms) => sleep(ms, scheduler),
    halt: () => halted.abort(),
    arm() {
      halted = new AbortController();
      // One listener per channel waiting out a backoff or a Retry-After: many channels are not a leak.
      setMaxListeners(0, halted.signal);
    },
  };
}
