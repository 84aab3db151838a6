import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createCccClient } from '@ccc-kit/ccc-client';
import type { WebhookConfig } from './app.ts';
import type { Env } from './env.ts';
import { WebhookError, WebhookErrorCode } from './errors.ts';
import type { PushAuth } from './http/auth.ts';
import { parseRoutes, type RoutesFile } from './routes/index.ts';

const pushAuth = (env: Env): PushAuth => {
  if (env.pushAuth === 'basic') {
    return {
      mode: 'basic',
      user: env.PUSH_BASIC_USER as string,
      password: env.PUSH_BASIC_PASSWORD as string,
    };
  }
  if (env.pushAuth === 'token') return { mode: 'token', token: env.PUSH_TOKEN as string };
  return { mode: 'none' };
};

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
      `ROUTES_FILE ${path} cannot be read: ${(error as Error).message}`,
      [],
      {
        cause: error,
      },
    );
  }
  return parseRoutes(text, path);
}

/** Turns validated env into the webhook's configuration (routes loaded, clients built). */
export function configFromEnv(env: Env): WebhookConfig {
  const reconcile = env.reconcile
    ? (() => {
        const client = createCccClient({
          secretId: env.TENCENTCLOUD_SECRET_ID as string,
          secretKey: env.TENCENTCLOUD_SECRET_KEY as string,
          sdkAppId: env.CCC_SDK_APP_ID as number,
          ...(env.CCC_ENDPOINT ? { endpoint: env.CCC_ENDPOINT } : {}),
        });
        return {
          listCalls: (start: Date, end: Date) =>
            client.iterateTelCdrs({ startTimestamp: start, endTimestamp: end }),
          intervalMs: env.RECONCILE_INTERVAL,
          windowMs: env.RECONCILE_WINDOW,
        };
      })()
    : undefined;
  return {
    port: env.PORT,
    host: env.HOST,
    pushPath: env.PUSH_PATH,
    auth: pushAuth(env),
    maxBodyBytes: env.PUSH_MAX_BODY_BYTES,
    databaseUrl: env.DATABASE_URL,
    quarantineMaxRows: env.QUARANTINE_MAX_ROWS,
    routes: loadRoutes(env.ROUTES_FILE),
    defaultChannel: env.SLACK_DEFAULT_CHANNEL,
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
    retentionDays: env.RETENTION_DAYS,
    reconcile,
  };
}
