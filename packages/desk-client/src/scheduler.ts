import { invalidArgument } from './errors.ts';
import type { Scheduler } from './types.ts';

/** The real clock and timers: the default when no `scheduler` option is given. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The `scheduler` option, checked, or the real one. Throws `desk_client_invalid_argument`. */
export function resolveScheduler(scheduler: Scheduler | undefined): Scheduler {
  if (scheduler === undefined) return realScheduler;
  const methods = ['now', 'setTimeout', 'clearTimeout'] as const;
  if (!methods.every((name) => typeof scheduler?.[name] === 'function'))
    throw invalidArgument('scheduler must have now, setTimeout and clearTimeout functions');
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
 * The wait before retry number `retry` (from 1): exponential, capped at `maxDelayMs`, with equal jitter
 * (half the delay fixed, half from `random`), which spreads clients and is never 0.
 */
export function backoff(policy: BackoffPolicy, retry: number, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}
