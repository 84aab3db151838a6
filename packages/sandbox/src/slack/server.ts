import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxError, SandboxErrorCode } from '../errors.ts';
import { createFaults } from '../faults.ts';
import { listen, sendJson } from '../http.ts';
import { type AppRequestDeps, sendInteraction, sendSlashCommand } from './app-requests.ts';
import type { SlackEmulator, SlackEmulatorOptions } from './emulator-types.ts';
import { handleUpload, sendFile } from './file-routes.ts';
import { checkProcessingMs } from './file-state.ts';
import { UPLOAD_PATH } from './files.ts';
import { createHistoryLimiter } from './history-limit.ts';
import { clickHomeButton, sendHomeOpened } from './home-events.ts';
import { homeTabSettings } from './home-views.ts';
import { handleInvocations, INVOCATIONS_PATH } from './invocations.ts';
import { channelOf as channelOfStore, createSlackQueries } from './queries.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createResponseUrl, handleResponseUrl, type ResponseUrlRegistry } from './response-url.ts';
import { createSlackStore, DEFAULT_USER, type SlackStore } from './store.ts';
import { createTokenRegistry } from './tokens.ts';
import type { SlackChannel, SlackChannelInit, SlackIdentity } from './types.ts';
import { submitView } from './view-submission.ts';
import { handleApiRequest, type WebApiDeps } from './web-api.ts';
import { renderHomePage, renderPage, sendHtml } from './web-view.ts';

/** Defaults of {@link startSlackEmulator}. */
export const SLACK_EMULATOR_DEFAULTS: {
  readonly token: 'xoxb-sandbox-token';
  readonly signingSecret: 'sandbox-signing-secret';
  readonly channels: readonly SlackChannelInit[];
  readonly identity: SlackIdentity;
} = {
  token: 'xoxb-sandbox-token',
  signingSecret: 'sandbox-signing-secret',
  channels: [
    { id: 'C0CALLS', name: 'calls' },
    { id: 'C0ALERTS', name: 'alerts' },
  ],
  identity: {
    teamId: 'T0SANDBOX',
    teamDomain: 'sandbox',
    teamName: 'Sandbox',
    botUserId: 'U0SANDBOXBOT',
    botId: 'B0SANDBOXBOT',
    appId: 'A0SANDBOXAPP',
    botName: 'ccc-bot',
  },
};

const notFound = (why: string): string => `<!doctype html><title>Not found</title><p>${why}</p>`;

function createRouter(deps: WebApiDeps, responseUrls: ResponseUrlRegistry) {
  const invocations = { api: deps, responseUrls, defaultUser: DEFAULT_USER };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const tail = (prefix: string): string => decodeURIComponent(path.slice(prefix.length));
    if (path.startsWith('/api/')) return handleApiRequest(req, res, deps, tail('/api/'));
    if (path.startsWith(INVOCATIONS_PATH)) return handleInvocations(req, res, invocations, url);
    if (req.method === 'POST' && path.startsWith(UPLOAD_PATH))
      return handleUpload(req, res, deps, tail(UPLOAD_PATH));
    if (req.method === 'POST' && /^\/(commands|actions)\//.test(path))
      return handleResponseUrl(req, res, deps, responseUrls, path);
    if (req.method === 'GET' && path.startsWith('/files/')) return sendFile(res, deps.store, tail('/files/'));
    if (req.method === 'GET' && (path === '/' || path.startsWith('/channels/'))) {
      const html = renderPage(deps.store, deps.identity, path === '/' ? undefined : tail('/channels/'));
      return sendHtml(res, html ? 200 : 404, html ?? notFound('No such channel.'));
    }
    if (req.method === 'GET' && path.startsWith('/home/')) {
      const html = renderHomePage(deps.store, deps.identity, tail('/home/'));
      return sendHtml(res, html ? 200 : 404, html ?? notFound('No Home tab for this user.'));
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  };
}

function createAppDeps(
  store: SlackStore,
  identity: SlackIdentity,
  signingSecret: string,
  fetch: typeof globalThis.fetch,
  newResponseUrl: AppRequestDeps['createResponseUrl'],
): AppRequestDeps {
  return {
    identity,
    signingSecret,
    fetch,
    defaultUser: DEFAULT_USER,
    channelName: (id) => store.channels.get(id)?.name,
    defaultChannelId: () => store.channels.keys().next().value,
    createResponseUrl: newResponseUrl,
    issueTrigger: (user) => store.issueTrigger(user),
  };
}

/**
 * Starts a local HTTP server that behaves like Slack for `@slack/web-api` and `@slack/bolt`: Web API
 * methods, uploads, response URLs, modals (views.open, view_submission), Block Kit validation, per-channel rate limits, injected faults, a
 * query API for tests, and a read-only web page.
 *
 * @example
 * const slack = await startSlackEmulator();
 * const client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
 * await client.chat.postMessage({ channel: 'C0CALLS', text: 'Call ended' });
 * expect(slack.messages('C0CALLS')[0]?.text).toBe('Call ended');
 * await slack.stop();
 */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const initialTokens = options.tokens ?? [SLACK_EMULATOR_DEFAULTS.token];
  const firstToken = initialTokens[0];
  if (!firstToken)
    throw new SandboxError(SandboxErrorCode.InvalidOptions, 'tokens must list at least one token');
  const now = options.now ?? Date.now;
  const identity = { ...SLACK_EMULATOR_DEFAULTS.identity, ...options.identity };
  const store = createSlackStore(options.channels ?? SLACK_EMULATOR_DEFAULTS.channels, now);
  const limiter = createRateLimiter({
    ratePerChannel: options.ratePerChannel ?? 1,
    burstPerChannel: options.burstPerChannel ?? 3,
    now,
  });
  const tokens = createTokenRegistry(initialTokens, options.tokenScopes);
  const processingMs = checkProcessingMs(options.filesProcessingMs ?? 0);
  const responseUrls: ResponseUrlRegistry = new Map();
  const deps: WebApiDeps & { baseUrl: string } = {
    store,
    identity,
    limiter,
    historyLimiter: createHistoryLimiter(options.historyLimits, now),
    ...homeTabSettings(options, now),
    faults: createFaults(),
    tokens,
    now,
    fileProcessing: { ms: processingMs },
    baseUrl: '',
  };
  const server = await listen(createRouter(deps, responseUrls), options.port ?? 0);
  deps.baseUrl = server.url;
  const signingSecret = options.signingSecret ?? SLACK_EMULATOR_DEFAULTS.signingSecret;
  const appDeps = createAppDeps(store, identity, signingSecret, options.fetch ?? globalThis.fetch, (target) =>
    createResponseUrl(deps, responseUrls, target),
  );
  const channelOf = (ref: string): SlackChannel => channelOfStore(store, ref);
  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    port: server.port,
    token: firstToken,
    signingSecret,
    identity,
    faults: deps.faults,
    channels: () => [...store.channels.values()],
    createChannel: (name, init = {}) => store.addChannel({ ...init, name }),
    createUsergroup: ({ id, handle, users }) => {
      const group = { id: id ?? store.nextId('S'), handle: handle.replace(/^@/, ''), users: [...users] };
      store.usergroups.set(group.id, group);
      return group;
    },
    createUser: (user) => {
      const copy = { ...user };
      store.users.set(copy.id, copy);
      return copy;
    },
    setMembership(ref, isMember) {
      channelOf(ref).isMember = isMember;
    },
    addToken: (token, scopes) => tokens.add(token, scopes),
    revokeToken: (token) => void tokens.revoked.add(token),
    setFilesProcessingMs(ms) {
      deps.fileProcessing.ms = checkProcessingMs(ms);
    },
    storm429: (ref, count, retryAfter) =>
      limiter.storm(ref === '*' ? '*' : channelOf(ref).id, count, retryAfter),
    postUserMessage: (ref, { user, text, threadTs }) =>
      store.addMessage({ channel: channelOf(ref).id, user, text, threadTs, source: 'user' }),
    createResponseUrl: (target = {}) => createResponseUrl(deps, responseUrls, target),
    sendSlashCommand: (opts) => sendSlashCommand(appDeps, opts),
    sendInteraction: (opts) => sendInteraction(appDeps, opts),
    submitView: (opts) => submitView(appDeps, store, opts),
    openHome: (opts) => sendHomeOpened({ ...appDeps, homeTabEnabled: deps.homeTabEnabled }, store, opts),
    clickHomeButton: (opts) => clickHomeButton(appDeps, store, opts),
    ...createSlackQueries(deps),
    reset() {
      store.reset();
      limiter.reset();
      deps.historyLimiter.reset();
      deps.publishLimiter.reset();
      deps.faults.clear();
      responseUrls.clear();
      tokens.reset();
      deps.fileProcessing.ms = processingMs;
    },
    stop: () => server.close(),
  };
}
