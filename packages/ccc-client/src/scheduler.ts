import { CccClientErrorCode, CccError } from './errors.ts';
import type { Scheduler } from './types.ts';

/**
 * The real clock and timers: the default when no `scheduler` option is given. `now` is the monotonic clock
 * on the epoch scale (not `Date.now`), so a wall-clock adjustment never stalls or bursts the pacer; the
 * signing clock stays `Date.now` unless the caller passes a scheduler.
 */
export const realScheduler: Scheduler = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The `scheduler` option, checked, or the real one. Throws `ccc_client_invalid_argument`. */
export function resolveScheduler(scheduler: Scheduler | undefined): Scheduler {
  if (scheduler === undefined) return realScheduler;
  const methods = ['now', 'setTimeout', 'clearTimeout'] as const;
  if (!methods.every((name) => typeof scheduler?.[name] === 'function')) {
    const message = 'scheduler must have now, setTimeout and clearTimeout functions';
    throw new CccError(CccClientErrorCode.InvalidArgument, message);
  }
  return scheduler;
}

/**
 * Resolves after `ms` on `scheduler`'s clock: the package's only way to wait. With a `signal`, an abort
 * clears the timer and rejects with the signal's reason, so a stopped caller leaves no timer behind.
 *
 * @example
 * await sleep(backoff(policy, 1, Math.random), realScheduler);
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

/** The delays of a retry policy. */
export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The wait before retry number `retryNumber` (from 1): exponential, capped at `maxDelayMs`, with "equal
 * jitter" (half fixed, half from `random`), so retries never bunch at zero.
 */
export function backoff(policy: BackoffPolicy, retryNumber: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
