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

/**
 * Resolves after `ms` on `scheduler`'s clock; the package's only way to wait. With a `signal`, an abort
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
