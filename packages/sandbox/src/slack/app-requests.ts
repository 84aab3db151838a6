import type { ResponseUrlTarget } from './response-url.ts';
import { type SignatureTamper, signatureHeaders } from './signing.ts';
import type { JsonObject, SlackIdentity } from './types.ts';

/** Options shared by the signed requests the emulator sends to an app (as Slack does). */
export interface SignedRequestOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  readonly url: string;
  /** Break the signature on purpose (tests of rejection). */
  readonly tamper?: SignatureTamper;
  /** Unix seconds to sign with; defaults to the real clock, since the app checks against its own. */
  readonly timestamp?: number;
  /** Give up after this long, like Slack's 3-second ack window (default 3000). */
  readonly timeoutMs?: number;
  /** Extra headers, e.g. `x-slack-retry-num`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Invoking user; default the emulator's sandbox user. */
  readonly userId?: string;
  readonly userName?: string;
  /** Channel it happens in; default the first channel. */
  readonly channelId?: string;
}

/** A slash command invocation. */
export interface SlashCommandOptions extends SignedRequestOptions {
  /** With the slash, e.g. `/ccc`. */
  readonly command: string;
  readonly text?: string;
}

/** An interaction (default `block_actions`); missing envelope fields are filled in. */
export interface InteractionOptions extends SignedRequestOptions {
  /** The payload; `type`, `user`, `team`, `channel`, `trigger_id`, `response_url` default when absent. */
  readonly payload: JsonObject;
  /** ts of the message the action came from (else taken from `payload.container` / `payload.message`). */
  readonly messageTs?: string;
}

/** What the app answered. */
export interface SignedRequestResult {
  /** HTTP status; 0 when the app did not answer within `timeoutMs`. */
  readonly status: number;
  /** Raw response body ('' on timeout). */
  readonly body: string;
  /** The body parsed as JSON when it is JSON (e.g. `ack({ text })`). */
  readonly json: unknown;
  /**
   * The fresh response URL sent in the request; read replies with `responses(responseUrl)`. `''` for a
   * view_submission, which carries none (as Slack's).
   */
  readonly responseUrl: string;
  /** The fresh trigger_id sent in the request: the app can open a modal with it (views.open) within 3 s. */
  readonly triggerId: string;
  /** Time until the answer (or the timeout). */
  readonly elapsedMs: number;
  readonly timedOut: boolean;
}

/** What the request senders need from the emulator. */
export interface AppRequestDeps {
  readonly identity: SlackIdentity;
  readonly signingSecret: string;
  readonly fetch: typeof globalThis.fetch;
  readonly defaultUser: { readonly id: string; readonly name: string };
  channelName(id: string): string | undefined;
  defaultChannelId(): string | undefined;
  createResponseUrl(target: ResponseUrlTarget): string;
  /** A fresh trigger_id issued for `user`, which views.open then accepts once within 3 seconds. */
  issueTrigger(user: string): string;
}

/**
 * POSTs `form` to `options.url` signed as Slack signs (v0), and reads the answer: status, body, JSON when it
 * is JSON. A timeout is an answer (`status` 0, `timedOut`); any other failure (connection refused) throws.
 * Used by the emulator's senders and by `pnpm sandbox slash|click`.
 */
export async function postSignedForm(
  deps: Pick<AppRequestDeps, 'signingSecret' | 'fetch'>,
  options: Pick<SignedRequestOptions, 'url' | 'tamper' | 'timestamp' | 'timeoutMs' | 'headers'>,
  form: URLSearchParams,
): Promise<Omit<SignedRequestResult, 'responseUrl' | 'triggerId'>> {
  const body = form.toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    ...signatureHeaders(deps.signingSecret, body, timestamp, options.tamper),
    ...options.headers,
  };
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeoutMs ?? 3000);
  try {
    const response = await deps.fetch(options.url, { method: 'POST', headers, body, signal });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      body: text,
      json,
      elapsedMs: performance.now() - started,
      timedOut: false,
    };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return { status: 0, body: '', json: undefined, elapsedMs: performance.now() - started, timedOut: true };
  }
}

/** Sends a signed slash command to an app, with a fresh response URL and trigger_id. */
export async function sendSlashCommand(
  deps: AppRequestDeps,
  options: SlashCommandOptions,
): Promise<SignedRequestResult> {
  const channelId = options.channelId ?? deps.defaultChannelId() ?? 'C0SANDBOX';
  const userId = options.userId ?? deps.defaultUser.id;
  const responseUrl = deps.createResponseUrl({ channel: channelId, user: userId, kind: 'commands' });
  const trigger = deps.issueTrigger(userId);
  const form = new URLSearchParams({
    token: 'sandbox-verification-token',
    team_id: deps.identity.teamId,
    team_domain: deps.identity.teamDomain,
    channel_id: channelId,
    channel_name: deps.channelName(channelId) ?? 'unknown',
    user_id: userId,
    user_name: options.userName ?? deps.defaultUser.name,
    command: options.command,
    text: options.text ?? '',
    api_app_id: deps.identity.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: trigger,
  });
  return { ...(await postSignedForm(deps, options, form)), responseUrl, triggerId: trigger };
}

const field = (value: unknown, key: string): string | undefined => {
  const inner = (value as JsonObject | undefined)?.[key];
  return typeof inner === 'string' ? inner : undefined;
};

/** Sends a signed interaction (`payload` form field) to an app, with a fresh response URL and trigger_id. */
export async function sendInteraction(
  deps: AppRequestDeps,
  options: InteractionOptions,
): Promise<SignedRequestResult> {
  const { payload } = options;
  const channelId =
    options.channelId ??
    field(payload.channel, 'id') ??
    field(payload.container, 'channel_id') ??
    deps.defaultChannelId();
  const userId = options.userId ?? field(payload.user, 'id') ?? deps.defaultUser.id;
  const messageTs =
    options.messageTs ?? field(payload.container, 'message_ts') ?? field(payload.message, 'ts');
  const responseUrl =
    field(payload, 'response_url') ??
    deps.createResponseUrl({
      kind: 'actions',
      user: userId,
      ...(channelId ? { channel: channelId } : {}),
      ...(messageTs ? { messageTs } : {}),
    });
  // A trigger_id the caller wrote into the payload is not the emulator's: views.open does not know it.
  const trigger = field(payload, 'trigger_id') ?? deps.issueTrigger(userId);
  const { teamId, teamDomain, appId } = deps.identity;
  const full: JsonObject = {
    type: 'block_actions',
    team: { id: teamId, domain: teamDomain },
    user: { id: userId, username: options.userName ?? deps.defaultUser.name, team_id: teamId },
    api_app_id: appId,
    token: 'sandbox-verification-token',
    ...(channelId ? { channel: { id: channelId, name: deps.channelName(channelId) ?? 'unknown' } } : {}),
    ...(channelId && messageTs
      ? { container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false } }
      : {}),
    ...payload,
    trigger_id: trigger,
    response_url: responseUrl,
  };
  return { ...(await postPayload(deps, options, full)), responseUrl, triggerId: trigger };
}

/** POSTs an interaction payload as Slack does: JSON in the `payload` field of a signed form. */
export function postPayload(
  deps: Pick<AppRequestDeps, 'signingSecret' | 'fetch'>,
  options: Pick<SignedRequestOptions, 'url' | 'tamper' | 'timestamp' | 'timeoutMs' | 'headers'>,
  payload: JsonObject,
): Promise<Omit<SignedRequestResult, 'responseUrl' | 'triggerId'>> {
  return postSignedForm(deps, options, new URLSearchParams({ payload: JSON.stringify(payload) }));
}
