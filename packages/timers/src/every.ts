import type { Scheduler } from './scheduler.ts';

/**
 * Calls `callback` every `ms` on `scheduler` (first call `ms` from now) until the returned function is
 * called. Real timers are unref'd: a periodic job must not keep the process alive. A callback that throws
 * does not end the schedule (it is re-armed first, like `setInterval`).
 *
 * @example
 * const cancel = every(3_600_000, prune, realScheduler);
 * cancel(); // on shutdown
 */
export function every(ms: number, callback: () => void, scheduler: Scheduler): () => void {
  let handle: unknown;
  const arm = (): void => {
    handle = scheduler.setTimeout(() => {
      arm();
      callback();
    }, ms);
    (handle as { unref?: () => void } | null)?.unref?.();
  };
  arm();
  return () => scheduler.clearTimeout(handle);
}
