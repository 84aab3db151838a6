import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { createDigestJob } from './digest/job.ts';
import { callFacts, factsOfCall, followUpOfRow } from './facts.ts';
import type { WebhookMetrics } from './http/metrics.ts';
import { factsOfChat } from './reconcile/chat-rows.ts';
import { reconciledQuarantine } from './reconcile/quarantine.ts';
import { createReconciler } from './reconcile/reconcile.ts';
import { createRelay } from './relay/relay.ts';
import { renderMessage } from './render.ts';
import { createRetention } from './retention.ts';
import { postStyle, route } from './routes/index.ts';
import { historyReader } from './slack-client.ts';
import type { IngestItem, IngestOutcome, OpenStoreOptions, Store } from './store/index.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** What the pieces built here share (see `startWebhook`). */
export interface Wiring {
  readonly config: WebhookConfig;
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  readonly now?: (() => number) | undefined;
}

/** The relay to Slack: our own retries and rate limits, so the WebClient makes one attempt per call. */
export function createSlackRelay({ config, store, logger, metrics, now }: Wiring, slack: WebClient) {
  return createRelay({
    store,
    owner: config.relayOwner,
    leaseMs: config.relayLeaseMs,
    ratePerChannel: config.slack.ratePerChannel,
    maxAttempts: config.slack.maxAttempts,
    logger,
    metrics,
    render: (message) =>
      renderMessage(message, {
        timeZone: config.displayTimeZone,
        followUps: config.internalToken !== undefined,
        postStyle: (call, channel) => postStyle(config.routes, callFacts(call, 'cdr'), channel),
      }),
    post: async (args) => {
      const result = await slack.chat.postMessage({
        ...args,
        unfurl_links: false,
        unfurl_media: false,
      } as never);
      return { ts: result.ts as string };
    },
    update: async (args) => {
      await slack.chat.update({ ...args } as never);
    },
    readHistoryPage: historyReader(slack),
    settleMs: 2 * config.slack.timeoutMs,
    // One sender per channel across PostgreSQL replicas; taken over about SLACK_TIMEOUT + 5 s after a death.
    ...(store.engine === 'postgres'
      ? { channelLease: { leaseMs: config.slack.timeoutMs + 5_000, guardMs: config.slack.timeoutMs } }
      : {}),
    ...(now ? { now } : {}),
  });
}

/**
 * Reconciliation (when configured: calls, and chats when `listChats` is set) and retention (when
 * `retentionDays` > 0), started. A reconciliation run that resumes never reaches further back than a day
 * inside the retention period, or it would post sessions whose history retention deleted.
 */
export function startBackgroundJobs(
  wiring: Wiring,
  submit: (item: IngestItem) => Promise<IngestOutcome>,
  lastPushAt: number | null,
  slack: WebClient,
) {
  const { config, store, logger, metrics, now } = wiring;
  const clock = now ? { now } : {};
  const keepMs = (config.retentionDays ?? 0) * 86_400_000;
  const reconcile = config.reconcile;
  const reconciler = reconcile
    ? createReconciler({
        ...reconcile,
        ...(keepMs > 0 ? { maxLookbackMs: Math.max(reconcile.windowMs, keepMs - 86_400_000) } : {}),
        resumeFrom: async () => lastPushAt,
        submit,
        quarantine: (row) => reconciledQuarantine(store, row, (now ?? Date.now)()),
        // One reconciling replica at a time on PostgreSQL; taken over by another when it dies.
        lead: () => store.tryLead('reconcile'),
        routeFor: (call) => route(config.routes, factsOfCall(call), config.defaultChannel),
        followUpFor: (call, receivedAt) => followUpOfRow(config, call, receivedAt),
        // A reconciled chat is routed like a pushed imcdr: same facts, same rules.
        routeForChat: (chat) => route(config.routes, factsOfChat(chat), config.defaultChannel),
        logger,
        metrics,
        ...clock,
      })
    : null;
  const retention =
    keepMs > 0
      ? createRetention({
          store,
          keepMs,
          intervalMs: config.retentionIntervalMs ?? 3_600_000,
          logger,
          metrics,
          ...clock,
        })
      : null;
  const digest = config.digest
    ? createDigestJob({
        store,
        slack,
        settings: config.digest,
        owner: config.relayOwner,
        followUps: config.internalToken !== undefined,
        logger,
        ...clock,
      })
    : null;
  reconciler?.start();
  retention?.start();
  digest?.start();
  return {
    reconciler,
    digest,
    async stop(): Promise<void> {
      await reconciler?.stop();
      await retention?.stop();
      await digest?.stop();
    },
  };
}

/**
 * The quarantine's settings for `openStore`: its bounds, and evictions counted in
 * `ccc_webhook_quarantine_evicted_total` and logged once per batch (how many, the oldest receive time; never
 * a body), so a full quarantine never drops refused pushes silently.
 */
export function quarantineStoreOptions(
  config: WebhookConfig,
  metrics: WebhookMetrics,
  logger: Logger,
): OpenStoreOptions {
  return {
    quarantineLimit: config.quarantineMaxRows,
    ...(config.quarantineMaxBodyBytes ? { quarantineMaxBodyBytes: config.quarantineMaxBodyBytes } : {}),
    onQuarantineEvicted: ({ rows, oldestReceivedAt }) => {
      metrics.quarantineEvicted.inc(rows);
      logger.warn(
        { evicted: rows, oldestReceivedAt: new Date(oldestReceivedAt).toISOString() },
        'quarantine full: deleted the oldest refused pushes (raise QUARANTINE_MAX_ROWS to keep more)',
      );
    },
  };
}
