import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCccClient } from '@ccc-kit/ccc-client';
import { createDeskClient } from '@ccc-kit/desk-client';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { createBotApp } from '@ccc-kit/slack-bot';
import { parseRoutes, startWebhook, type Webhook } from '@ccc-kit/webhook/app';
import { type Logger, pino } from 'pino';
import { COMMAND_CHANNEL } from './commands.ts';

/** The channels of `apps/webhook/routes.example.yaml`, which the demo routes with. */
export const DEMO_CHANNELS: readonly string[] = [
  '#support-missed',
  '#calls',
  '#voicemail',
  '#chats',
  '#digest',
];

/**
 * Messages per second per channel, in the Slack emulator and the webhook's relay alike. Real Slack allows
 * about one message per second per channel (the webhook's default, `SLACK_RATE_PER_CHANNEL=1`); the demo
 * raises both so a day of calls is posted in seconds instead of minutes.
 */
export const DEMO_RATE_PER_CHANNEL = 200;

/** The routes file the demo uses: the one an operator copies first. */
export const ROUTES_FILE: string = fileURLToPath(
  new URL('../../../apps/webhook/routes.example.yaml', import.meta.url),
);

/** HTTP Basic user of the pushes, as typed into Tencent's console (the password is random per run). */
const PUSH_USER = 'tencent';

/** Options of {@link startStack}. */
export interface StackOptions {
  readonly seed: number;
  readonly calls: number;
  readonly chats: number;
  /** Webhook and bot logs (JSON) on stderr; silent otherwise. */
  readonly verbose: boolean;
}

/** The sandbox, the webhook and the bot, running on free local ports. */
export interface Stack {
  readonly sandbox: Sandbox;
  readonly webhook: Webhook;
  /** The bot's request URL (`…/slack/events`), as configured in the Slack app manifest. */
  readonly eventsUrl: string;
  /** The push URL and credentials, as configured in Tencent's console. */
  readonly push: { readonly url: string; readonly user: string; readonly password: string };
  stop(): Promise<void>;
}

/** Starts the webhook on the sandbox's Slack, with its embedded SQLite store in `folder`. */
async function webhookOn(
  sandbox: Sandbox,
  folder: string,
  secrets: { readonly password: string; readonly internalToken: string },
  logger: Logger,
): Promise<Webhook> {
  const { password, internalToken } = secrets;
  const routes = parseRoutes(await readFile(ROUTES_FILE, 'utf8'), 'apps/webhook/routes.example.yaml');
  return startWebhook(
    {
      port: 0,
      host: '127.0.0.1',
      pushPath: '/push',
      auth: { mode: 'basic', user: PUSH_USER, password },
      maxBodyBytes: 1_048_576,
      databaseUrl: `sqlite:${join(folder, 'webhook.db')}`,
      quarantineMaxRows: 10_000,
      routes,
      slack: {
        token: sandbox.credentials.slack.token,
        apiUrl: sandbox.slackApiUrl,
        ratePerChannel: DEMO_RATE_PER_CHANNEL,
        maxAttempts: 8,
        timeoutMs: 10_000,
      },
      displayTimeZone: 'UTC',
      relayOwner: 'demo',
      relayLeaseMs: 60_000,
      // Missed-call follow-up: the bot forwards the buttons' clicks with this shared secret.
      internalToken,
      // The demo's day is yesterday: a callback now must still close its missed calls.
      followUpWindowMs: 72 * 3_600_000,
      // The daily digest goes to #digest. Its time is set 12 hours away so it never fires by itself while
      // the demo runs: the demo queues the day once it is pushed, as `webhook digest --date … --post` does.
      digest: {
        channel: '#digest',
        atMinute: (Math.floor(Date.now() / 60_000) + 720) % 1440,
        timeZone: 'UTC',
      },
    },
    { logger: logger.child({ app: 'webhook' }) },
  );
}

/** Inbound calls in progress while the demo runs (the day's calls are all finished, yesterday). */
const DEMO_LIVE_CALLS = 12;

/**
 * Starts everything `pnpm demo` shows, with no credentials: the sandbox (Tencent CCC, Desk and Slack
 * emulators sharing one generated day), the webhook (SQLite in a temporary folder, routed by
 * `routes.example.yaml`) and the Slack bot (talking to the emulated CCC and Desk APIs).
 *
 * @example
 * const stack = await startStack({ seed: 1, calls: 40, chats: 12, verbose: false });
 * await stack.stop();
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const logger = pino({ level: options.verbose ? 'info' : 'silent' }, pino.destination(2));
  const folder = await mkdtemp(join(tmpdir(), 'ccc-demo-'));
  const sandbox = await startSandbox({
    seed: options.seed,
    calls: options.calls,
    chats: options.chats,
    // Calls in progress now: the Home tab's queue and busy agents.
    liveCalls: DEMO_LIVE_CALLS,
    slack: {
      channels: [...DEMO_CHANNELS, COMMAND_CHANNEL].map((name) => ({ name })),
      ratePerChannel: DEMO_RATE_PER_CHANNEL,
      burstPerChannel: DEMO_RATE_PER_CHANNEL,
    },
  });
  const password = randomBytes(12).toString('base64url');
  const internalToken = randomBytes(24).toString('base64url');
  const webhook = await webhookOn(sandbox, folder, { password, internalToken }, logger);
  const { ccc, desk, slack } = sandbox.credentials;
  const bot = createBotApp({
    slack: { token: slack.token, signingSecret: slack.signingSecret, apiUrl: sandbox.slackApiUrl },
    ccc: createCccClient({ ...ccc, endpoint: sandbox.cccUrl }),
    desk: createDeskClient({ ...desk, endpoint: sandbox.deskUrl }),
    followUps: { url: webhook.url, token: internalToken },
    logger: logger.child({ app: 'slack-bot' }),
  });
  const { url: botUrl } = await bot.start(0);
  return {
    sandbox,
    webhook,
    eventsUrl: `${botUrl}/slack/events`,
    push: { url: `${webhook.url}/push`, user: PUSH_USER, password },
    async stop() {
      await bot.stop();
      await webhook.stop();
      await sandbox.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
