import type { Scheduler } from './scheduler.ts';

/**
 * Resolves after `ms` on `scheduler`'s clock. With a `signal`, an abort clears the timer and rejects with
 * the signal's reason, so a stopped caller leaves no timer behind; an already aborted signal rejects at once
 * without setting one.
 *
 * @example
 * await sleep(backoff(policy, attempt, Math.random), scheduler, signal);
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
