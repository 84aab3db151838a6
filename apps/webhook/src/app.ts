import type { Server } from 'node:http';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { facts, factsOfCall } from './facts.ts';
import type { PushAuth } from './http/auth.ts';
import { createMetrics, type WebhookMetrics } from './http/metrics.ts';
import { createPushHandler } from './http/push-handler.ts';
import { createRequestListener, startServer } from './http/server.ts';
import { createReconciler, type ListCalls } from './reconcile/reconcile.ts';
import { createRelay, type Relay } from './relay/relay.ts';
import { renderMessage } from './render.ts';
import { createRetention } from './retention.ts';
import { type RoutesFile, route } from './routes/index.ts';
import { createGroupCommitter, openStore, type Store } from './store/index.ts';

// The demo builds its config by hand and reads the same routes file an operator would.
export { parseRoutes } from './routes/index.ts';

/** Everything the webhook needs, already validated (see `env.ts` and `config.ts`). */
export interface WebhookConfig {
  readonly port: number;
  readonly host: string;
  readonly pushPath: string;
  readonly auth: PushAuth;
  readonly maxBodyBytes: number;
  readonly databaseUrl: string;
  readonly quarantineMaxRows: number;
  readonly routes: RoutesFile;
  readonly defaultChannel?: string | undefined;
  readonly slack: {
    readonly token: string;
    readonly apiUrl: string;
    readonly ratePerChannel: number;
    readonly maxAttempts: number;
    readonly timeoutMs: number;
  };
  readonly displayTimeZone: string;
  readonly metricsToken?: string | undefined;
  readonly relayOwner: string;
  readonly relayLeaseMs: number;
  /** Delivered history older than this many days is deleted (hourly); 0 keeps everything. */
  readonly retentionDays?: number;
  /** How often retention runs; default one hour. */
  readonly retentionIntervalMs?: number;
  /** Present when CCC credentials are configured. */
  readonly reconcile?:
    | { readonly listCalls: ListCalls; readonly intervalMs: number; readonly windowMs: number }
    | undefined;
}

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
  /** Graceful shutdown: stop accepting, finish in-flight acks, stop the relay and release claims. */
  stop(): Promise<void>;
}

/**
 * Starts the webhook: store (migrated), push endpoint with group commit, relay to Slack, and reconciliation
 * when configured. Used by `main.ts`, the tests and the demo.
 *
 * @example
 * const webhook = await startWebhook(config, { logger });
 */
export async function startWebhook(
  config: WebhookConfig,
  deps: { logger: Logger; now?: () => number },
): Promise<Webhook> {
  const { logger } = deps;
  const metrics = createMetrics();
  const store = await openStore(config.databaseUrl, { quarantineLimit: config.quarantineMaxRows });
  // Read before the server takes pushes: reconciliation resumes from the last push of the previous process.
  const lastPushAt = config.reconcile ? (await store.stats()).lastReceivedAt : null;
  // PostgreSQL commits several batches at once on its pool; SQLite has a single writer.
  const committer = createGroupCommitter(store, { concurrency: store.engine === 'postgres' ? 4 : 1 });
  const slack = new WebClient(config.slack.token, {
    slackApiUrl: config.slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: config.slack.timeoutMs,
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => 'error' as never,
      setName() {},
    },
  });
  const relay = createRelay({
    store,
    owner: config.relayOwner,
    leaseMs: config.relayLeaseMs,
    ratePerChannel: config.slack.ratePerChannel,
    maxAttempts: config.slack.maxAttempts,
    logger,
    metrics,
    render: (message) => renderMessage(message, { timeZone: config.displayTimeZone }),
    post: async (args) => {
      const result = await slack.chat.postMessage({
        ...args,
        unfurl_links: false,
        unfurl_media: false,
      } as never);
      return { ts: result.ts as string };
    },
    ...(deps.now ? { now: deps.now } : {}),
  });
  const submit: typeof committer.submit = async (item) => {
    const outcome = await committer.submit(item);
    if (outcome === 'stored') relay.wake();
    return outcome;
  };
  const handlePush = createPushHandler({
    auth: config.auth,
    maxBodyBytes: config.maxBodyBytes,
    submit,
    quarantine: (item) => store.quarantine(item),
    routeFor: (push) =>
      push.kind === 'record' ? [] : route(config.routes, facts(push), config.defaultChannel),
    metrics,
    logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const listener = createRequestListener({
    pushPath: config.pushPath,
    handlePush,
    ready: () => store.ping(),
    metrics,
    metricsToken: config.metricsToken,
    beforeScrape: async () => {
      const stats = await store.stats();
      for (const [state, count] of Object.entries(stats.outbox)) metrics.outboxDepth.set({ state }, count);
      metrics.quarantined.set(stats.quarantine);
    },
    logger,
  });
  const { server, url } = await startServer(listener, config.port, config.host);
  relay.start();
  const keepMs = (config.retentionDays ?? 0) * 86_400_000;
  const reconciler = config.reconcile
    ? createReconciler({
        ...config.reconcile,
        // A resumed run stays a day inside the retention period (see retention.ts).
        ...(keepMs > 0 ? { maxLookbackMs: Math.max(config.reconcile.windowMs, keepMs - 86_400_000) } : {}),
        resumeFrom: async () => lastPushAt,
        submit,
        routeFor: (call) => route(config.routes, factsOfCall(call), config.defaultChannel),
        logger,
        metrics,
        ...(deps.now ? { now: deps.now } : {}),
      })
    : null;
  reconciler?.start();
  const retention =
    keepMs > 0
      ? createRetention({
          store,
          keepMs,
          intervalMs: config.retentionIntervalMs ?? 3_600_000,
          logger,
          metrics,
          ...(deps.now ? { now: deps.now } : {}),
        })
      : null;
  retention?.start();
  logger.info(
    { url, engine: store.engine, pushPath: config.pushPath, auth: config.auth.mode },
    'webhook listening',
  );
  return {
    url,
    config,
    server,
    store,
    relay,
    metrics,
    reconciler,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await committer.flush();
      await reconciler?.stop();
      await retention?.stop();
      await relay.stop();
      await store.close();
    },
  };
}
