/** Per-action request limiter of the emulator. */
export interface ActionRateLimiter {
  /** Records a request of `action` at `nowMs` and says whether it is within the limit. Rejected requests do not count. */
  admit(action: string, nowMs: number): boolean;
  /** Forgets every recorded request. */
  reset(): void;
}

/**
 * A sliding one-second window per action: the `rate + 1`-th request within any 1000 ms is rejected, as
 * Tencent documents "20 requests per second" per API. Sliding (not per calendar second) so that a client
 * which bursts at a second boundary is caught, which makes the client's own limiter testable.
 */
export function createActionRateLimiter(rate: number): ActionRateLimiter {
  const windows = new Map<string, number[]>();
  return {
    admit(action, nowMs) {
      let times = windows.get(action);
      if (!times) {
        times = [];
        windows.set(action, times);
      }
      while (times.length > 0 && (times[0] ?? 0) <= nowMs - 1000) times.shift();
      if (times.length >= rate) return false;
      times.push(nowMs);
      return true;
    },
    reset() {
      windows.clear();
    },
  };
}
