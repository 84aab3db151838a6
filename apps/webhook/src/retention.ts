import { setImmediate as yieldToIo } from 'node:timers/promises';
import { every, realScheduler, type Scheduler } from '@ccc-kit/timers';
import type { Logger } from 'pino';
import type { WebhookMetrics } from './http/metrics.ts';
import type { PruneResult, Store } from './store/index.ts';

/** Options of {@link createRetention}. */
export interface RetentionOptions {
  readonly store: Pick<Store, 'prune'>;
  /** Sessions whose every push is older than this, and whose messages were all sent, are deleted. */
  readonly keepMs: number;
  /** How often a pass runs; the first one runs one interval after `start()`. */
  readonly intervalMs: number;
  /** Sessions per transaction (short transactions keep acks fast); default 500. */
  readonly batch?: number;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  /** The passes' timer and the clock; default the real ones (the timer does not keep the process alive). */
  readonly scheduler?: Scheduler;
  /** Overrides `scheduler.now` for the age cutoff only (e.g. a skewed clock); the timer stays on `scheduler`. */
  readonly now?: () => number;
}

/**
 * Deletes delivered history older than the retention period, in small transactions, so the database does
 * not grow forever. Undelivered and dead-lettered messages are never deleted (see `Store.prune`).
 *
 * @example
 * const retention = createRetention({ store, keepMs: 30 * 86_400_000, intervalMs: 3_600_000, logger, metrics });
 * retention.start();
 */
export function createRetention(options: RetentionOptions) {
  const scheduler = options.scheduler ?? realScheduler;
  const now = options.now ?? (() => scheduler.now());
  const batch = options.batch ?? 500;
  let cancel: (() => void) | undefined;
  let running: Promise<void> | null = null;

  // Totals of one pass, over as many prune calls as it takes.
  const pass = async (): Promise<PruneResult> => {
    const before = now() - options.keepMs;
    const total = { sessions: 0, inbox: 0, outbox: 0 };
    for (;;) {
      const result = await options.store.prune({ before, limit: batch });
      total.sessions += result.sessions;
      total.inbox += result.inbox;
      total.outbox += result.outbox;
      if (result.sessions < batch) return total;
      await yieldToIo(); // let pending pushes commit between chunks
    }
  };
  const runOnce = (): void => {
    running ??= pass()
      .then((report) => {
        options.metrics.prunedSessions.inc(report.sessions);
        if (report.sessions > 0) options.logger.info(report, 'retention: deleted delivered history');
      })
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, 'retention pass failed; the next one retries');
      })
      .finally(() => {
        running = null;
      });
  };
  return {
    start(): void {
      cancel ??= every(options.intervalMs, runOnce, scheduler);
    },
    async stop(): Promise<void> {
      cancel?.();
      cancel = undefined;
      await running;
    },
  };
}
