import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { createDigestJob } from './digest/job.ts';
import { observeResolutions } from './follow-up-facts.ts';
import { createFollowUpHandler } from './http/follow-up-handler.ts';
import { createMetrics, type WebhookMetrics } from './http/metrics.ts';
import { createPushHandler } from './http/push-handler.ts';
import { createRequestListener, startServer } from './http/server.ts';
import { createStatsHandler } from './http/stats-handler.ts';
import { routePush } from './push-routing.ts';
import { createReadiness } from './readiness.ts';
import type { createReconciler } from './reconcile/reconcile.ts';
import type { Relay } from './relay/relay.ts';
import { checkSlackToken, createSlackClient } from './slack-client.ts';
import { createGroupCommitter, openStore, type Store } from './store/index.ts';
import type { WebhookConfig } from './webhook-config.ts';
import { createSlackRelay, quarantineStoreOptions, startBackgroundJobs } from './wiring.ts';

export { cccCallPages, cccChatPages } from './reconcile/ccc-pages.ts';
// The demo builds its config by hand and reads the same routes file an operator would.
export { parseRoutes } from './routes/index.ts';
export type { WebhookConfig } from './webhook-config.ts';

/** A running webhook. */
export interface Webhook {
  readonly url: string;
  /** The configuration it runs with (for a second replica in tests, or tooling). */
  readonly config: WebhookConfig;
  readonly server: Server;
  readonly store: Store;
  readonly relay: Relay;
  readonly metrics: WebhookMetrics;
  readonly reconciler: ReturnType<typeof createReconciler> | null;
  /** The daily digest job, when `DIGEST_CHANNEL` is set (`runOnce()` checks now). */
  readonly digest: ReturnType<typeof createDigestJob> | null;
  /** Graceful shutdown: stop accepting, finish in-flight acks, stop the relay and release claims. */
  stop(): Promise<void>;
}

/**
 * Starts the webhook: store (migrated), push endpoint with group commit, relay to Slack, reconciliation
 * when configured and retention. Used by `main.ts`, the tests and the demo.
 *
 * @example
 * const webhook = await startWebhook(config, { logger });
 */
export async function startWebhook(
  config: WebhookConfig,
  deps: { logger: Logger; now?: () => number },
): Promise<Webhook> {
  const { logger } = deps;
  const slack = createSlackClient(config);
  await checkSlackToken(slack, logger);
  const metrics = createMetrics();
  const store = await openStore(config.databaseUrl, {
    ...quarantineStoreOptions(config, metrics, logger),
    queryTimeoutMs: config.pgQueryTimeoutMs,
  });
  // Read before the server takes pushes: reconciliation resumes from the last push of the previous process.
  const lastPushAt = config.reconcile ? (await store.stats()).lastReceivedAt : null;
  // PostgreSQL commits several batches at once on its pool; SQLite has a single writer.
  const committer = createGroupCommitter(store, {
    concurrency: store.engine === 'postgres' ? 4 : 1,
    maxQueue: config.commitQueueMax,
    now: deps.now,
  });
  const wiring = { config, store, logger, metrics, now: deps.now };
  const relay = createSlackRelay(wiring, slack);
  const submit: typeof committer.submit = async (item) => {
    const outcome = await committer.submit(item);
    if (outcome === 'stored') relay.wake();
    return outcome;
  };
  const handlePush = createPushHandler({
    auth: config.auth,
    maxBodyBytes: config.maxBodyBytes,
    ...(config.quarantineMaxBodyBytes ? { quarantineMaxBodyBytes: config.quarantineMaxBodyBytes } : {}),
    submit,
    quarantine: (item) => store.quarantine(item),
    routeFor: (push, receivedAt) => routePush(config, push, receivedAt),
    metrics,
    logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const listener = createRequestListener({
    pushPath: config.pushPath,
    handlePush,
    ready: createReadiness({ store, committer, relay, commitStallMs: config.commitStallMs, logger }),
    metrics,
    metricsToken: config.metricsToken,
    handleFollowUp: config.internalToken
      ? createFollowUpHandler({
          token: config.internalToken,
          list: (options) => store.listWaitingFollowUps(options),
          apply: async (change) => {
            const result = await store.followUp(change);
            if (result.ok && result.updates > 0) relay.wake();
            return result;
          },
          metrics,
          logger,
          now: deps.now ?? Date.now,
        })
      : undefined,
    handleStats: config.internalToken
      ? createStatsHandler({ token: config.internalToken, store })
      : undefined,
    beforeScrape: async () => {
      // By index only: a scrape runs every few seconds, and on SQLite a count of the history held the loop.
      const depth = await store.depth();
      for (const [state, count] of Object.entries(depth.outbox)) metrics.outboxDepth.set({ state }, count);
      metrics.quarantined.set(depth.quarantine);
      if (config.internalToken) {
        const waiting = await store.countWaitingFollowUps();
        metrics.followUpsWaiting.set({ state: 'open' }, waiting.open);
        metrics.followUpsWaiting.set({ state: 'taken' }, waiting.taken);
        await observeResolutions(store, metrics, (deps.now ?? Date.now)());
      }
    },
    logger,
  });
  const { server, url } = await startServer(listener, config.port, config.host, {
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
  });
  relay.start();
  const jobs = startBackgroundJobs(wiring, submit, lastPushAt, slack);
  logger.info(
    { url, engine: store.engine, pushPath: config.pushPath, auth: config.auth.mode },
    'webhook listening',
  );
  let stopping: Promise<void> | undefined;
  return {
    url,
    config,
    server,
    store,
    relay,
    metrics,
    reconciler: jobs.reconciler,
    digest: jobs.digest,
    stop() {
      // Idempotent: a second stop (a signal during shutdown, a test's cleanup) waits for the first.
      stopping ??= stopAll();
      return stopping;
    },
  };
  async function stopAll(): Promise<void> {
    const deadline = Date.now() + (config.shutdownTimeoutMs ?? 10_000);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await committer.flush();
    await jobs.stop();
    // Within the deadline, keeping a little for closing the store.
    await relay.stop({ timeoutMs: Math.max(0, deadline - Date.now() - 500) });
    await store.close();
  }
}
