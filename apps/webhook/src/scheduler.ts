/** Where a component reads the time and sets its timers; tests pass a virtual clock. */
export interface Scheduler {
  /** Milliseconds (epoch-based, like Date.now). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock and timers: the default wherever a {@link Scheduler} can be injected. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Exponential backoff: `base` ms before the first retry, doubling, never more than `max`. */
export interface Backoff {
  readonly base: number;
  readonly max: number;
}

/**
 * The wait before retry number `attempt` (1 for the first): `min(max, base * 2^(attempt - 1))` times a
 * jitter factor `0.5 + random() / 2`, so retries that failed together do not hit Slack together again.
 * `random = () => 1` gives the curve without jitter. The webhook's only backoff.
 *
 * @example
 * backoffDelay(3, { base: 500, max: 60_000 }, () => 0.5); // 2000 * 0.75 = 1500
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  return Math.min(backoff.max, backoff.base * 2 ** (attempt - 1)) * (0.5 + random() / 2);
}

/**
 * Resolves after `ms` on `scheduler`'s clock; the webhook's only way to wait. With a `signal`, an abort
 * clears the timer and rejects with the signal's reason, so a stopped caller leaves no timer behind.
 *
 * @example
 * await sleep(50, realScheduler);
 */
export function sleep(ms: number, scheduler: Scheduler, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      scheduler.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = scheduler.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `callback` every `ms` on `scheduler` (first call `ms` from now) until the returned function is
 * called. Real timers are unref'd: a periodic job must not keep the process alive.
 *
 * @example
 * const cancel = every(3_600_000, prune, realScheduler);
 */
export function every(ms: number, callback: () => void, scheduler: Scheduler): () => void {
  let handle: unknown;
  const arm = (): void => {
    handle = scheduler.setTimeout(() => {
      // Re-armed first, like setInterval: a callback that throws does not end the schedule.
      arm();
      callback();
    }, ms);
    (handle as { unref?: () => void } | null)?.unref?.();
  };
  arm();
  return () => scheduler.clearTimeout(handle);
}
