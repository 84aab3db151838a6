import { DemoError, DemoErrorCode } from './errors.ts';

/** The part of the webhook store's `stats()` the demo watches. */
export interface OutboxStats {
  readonly outbox: Readonly<Record<string, number>>;
}

/** Options of {@link waitForDrain}. */
export interface DrainOptions {
  readonly timeoutMs: number;
  /** Poll interval (default 50 ms). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

const inFlight = (stats: OutboxStats): number => (stats.outbox.pending ?? 0) + (stats.outbox.sending ?? 0);

/**
 * Polls `stats` until no outbox message is pending or being sent, and returns the last stats. Throws
 * `demo_drain_timeout` (with the counts) when that takes longer than `timeoutMs`: a stuck relay must fail
 * the demo loudly, not print a partial report.
 *
 * @example
 * const stats = await waitForDrain(() => webhook.store.stats(), { timeoutMs: 30_000 });
 */
export async function waitForDrain<T extends OutboxStats>(
  stats: () => Promise<T>,
  options: DrainOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const current = await stats();
    if (inFlight(current) === 0) return current;
    if (now() >= deadline)
      throw new DemoError(
        DemoErrorCode.DrainTimeout,
        `The webhook did not post everything within ${options.timeoutMs / 1000} s: ${JSON.stringify(current.outbox)} messages by state. Run again with --verbose to see the relay's logs.`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
