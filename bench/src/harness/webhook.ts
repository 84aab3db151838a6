import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_CPU } from './cpu.ts';
import { freePort, type Service, startInTempDir, startService } from './processes.ts';

/** Push credentials the webhook is started with (HTTP Basic, as Tencent's console sends them). */
export const PUSH_USER = 'tencent';
const PUSH_PASSWORD = 'bench-push-password';
/** The `Authorization` header every load-test request carries (the baseline ignores it). */
export const PUSH_AUTHORIZATION = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;
/** Path and query Tencent uses for a CDR push. */
export const CDR_PUSH_PATH = '/push?action=cdr&version=1';

/** The built webhook, or a reason it cannot run yet. */
export function webhookScript(root: string): { script: string } | { missing: string } {
  return appScript(root, 'webhook');
}

/** `apps/<app>/dist/main.mjs`, or why a figure must skip (not built). */
export function appScript(
  root: string,
  app: 'webhook' | 'slack-bot',
): { script: string } | { missing: string } {
  const script = join(root, 'apps', app, 'dist', 'main.mjs');
  return existsSync(script) ? { script } : { missing: `apps/${app}/dist/main.mjs is not built` };
}

/** Options of {@link startWebhook}. */
export interface WebhookOptions {
  readonly script: string;
  /** `sqlite:<file>` or `postgres://…`; a fresh SQLite file in a temporary folder by default. */
  readonly databaseUrl?: string;
  readonly slackApiUrl: string;
  readonly slackToken: string;
  readonly defaultChannel?: string;
  readonly routesFile?: string;
  readonly ratePerChannel?: number;
  readonly env?: Readonly<Record<string, string>>;
}

/** A running webhook process and the temporary folder it owns. */
export interface WebhookService extends Service {
  readonly databaseUrl: string;
}

/**
 * Starts `node apps/webhook/dist/main.mjs` pinned to the server core, with Basic push auth, `LOG_LEVEL=warn`
 * (per-push info logs are a deployment choice, not part of ingest), and waits for `/readyz`.
 */
export function startWebhook(options: WebhookOptions): Promise<WebhookService> {
  return startInTempDir('ccc-bench-webhook-', async (dir) => {
    const databaseUrl = options.databaseUrl ?? `sqlite:${join(dir, 'webhook.db')}`;
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUSH_BASIC_USER: PUSH_USER,
      PUSH_BASIC_PASSWORD: PUSH_PASSWORD,
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: options.slackToken,
      SLACK_API_URL: options.slackApiUrl,
      SLACK_RATE_PER_CHANNEL: String(options.ratePerChannel ?? 1),
      RELAY_OWNER: 'bench',
      LOG_LEVEL: 'warn',
      ...(options.defaultChannel ? { SLACK_DEFAULT_CHANNEL: options.defaultChannel } : {}),
      ...(options.routesFile ? { ROUTES_FILE: options.routesFile } : {}),
      ...options.env,
    };
    const service = await startService({
      name: 'webhook',
      script: options.script,
      env,
      cwd: dir,
      cpu: SERVER_CPU,
      port,
      readyPath: '/readyz',
    });
    return { ...service, databaseUrl };
  });
}

/** Starts the baseline server (bare node:http + JSON.parse) pinned to the server core. */
export async function startBaseline(script: string): Promise<Service> {
  const port = await freePort();
  return startService({
    name: 'baseline',
    script,
    args: [String(port)],
    cpu: SERVER_CPU,
    port,
    readyPath: '/',
  });
}
