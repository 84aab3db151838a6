/**
 * Where a component reads the time and sets its timers. Every ccc-kit package and app takes one as an option
 * and never touches the global clock itself, so a test can pass a virtual clock (`@ccc-kit/sandbox/clock`)
 * and run retries, pacing and schedules at exact virtual times.
 */
export interface Scheduler {
  /** Milliseconds on the epoch scale, like `Date.now()`. */
  now(): number;
  /** Calls `callback` after `ms`; the handle goes to `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The real wall clock and Node's timers: the default wherever a {@link Scheduler} can be injected. Use it
 * for times that are stored or shown (they must agree with other machines' `Date.now`).
 *
 * @example
 * const relay = createRelay({ ...options, scheduler: realScheduler });
 */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Node's timers with a monotonic clock on the epoch scale (`performance.timeOrigin + performance.now()`):
 * for pacing and timeouts, where a wall-clock adjustment (NTP, a VM resumed) must neither stall nor burst
 * the work. It drifts from `Date.now()` over days, so never store what it reads.
 */
export const monotonicScheduler: Scheduler = {
  ...realScheduler,
  now: () => performance.timeOrigin + performance.now(),
};

const METHODS = ['now', 'setTimeout', 'clearTimeout'] as const;

/**
 * Whether `value` has the three functions of a {@link Scheduler}: for checking a `scheduler` option at a
 * package's boundary, which then throws its own error with what was wrong.
 *
 * @example
 * if (!isScheduler(options.scheduler)) throw new MyError('invalid_argument', 'scheduler must have now, setTimeout and clearTimeout functions');
 */
export function isScheduler(value: unknown): value is Scheduler {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return METHODS.every((name) => typeof candidate[name] === 'function');
}
