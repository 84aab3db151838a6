import type { ServerOptions, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CccClient } from '@ccc-kit/ccc-client';
import type { DeskClient } from '@ccc-kit/desk-client';
import { App, HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createAccess } from './access.ts';
import { createStatsReadCache } from './commands/stats-cache.ts';
import type { BotDeps } from './deps.ts';
import { createFollowUpClient, type FollowUpClientOptions } from './follow-up-client.ts';
import { createIdentityCache } from './identity.ts';
import { registerListeners } from './listeners.ts';
import { type BotLogger, toBoltLogger } from './logger.ts';
import { refuseFutureRequests } from './request-clock.ts';
import { guardSlackRequests, MAX_BODY_BYTES } from './request-guard.ts';
import { createWebhookStatsClient } from './stats-client.ts';

/** Options of {@link createBotApp}; `main.ts` builds them from the environment, tests and the demo by hand. */
export interface BotAppOptions {
  readonly slack: {
    readonly token: string;
    readonly signingSecret: string;
    /** Web API base URL (default `https://slack.com/api/`), e.g. the sandbox's Slack emulator. */
    readonly apiUrl?: string | undefined;
  };
  /** CCC client; without it, call lookups answer "not configured". */
  readonly ccc?: CccClient | undefined;
  /** Desk client; without it, chat lookups answer "not configured". */
  readonly desk?: DeskClient | undefined;
  /** Slack user IDs (`U…`) and user group IDs (`S…`) allowed to get recording links and call transcripts (default: nobody). */
  readonly recordingAllowedUsers?: readonly string[] | undefined;
  /**
   * The webhook's follow-up API (`WEBHOOK_URL`, `INTERNAL_TOKEN`): the buttons of missed-call posts are
   * forwarded there. Without it they answer that follow-ups are not configured.
   */
  readonly followUps?: FollowUpClientOptions | undefined;
  /** Slack user ID → CCC agent email, for "Call back now" when a Slack email is not the agent account. */
  readonly agentMap?: ReadonlyMap<string, string> | undefined;
  /** Who may act on missed calls: user and user group IDs (default: everyone). */
  readonly followUpAllowedUsers?: readonly string[] | undefined;
  /** User and user group IDs who see the Home tab wallboard (`HOME_ALLOWED_USERS`); empty: everyone. */
  readonly homeAllowedUsers?: readonly string[] | undefined;
  /** Channels where `/ccc` works (default: all). */
  readonly allowedChannels?: readonly string[] | undefined;
  /** Users who may use `/ccc` and its buttons (default: all). */
  readonly allowedUsers?: readonly string[] | undefined;
  readonly logger: BotLogger;
  /** The CCC client's requests per second per action (`CCC_RATE_PER_ACTION`), for `/ccc stats` estimates. */
  readonly cccRatePerSecond?: number | undefined;
  /** IANA time zone of `/ccc stats` days (default `UTC`). */
  readonly timeZone?: string | undefined;
  /** Clock in Unix milliseconds (default `Date.now`). */
  readonly now?: (() => number) | undefined;
  /** Port used when `start()` gets none (default 3000). */
  readonly port?: number | undefined;
  /** Interface to listen on (default: all, as a server behind a proxy needs; tests and the demo use 127.0.0.1). */
  readonly host?: string | undefined;
  /** A client must have sent its request headers within this long (default 10 s; Node's own is 60 s). */
  readonly headersTimeoutMs?: number | undefined;
  /** A client must have sent its whole request within this long (default 15 s; Node's own is 300 s). */
  readonly requestTimeoutMs?: number | undefined;
}

/** A bot ready to start. */
export interface BotApp {
  /** The Bolt app (listeners registered). */
  readonly app: App;
  /** Checks the token with auth.test, then listens; resolves with the bound port (pass 0 for any free one). */
  start(port?: number): Promise<{ readonly port: number; readonly url: string }>;
  stop(): Promise<void>;
}

/**
 * Builds the Slack bot: Bolt in HTTP mode (`POST /slack/events`, signature-verified) plus `GET /healthz`,
 * with the `/ccc` command and the button listeners. No side effects until `start()`.
 *
 * @example
 * const bot = createBotApp({ slack: { token, signingSecret }, ccc, desk, logger });
 * const { url } = await bot.start(0);
 */
export function createBotApp(options: BotAppOptions): BotApp {
  const { logger } = options;
  const clientOptions = {
    ...(options.slack.apiUrl ? { slackApiUrl: options.slack.apiUrl } : {}),
    retryConfig: { retries: 2 },
  };
  const slack = new WebClient(options.slack.token, { ...clientOptions, logger: toBoltLogger(logger) });
  const identity = createIdentityCache(slack);
  const app = new App({
    receiver: createReceiver(options.slack.signingSecret, logger),
    logger: toBoltLogger(logger),
    clientOptions,
    // The ids come from our own auth.test (one call, also giving the bot's name for messages).
    authorize: async () => {
      const { botId, botUserId, teamId } = await identity.resolve();
      return { botToken: options.slack.token, botId, botUserId, teamId };
    },
  });
  const now = options.now ?? Date.now;
  const deps: BotDeps = {
    ccc: options.ccc,
    desk: options.desk,
    slack,
    logger,
    now,
    timeZone: options.timeZone ?? 'UTC',
    access: createAccess({
      ...options,
      // Needs the usergroups:read scope (in the manifest); only asked when the list names a group.
      usergroupMembers: async (usergroup) => (await slack.usergroups.users.list({ usergroup })).users ?? [],
    }),
    followUps: options.followUps ? createFollowUpClient(options.followUps) : undefined,
    webhookStats: options.followUps ? createWebhookStatsClient(options.followUps) : undefined,
    statsReads: createStatsReadCache(now),
    cccRatePerSecond: options.cccRatePerSecond,
    agentMap: options.agentMap,
    botName: () => identity.current()?.name ?? 'ccc',
  };
  registerListeners(app, deps);
  return {
    app,
    async start(port = options.port ?? 3000) {
      const bot = await identity.resolve();
      const bound = await listen(app, port, options.host, serverOptions(options));
      const backends = { ccc: Boolean(deps.ccc), desk: Boolean(deps.desk) };
      logger.info({ port: bound, team: bot.teamId, bot: bot.botUserId, ...backends }, 'slack bot listening');
      return { port: bound, url: `http://${options.host ?? '127.0.0.1'}:${bound}` };
    },
    stop: async () => {
      await app.stop();
    },
  };
}

const EVENTS = '/slack/events';

/**
 * Bolt's HTTP receiver: signed requests on `POST /slack/events` (bodies up to 256 KiB; unsigned or
 * oversized ones refused from their headers), plus an unauthenticated `GET /healthz`.
 */
function createReceiver(signingSecret: string, logger: BotLogger): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS,
    logger: toBoltLogger(logger),
    bodyLimit: MAX_BODY_BYTES,
    customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => healthz(res) }],
  });
  // Wall-clock time, as Bolt's own check of old timestamps (the `now` option may be a test's fake clock).
  refuseFutureRequests(receiver, Date.now, logger);
  guardSlackRequests(receiver, [EVENTS], logger);
  return receiver;
}

/**
 * Deadlines of the node server Bolt creates, so a slow or stalled client cannot hold a connection for
 * Node's defaults (60 s for headers, 300 s for the request). Node enforces them on a periodic check
 * (30 s by default), run here often enough that a deadline is kept to within a second.
 */
function serverOptions(options: BotAppOptions): ServerOptions {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 15_000;
  const check = Math.max(10, Math.min(1_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4)));
  return { headersTimeout, requestTimeout, connectionsCheckingInterval: check };
}

/** Starts listening; resolves with the bound port (useful with port 0). */
async function listen(
  app: App,
  port: number,
  host: string | undefined,
  server: ServerOptions,
): Promise<number> {
  const listening = (await app.start(host ? { port, host } : port, server)) as {
    address(): AddressInfo | string | null;
  };
  const address = listening.address();
  return typeof address === 'object' && address ? address.port : port;
}

function healthz(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok' }));
}
