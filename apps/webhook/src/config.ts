import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createCccClient } from '@ccc-kit/ccc-client';
import type { Logger } from 'pino';
import type { Env } from './env.ts';
import { WebhookError, WebhookErrorCode } from './errors.ts';
import { cccCallPages, cccChatPages } from './reconcile/ccc-pages.ts';
import { parseRoutes, type RoutesFile } from './routes/index.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** Reads and validates the routes file; a missing file is reported like any other problem. */
export function loadRoutes(
  path: string | undefined,
  read: (p: string) => string = (p) => readFileSync(p, 'utf8'),
): RoutesFile {
  if (!path) return { rules: [] };
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    throw new WebhookError(
      WebhookErrorCode.InvalidRoutes,
      `ROUTES_FILE ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      [],
      { cause: error },
    );
  }
  return parseRoutes(text, path);
}

/** Reconciliation's settings, with a CCC client built from the credentials, when they are configured. */
const reconcileFrom = (env: Env, logger: Logger | undefined): WebhookConfig['reconcile'] => {
  if (!env.reconcile) return undefined;
  const { endpoint, ...credentials } = env.reconcile;
  const client = createCccClient({
    ...credentials,
    ...(endpoint ? { endpoint } : {}),
    rateLimit: { perSecond: env.CCC_RATE_PER_ACTION },
    // Retries and dropped response fields (an odd DescribeTelCdr or DescribeIMCdrList row) reach the log.
    ...(logger ? { logger: { debug: (m, f) => logger.debug(f, m), warn: (m, f) => logger.warn(f, m) } } : {}),
  });
  return {
    listCalls: cccCallPages(client),
    // Same client, so the same credentials; each action has its own share of CCC_RATE_PER_ACTION.
    listChats: cccChatPages(client),
    intervalMs: env.RECONCILE_INTERVAL,
    windowMs: env.RECONCILE_WINDOW,
    settleMs: env.RECONCILE_SETTLE,
  };
};

/** Turns validated env into the webhook's configuration (routes loaded, clients built, logging to `logger`). */
export function configFromEnv(env: Env, logger?: Logger): WebhookConfig {
  return {
    port: env.PORT,
    host: env.HOST,
    pushPath: env.PUSH_PATH,
    auth: env.pushAuth,
    maxBodyBytes: env.PUSH_MAX_BODY_BYTES,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT,
    databaseUrl: env.DATABASE_URL,
    pgQueryTimeoutMs: env.PG_QUERY_TIMEOUT,
    commitQueueMax: env.COMMIT_QUEUE_MAX,
    commitStallMs: env.COMMIT_STALL_TIMEOUT,
    quarantineMaxRows: env.QUARANTINE_MAX_ROWS,
    quarantineMaxBodyBytes: env.QUARANTINE_MAX_BODY_BYTES,
    routes: loadRoutes(env.ROUTES_FILE),
    defaultChannel: env.SLACK_DEFAULT_CHANNEL,
    voicemailWaitMs: env.VOICEMAIL_WAIT,
    slack: {
      token: env.SLACK_BOT_TOKEN,
      apiUrl: env.SLACK_API_URL,
      ratePerChannel: env.SLACK_RATE_PER_CHANNEL,
      maxAttempts: env.SLACK_MAX_ATTEMPTS,
      timeoutMs: env.SLACK_TIMEOUT,
    },
    displayTimeZone: env.DISPLAY_TIMEZONE,
    metricsToken: env.METRICS_TOKEN,
    relayOwner: env.RELAY_OWNER ?? hostname(),
    relayLeaseMs: env.RELAY_LEASE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT,
    retentionDays: env.RETENTION_DAYS,
    reconcile: reconcileFrom(env, logger),
  };
}
