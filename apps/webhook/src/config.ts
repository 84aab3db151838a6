import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { createCccClient } from '@ccc-kit/ccc-client';
import type { Logger } from 'pino';
import { minuteOfDay } from './digest/day.ts';
import type { Env, LoadedEnv } from './env.ts';
import { isWebhookError, WebhookError, WebhookErrorCode } from './errors.ts';
import { cccCallPages, cccChatPages } from './reconcile/ccc-pages.ts';
import { parseRoutes, type RoutesFile } from './routes/index.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** Why a file could not be read, in words (the error's code and path say less to an operator). */
export const readFailure = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
};

/**
 * Reads and validates a routes file; a file that cannot be read is reported like any other problem, with
 * the absolute path it was looked for at (a relative path resolves against `baseDir`, see
 * `startDirectory`). `label` names where the path came from (`ROUTES_FILE`, `routes file`).
 */
export function loadRoutes(
  path: string | undefined,
  options: { baseDir?: string; label?: string; read?: (p: string) => string } = {},
): RoutesFile {
  if (!path) return { rules: [] };
  const { baseDir = process.cwd(), label = 'ROUTES_FILE', read = (p) => readFileSync(p, 'utf8') } = options;
  const absolute = resolve(baseDir, path);
  let text: string;
  try {
    text = read(absolute);
  } catch (error) {
    const where = absolute === path ? path : `${path} (${absolute})`;
    throw new WebhookError(
      WebhookErrorCode.InvalidRoutes,
      `${label} ${where} cannot be read: ${readFailure(error)}; check the path (a relative one starts from the directory the command was started in)`,
      [],
      { cause: error },
    );
  }
  return parseRoutes(text, path);
}

/** A `sqlite:` URL with a relative path made absolute against `baseDir`; any other URL as it is. */
export function resolveDatabaseUrl(url: string, baseDir: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const path = url.slice('sqlite:'.length);
  // `sqlite::memory:` is no file; `sqlite://…` and an empty path are refused by openStore with a hint.
  if (path === '' || path === ':memory:' || path.startsWith('//') || isAbsolute(path)) return url;
  return `sqlite:${resolve(baseDir, path)}`;
}

/** The environment and the routes file, both valid, or every problem of both. */
export type CheckedConfig =
  | { readonly ok: true; readonly env: Env; readonly routes: RoutesFile }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks the routes file along with the environment, so that one start lists the problems of both (the
 * routes file is read whenever `ROUTES_FILE` is valid, even when other variables are not).
 *
 * @example
 * const checked = checkConfig(loadEnv(), startDirectory());
 * if (!checked.ok) console.error(checked.problems.join('\n'));
 */
export function checkConfig(loaded: LoadedEnv, baseDir: string): CheckedConfig {
  const problems = loaded.ok ? [] : [...loaded.problems];
  const file = loaded.ok ? loaded.env.ROUTES_FILE : loaded.valid.ROUTES_FILE;
  let routes: RoutesFile = { rules: [] };
  try {
    routes = loadRoutes(file, { baseDir });
  } catch (error) {
    if (!isWebhookError(error)) throw error;
    problems.push(...(error.problems.length ? error.problems : [error.message]));
  }
  return loaded.ok && problems.length === 0 ? { ok: true, env: loaded.env, routes } : { ok: false, problems };
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

/** What {@link configFromEnv} needs besides the environment. */
export interface ConfigOptions {
  /** Where CCC client retries and dropped fields are logged. */
  readonly logger?: Logger | undefined;
  /** The routes, already loaded (see {@link checkConfig}); default: `ROUTES_FILE` read now. */
  readonly routes?: RoutesFile;
  /** Where relative paths start (see `startDirectory`); default the current directory. */
  readonly baseDir?: string;
}

/**
 * Turns validated env into the webhook's configuration: routes loaded, a relative SQLite path resolved
 * against `baseDir`, clients built, logging to `logger`.
 */
export function configFromEnv(env: Env, options: ConfigOptions = {}): WebhookConfig {
  const { logger, baseDir = process.cwd() } = options;
  return {
    port: env.PORT,
    host: env.HOST,
    pushPath: env.PUSH_PATH,
    auth: env.pushAuth,
    maxBodyBytes: env.PUSH_MAX_BODY_BYTES,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT,
    databaseUrl: resolveDatabaseUrl(env.DATABASE_URL, baseDir),
    pgQueryTimeoutMs: env.PG_QUERY_TIMEOUT,
    commitQueueMax: env.COMMIT_QUEUE_MAX,
    commitStallMs: env.COMMIT_STALL_TIMEOUT,
    quarantineMaxRows: env.QUARANTINE_MAX_ROWS,
    quarantineMaxBodyBytes: env.QUARANTINE_MAX_BODY_BYTES,
    routes: options.routes ?? loadRoutes(env.ROUTES_FILE, { baseDir }),
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
    internalToken: env.INTERNAL_TOKEN,
    followUpWindowMs: env.FOLLOW_UP_WINDOW,
    digest: env.DIGEST_CHANNEL
      ? {
          channel: env.DIGEST_CHANNEL,
          atMinute: minuteOfDay(env.DIGEST_AT) ?? 9 * 60,
          timeZone: env.DIGEST_TIME_ZONE ?? env.DISPLAY_TIMEZONE,
        }
      : undefined,
    relayOwner: env.RELAY_OWNER ?? hostname(),
    relayLeaseMs: env.RELAY_LEASE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT,
    retentionDays: env.RETENTION_DAYS,
    reconcile: reconcileFrom(env, logger),
  };
}
