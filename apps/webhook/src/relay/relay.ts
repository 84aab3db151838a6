import { realScheduler, type Scheduler, sleep } from '@ccc-kit/timers';
import type { ClaimedMessage } from '../store/types.ts';
import { createRelayWaits } from './backoff.ts';
import { createChannelQueues } from './channel-queue.ts';
import { createClaimLoop } from './claim-loop.ts';
import type { RelayContext, RelayState } from './context.ts';
import { deliver } from './deliver.ts';
import { createHistoryChecks } from './history-check.ts';
import { createLeaseKeeper } from './lease-keeper.ts';
import type { Relay, RelayOptions } from './types.ts';

export type {
  HistoryQuery,
  OutgoingMessage,
  PostMessage,
  ReadHistoryPage,
  Relay,
  RelayOptions,
} from './types.ts';

/** The relay's context: options with their defaults, state, waits, and the stop on an auth failure. */
function createContext(options: RelayOptions, scheduler: Scheduler, queues: { clear(): void }): RelayContext {
  const state: RelayState = { running: false, stoppedReason: null, inFlight: 0, posting: new Set() };
  const backoff = options.backoff ?? { baseDelayMs: 500, maxDelayMs: 60_000 };
  const waits = createRelayWaits(scheduler, backoff, options.random ?? Math.random);
  const now = options.now ?? (() => scheduler.now());
  return {
    options,
    now,
    leaseMs: options.leaseMs ?? 600_000,
    pollMs: options.pollMs ?? 500,
    waits,
    state,
    history: createHistoryChecks({ options, waits, state, now }),
    stopForAuth(reason) {
      if (state.stoppedReason) return;
      state.stoppedReason = reason;
      state.running = false;
      options.logger.fatal(
        `Slack rejected the bot token (${reason}): relay stopped. Fix SLACK_BOT_TOKEN and restart; queued messages are kept.`,
      );
      waits.halt();
      queues.clear();
      void options.store.releaseClaims(options.owner).catch(() => undefined);
    },
  };
}

/** Waits for `work` until `deadline` (scheduler time); true when it settled in time. */
async function within(work: Promise<unknown>, deadline: number, scheduler: Scheduler): Promise<boolean> {
  if (deadline === Number.POSITIVE_INFINITY) return work.then(() => true);
  const timeout = new AbortController();
  const late = sleep(Math.max(0, deadline - scheduler.now()), scheduler, timeout.signal).then(
    () => false,
    () => false,
  );
  const done = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    late,
  ]);
  timeout.abort();
  return done;
}

/** The relay's parts wired to each other: context, per-channel queues, deliveries and the claim loop. */
function assemble(options: RelayOptions) {
  const { logger } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const queues = createChannelQueues(options.ratePerChannel, scheduler);
  const context = createContext(options, scheduler, queues);
  const { state } = context;
  const enqueue = (message: ClaimedMessage): void => {
    state.inFlight++;
    const claimedAt = context.now();
    if (message.inDoubt) context.history.expect(message, message.firstAttemptAt ?? message.createdAt);
    void queues
      .for(message.channel)
      .add(() => deliver(context, message, claimedAt))
      .catch((error: unknown) => logger.error({ err: error, outboxId: message.id }, 'relay delivery failed'))
      .finally(() => {
        state.inFlight--;
      });
  };
  const leases = createLeaseKeeper(context, scheduler);
  return { state, waits: context.waits, queues, leases, claims: createClaimLoop(context, enqueue) };
}

/**
 * Creates the relay. Retries happen in place (the channel waits), so a channel's messages are posted in
 * order; a 429 pauses only that channel for `Retry-After`; an auth failure stops everything with one log
 * line. Every wait (poll, pacing, backoff, Retry-After) runs on `options.scheduler`.
 *
 * @example
 * const relay = createRelay({ store, post, render, owner: hostname(), logger, metrics, ratePerChannel: 1, maxAttempts: 8 });
 * relay.start();
 */
export function createRelay(options: RelayOptions): Relay {
  const { state, waits, queues, leases, claims } = assemble(options);
  let loop: Promise<void> | null = null;
  return {
    start() {
      if (state.running || state.stoppedReason) return;
      state.running = true;
      waits.arm();
      leases.start();
      loop = claims.run();
    },
    async stop({ timeoutMs = Number.POSITIVE_INFINITY } = {}) {
      const scheduler = options.scheduler ?? realScheduler;
      const deadline = scheduler.now() + timeoutMs;
      state.running = false;
      // Deliveries paused for a Retry-After or a post's backoff give up their wait; their rows are released below.
      waits.halt();
      claims.wake();
      await within(loop ?? Promise.resolve(), deadline, scheduler);
      queues.clear();
      const idle = await within(queues.onIdle(), deadline, scheduler);
      leases.stop();
      // Posts still in flight at the deadline keep their lease: they are in doubt, and whoever takes them over
      // (this owner's next start at once, another replica when the lease ends) looks in Slack first.
      await options.store.releaseClaims(options.owner, { except: idle ? [] : [...state.posting] });
    },
    wake() {
      claims.wake();
    },
    status: () => ({ running: state.running, stoppedReason: state.stoppedReason, inFlight: state.inFlight }),
  };
}
