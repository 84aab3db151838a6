/** Exponential backoff: `baseDelayMs` before the first retry, doubling, never more than `maxDelayMs`. */
export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first): `min(maxDelayMs, baseDelayMs · 2^(retry − 1))`
 * with "equal jitter" (half of it fixed, half from `random`), rounded to whole milliseconds. Clients that
 * failed together do not retry together, and no wait is 0. `random = () => 1` gives the curve without
 * jitter; a `retry` below 1 counts as 1.
 *
 * @example
 * backoff({ baseDelayMs: 500, maxDelayMs: 60_000 }, 3, () => 0.5); // 2000 · 0.75 = 1500
 */
export function backoff(policy: BackoffPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
