import type { ResponseUrlTarget } from './response-url.ts';
import { postPayload, postSignedForm, type SignedAnswer, type SignedTransport } from './signed-post.ts';
import type { JsonObject, SlackIdentity } from './types.ts';

/** Options shared by the signed requests the emulator sends to an app (as Slack does). */
export interface SignedRequestOptions extends SignedTransport {
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
export interface SignedRequestResult extends SignedAnswer {
  /**
   * The fresh response URL sent in the request; read replies with `responses(responseUrl)`. `''` for a
   * view_submission, a click in a view or an event, which carry none (as Slack's).
   */
  readonly responseUrl: string;
  /**
   * The fresh trigger_id sent in the request: the app can open a modal with it (views.open) within 3 s.
   * `''` for an event, which carries none.
   */
  readonly triggerId: string;
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

/** The channel and response URL of a click in a message; none for one in a view (Home tab, modal). */
function messagePlace(deps: AppRequestDeps, options: InteractionOptions, userId: string) {
  const { payload } = options;
  if (field(payload.container, 'type') === 'view') return { channelId: undefined, responseUrl: '' };
  const channelId =
    options.channelId ??
    field(payload.channel, 'id') ??
    field(payload.container, 'channel_id') ??
    deps.defaultChannelId();
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
  return { channelId, messageTs, responseUrl };
}

/**
 * Sends a signed interaction (`payload` form field) to an app, with a fresh trigger_id, and a fresh response
 * URL unless it happens in a view (`container.type: 'view'`), where Slack sends neither channel nor URL.
 */
export async function sendInteraction(
  deps: AppRequestDeps,
  options: InteractionOptions,
): Promise<SignedRequestResult> {
  const { payload } = options;
  const userId = options.userId ?? field(payload.user, 'id') ?? deps.defaultUser.id;
  const { channelId, messageTs, responseUrl } = messagePlace(deps, options, userId);
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
    ...(responseUrl ? { response_url: responseUrl } : {}),
  };
  return { ...(await postPayload(deps, options, full)), responseUrl, triggerId: trigger };
}
