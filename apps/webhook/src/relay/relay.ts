import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
import type { ClaimedMessage, Store } from '../store/types.ts';
import { classifySlackError } from './slack-errors.ts';

/** A message ready for `chat.postMessage` (what `@ccc-kit/slack-blocks` builds). */
export interface OutgoingMessage {
  readonly text: string;
  readonly blocks?: readonly unknown[];
}

/** The one Slack call the relay makes; `main.ts` adapts a WebClient to it. */
export type PostMessage = (args: {
  channel: string;
  text: string;
  blocks?: readonly unknown[];
  thread_ts?: string;
}) => Promise<{ ts: string }>;

/** Options of {@link createRelay}. */
export interface RelayOptions {
  readonly store: Store;
  readonly post: PostMessage;
  /** Renders a claimed row; a throw dead-letters the row (a body that cannot be rendered never will be). */
  readonly render: (message: ClaimedMessage) => OutgoingMessage;
  /** Identifies this instance's leases; stable across restarts of one replica (e.g. the host name). */
  readonly owner: string;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  /** Messages per second per channel (Slack allows about 1). */
  readonly ratePerChannel: number;
  readonly maxAttempts: number;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly backoffMs?: { readonly base: number; readonly max: number };
  readonly now?: () => number;
  readonly random?: () => number;
}

/** The outbox relay: claims due rows and posts them to Slack, per-channel in order and within Slack's rate. */
export interface Relay {
  start(): void;
  /** Stops claiming, lets in-flight posts finish, releases unsent claims. */
  stop(): Promise<void>;
  /** Claims now instead of at the next poll (called after each ingest batch). */
  wake(): void;
  /** `stopped` after an authentication failure, with the reason. */
  readonly status: () => { running: boolean; stoppedReason: string | null; inFlight: number };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the relay. Retries happen in place (the channel waits), so a channel's messages are posted in
 * order; a 429 pauses only that channel for `Retry-After`; an auth failure stops everything with one log line.
 *
 * @example
 * const relay = createRelay({ store, post, render, owner: hostname(), logger, metrics, ratePerChannel: 1, maxAttempts: 8 });
 * relay.start();
 */
export function createRelay(options: RelayOptions): Relay {
  const { store, logger, metrics } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 600_000;
  const backoff = options.backoffMs ?? { base: 500, max: 60_000 };
  const queues = new Map<string, PQueue>();
  let running = false;
  let stoppedReason: string | null = null;
  let inFlight = 0;
  let wakeUp: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const queueFor = (channel: string): PQueue => {
    let queue = queues.get(channel);
    if (!queue) {
      const interval = Math.max(1, Math.round(1000 / options.ratePerChannel));
      queue = new PQueue({ concurrency: 1, intervalCap: 1, interval, strict: true });
      queues.set(channel, queue);
    }
    return queue;
  };

  const stopForAuth = (reason: string): void => {
    if (stoppedReason) return;
    stoppedReason = reason;
    running = false;
    logger.fatal(
      `Slack rejected the bot token (${reason}): relay stopped. Fix SLACK_BOT_TOKEN and restart; queued messages are kept.`,
    );
    for (const queue of queues.values()) queue.clear();
    void store.releaseClaims(options.owner).catch(() => undefined);
  };

  /**
   * Slack has the message; only our `sent` mark is missing. A store failure here must not post it again
   * (chat.postMessage has no idempotency key), so the mark is retried, not the post, until it lands or the
   * relay stops (found by the reliability suite: a full disk or a PostgreSQL cut doubled posts).
   */
  const recordSent = async (message: ClaimedMessage, ts: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.markSent(message.id, options.owner, ts);
        return;
      } catch (error) {
        if (!running) throw error;
        const delay = Math.min(backoff.max, backoff.base * 2 ** (attempt - 1));
        logger.warn(
          { err: error, outboxId: message.id, channel: message.channel, attempt },
          `Slack accepted the message but the store could not record it; retrying the record (not the post) in ${delay} ms`,
        );
        await sleep(delay);
      }
    }
  };

  const deliver = async (message: ClaimedMessage): Promise<void> => {
    let rendered: OutgoingMessage;
    try {
      rendered = options.render(message);
    } catch (error) {
      await store.deadLetter(message.id, options.owner, `render failed: ${(error as Error).message}`);
      metrics.slackPosts.inc({ result: 'dead' });
      return;
    }
    for (let attempt = message.attempts + 1; running; attempt++) {
      const posted = await options
        .post({
          channel: message.channel,
          text: rendered.text,
          ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        })
        .then(
          ({ ts }) => ({ ts }),
          (error: unknown) => ({ error }),
        );
      if ('ts' in posted) {
        await recordSent(message, posted.ts);
        metrics.slackPosts.inc({ result: 'sent' });
        return;
      }
      const failure = classifySlackError(posted.error);
      const context = {
        outboxId: message.id,
        sessionId: message.sessionId,
        channel: message.channel,
        attempt,
      };
      if (failure.action === 'stop') return stopForAuth(failure.reason);
      if (failure.action === 'wait') {
        metrics.slackPosts.inc({ result: 'rate_limited' });
        logger.warn(context, `Slack ${failure.reason}: channel paused`);
        await sleep(failure.ms);
        attempt--;
        continue;
      }
      if (failure.action === 'dead' || attempt >= options.maxAttempts) {
        await store.deadLetter(message.id, options.owner, failure.reason);
        metrics.slackPosts.inc({ result: 'dead' });
        logger.error(context, `message dead-lettered: ${failure.reason}`);
        return;
      }
      metrics.slackPosts.inc({ result: 'retried' });
      const delay = Math.min(backoff.max, backoff.base * 2 ** (attempt - 1)) * (0.5 + random() / 2);
      logger.warn(context, `Slack post failed (${failure.reason}); retrying in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  };

  const cycle = async (): Promise<void> => {
    const claimed = await store.claimDue({
      now: now(),
      limit: Math.max(0, 200 - inFlight),
      leaseMs,
      owner: options.owner,
    });
    for (const message of claimed) {
      inFlight++;
      void queueFor(message.channel)
        .add(() => deliver(message))
        .catch((error: unknown) =>
          logger.error({ err: error, outboxId: message.id }, 'relay delivery failed'),
        )
        .finally(() => {
          inFlight--;
        });
    }
    if (claimed.length === 0 || inFlight >= 200) {
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, options.pollMs ?? 500);
      });
      wakeUp = null;
    }
  };

  const run = async (): Promise<void> => {
    // Rows leased to this owner that nothing in this process delivers: all of them at start (the previous
    // process died), and possibly some after a store error (a claim can commit although the call failed,
    // e.g. a PostgreSQL connection cut before the COMMIT reply). They are released once nothing is in
    // flight, claiming paused until then, instead of waiting for the lease (RELAY_LEASE) to expire.
    let orphans = true;
    let lastRecovery = 0;
    while (running) {
      try {
        if (orphans && inFlight > 0) {
          await sleep(options.pollMs ?? 500);
          continue;
        }
        if (orphans) {
          await store.releaseClaims(options.owner);
          orphans = false;
        }
        if (now() - lastRecovery > leaseMs / 4) {
          lastRecovery = now();
          await store.recoverExpiredLeases(now());
        }
        await cycle();
      } catch (error) {
        orphans = true;
        logger.error({ err: error }, 'relay cycle failed; retrying');
        await sleep(options.pollMs ?? 500);
      }
    }
  };

  return {
    start() {
      if (running || stoppedReason) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      for (const queue of queues.values()) queue.clear();
      await Promise.all([...queues.values()].map((q) => q.onIdle()));
      await store.releaseClaims(options.owner);
    },
    wake() {
      wakeUp?.();
    },
    status: () => ({ running, stoppedReason, inFlight }),
  };
}
