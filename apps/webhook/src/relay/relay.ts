import { realScheduler, type Scheduler } from '../scheduler.ts';
import type { ClaimedMessage } from '../store/types.ts';
import { createRelayWaits } from './backoff.ts';
import { createChannelQueues } from './channel-queue.ts';
import { createClaimLoop } from './claim-loop.ts';
import type { RelayContext, RelayState } from './context.ts';
import { deliver } from './deliver.ts';
import type { Relay, RelayOptions } from './types.ts';

export type { OutgoingMessage, PostMessage, Relay, RelayOptions } from './types.ts';

/** The relay's context: options with their defaults, state, waits, and the stop on an auth failure. */
function createContext(options: RelayOptions, scheduler: Scheduler, queues: { clear(): void }): RelayContext {
  const state: RelayState = { running: false, stoppedReason: null, inFlight: 0 };
  const backoff = options.backoffMs ?? { base: 500, max: 60_000 };
  const waits = createRelayWaits(scheduler, backoff, options.random ?? Math.random);
  return {
    options,
    now: options.now ?? (() => scheduler.now()),
    leaseMs: options.leaseMs ?? 600_000,
    pollMs: options.pollMs ?? 500,
    waits,
    state,
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

/** The relay's parts wired to each other: context, per-channel queues, deliveries and the claim loop. */
function assemble(options: RelayOptions) {
  const { logger } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const queues = createChannelQueues(options.ratePerChannel, scheduler);
  const context = createContext(options, scheduler, queues);
  const { state } = context;
  const enqueue = (message: ClaimedMessage): void => {
    state.inFlight++;
    void queues
      .for(message.channel)
      .add(() => deliver(context, message))
      .catch((error: unknown) => logger.error({ err: error, outboxId: message.id }, 'relay delivery failed'))
      .finally(() => {
        state.inFlight--;
      });
  };
  return { state, waits: context.waits, queues, claims: createClaimLoop(context, enqueue) };
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
  const { state, waits, queues, claims } = assemble(options);
  let loop: Promise<void> | null = null;
  return {
    start() {
      if (state.running || state.stoppedReason) return;
      state.running = true;
      waits.arm();
      loop = claims.run();
    },
    async stop() {
      state.running = false;
      // Deliveries paused for a Retry-After or a post's backoff give up their wait; their rows are released below.
      waits.halt();
      claims.wake();
      await loop;
      queues.clear();
      await queues.onIdle();
      await options.store.releaseClaims(options.owner);
    },
    wake() {
      claims.wake();
    },
    status: () => ({ running: state.running, stoppedReason: state.stoppedReason, inFlight: state.inFlight }),
  };
}
