import { every, realScheduler } from '@ccc-kit/timers';
import { createPeriodicRun, type NamedRun } from './periodic.ts';
import { createKindRun, type RangeProgress } from './range-run.ts';
import { callSource, chatSource } from './sources.ts';
import type { KindReport, ReconcileReport, ReconcilerOptions } from './types.ts';

export type {
  ChatPage,
  KindReport,
  ListCalls,
  ListChats,
  ReconcileReport,
  ReconcilerOptions,
} from './types.ts';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reconciles `[start, end)` for calls, then chats (when configured): each kind is tried even when the
 * other failed, and the run rejects afterwards with the failure (both: an `AggregateError`). Progress is
 * told for the calls' pages.
 */
function createRangeRun(runs: readonly NamedRun[]) {
  return async (
    start: Date,
    end: Date,
    onProgress?: (progress: RangeProgress) => void,
  ): Promise<ReconcileReport> => {
    const reports = new Map<string, KindReport>();
    const errors: unknown[] = [];
    for (const { name, run } of runs) {
      try {
        reports.set(name, await run(start, end, name === 'calls' ? onProgress : undefined));
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(errors, `reconciliation failed: ${errors.map(messageOf).join('; ')}`);
    const calls = reports.get('calls') as KindReport;
    const chats = reports.get('chats');
    return chats ? { ...calls, chats } : calls;
  };
}

/**
 * Feeds calls (and, with `listChats`, chat sessions) that pushes missed into the same inbox, under the
 * dedupe key of their push (`cdr:<SessionId>`, `imcdr:<SessionId>`), so a lost push still reaches Slack.
 * Periodic runs (only on the replica that leads, see `lead`) look back `windowMs` from `settleMs` ago, or
 * further back to where the kind's last finished run ended (after failed runs); `run(start, end)` covers any
 * range (backfill). A bad row is quarantined, never stops a run; calls and chats fail apart.
 *
 * @throws {WebhookError} `webhook_invalid_config` for `listChats` without `routeForChat`.
 * @example
 * const reconciler = createReconciler({ listCalls, listChats, submit, routeFor, routeForChat, intervalMs: 600_000, windowMs: 7_200_000, logger, metrics });
 * reconciler.start();
 */
export function createReconciler(options: ReconcilerOptions) {
  const scheduler = options.scheduler ?? realScheduler;
  const now = options.now ?? (() => scheduler.now());
  const chats = chatSource(options);
  const runs: NamedRun[] = [
    { name: 'calls', run: createKindRun(options, now, callSource(options)) },
    ...(chats ? [{ name: 'chats' as const, run: createKindRun(options, now, chats) }] : []),
  ];
  const periodic = createPeriodicRun(options, now, runs);
  let cancel: (() => void) | null = null;
  return {
    run: createRangeRun(runs),
    /** Runs now and then every `intervalMs`. */
    start(): void {
      periodic.tick();
      cancel = every(options.intervalMs, periodic.tick, scheduler);
    },
    async stop(): Promise<void> {
      cancel?.();
      cancel = null;
      await periodic.stop();
    },
  };
}
