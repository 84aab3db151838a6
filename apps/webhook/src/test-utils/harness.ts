import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, type SandboxOptions, startSandbox } from '@ccc-kit/sandbox';
import { type Logger, pino } from 'pino';
import { startWebhook, type Webhook } from '../app.ts';
import { parseRoutes } from '../routes/index.ts';
import type { WebhookConfig } from '../webhook-config.ts';

/** Basic credentials the harness configures on both sides. */
export const PUSH_USER = 'tencent';
export const PUSH_PASSWORD = 'harness-push-password';

/** A sandbox and a webhook wired to it, on free local ports. */
export interface Harness {
  readonly sandbox: Sandbox;
  readonly webhook: Webhook;
  readonly pushUrl: string;
  readonly pusher: ReturnType<Sandbox['pusher']>;
  /** Waits until no outbox row is pending or sending. */
  drained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const ROUTES = `
rules:
  - match: { kind: cdr, direction: inbound, outcome: [missed, abandoned_in_ivr, outside_hours] }
    channel: "#support-missed"
  - match: { kind: cdr }
    channel: "#calls"
  - match: { kind: voicemail }
    channel: "#voicemail"
  - match: { kind: imcdr }
    channel: "#chats"
`;

/** Starts a sandbox (Slack channels created for the routes) and a webhook with a SQLite store in a temp dir. */
export async function startHarness(
  options: {
    sandbox?: SandboxOptions;
    config?: Partial<WebhookConfig>;
    databaseUrl?: string;
    /** The webhook's clock (receive times, relay, retention); default `Date.now`. */
    now?: () => number;
    /** The webhook's logger; default silent. */
    logger?: Logger;
  } = {},
): Promise<Harness> {
  const sandbox = await startSandbox({
    calls: 20,
    chats: 9,
    ...options.sandbox,
    slack: { ratePerChannel: 50, burstPerChannel: 50, ...options.sandbox?.slack },
  });
  for (const name of ['support-missed', 'voicemail', 'chats']) sandbox.slack.createChannel(name);
  const dir = mkdtempSync(join(tmpdir(), 'ccc-webhook-'));
  const config: WebhookConfig = {
    port: 0,
    host: '127.0.0.1',
    pushPath: '/push',
    auth: { mode: 'basic', user: PUSH_USER, password: PUSH_PASSWORD },
    maxBodyBytes: 1024 * 1024,
    databaseUrl: options.databaseUrl ?? `sqlite:${join(dir, 'webhook.db')}`,
    quarantineMaxRows: 1000,
    routes: parseRoutes(ROUTES),
    slack: {
      token: sandbox.credentials.slack.token,
      apiUrl: sandbox.slackApiUrl,
      ratePerChannel: 50,
      maxAttempts: 5,
      timeoutMs: 2000,
    },
    displayTimeZone: 'UTC',
    relayOwner: 'harness',
    relayLeaseMs: 60_000,
    ...options.config,
  };
  const webhook = await startWebhook(config, {
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.now ? { now: options.now } : {}),
  });
  const pushUrl = `${webhook.url}/push`;
  const pusher = sandbox.pusher({
    url: pushUrl,
    auth: { basic: { user: PUSH_USER, password: PUSH_PASSWORD } },
    retryDelaysMs: [20],
  });
  return {
    sandbox,
    webhook,
    pushUrl,
    pusher,
    async drained(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { outbox } = await webhook.store.stats();
        if (outbox.pending === 0 && outbox.sending === 0) return;
        if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(outbox)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await webhook.stop();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
