import { type FileProcessing, usableImage } from './file-state.ts';
import type { HistoryLimiter, MinuteLimiter } from './history-limit.ts';
import { type MessageContent, rejectionFor, validateMessage } from './message-rules.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { SlackStore } from './store.ts';
import type { JsonObject, SlackChannel, SlackIdentity, SlackMessageRecord } from './types.ts';

/** What every Web API method handler can use. */
export interface ApiContext {
  readonly store: SlackStore;
  readonly identity: SlackIdentity;
  readonly limiter: RateLimiter;
  /** The rate tier of conversations.history and conversations.replies. */
  readonly historyLimiter: HistoryLimiter;
  /** The rate tier of views.publish (Tier 4: the `viewsPublishPerMinute` option). */
  readonly publishLimiter: MinuteLimiter;
  /** Whether the app has its Home tab enabled (the `homeTabEnabled` option): else views.publish is `not_enabled`. */
  readonly homeTabEnabled: boolean;
  /** Emulator base URL without trailing slash. */
  readonly baseUrl: string;
  /** Emulator clock in milliseconds (the `now` option). */
  readonly now: () => number;
  /** How long completed files stay processing (the `filesProcessingMs` option, changed by its setter). */
  readonly fileProcessing: FileProcessing;
  /** The calling token's scopes (set per request; what a method answers may depend on them). */
  readonly scopes?: readonly string[];
}

/** A method's answer: the JSON body, and `retryAfter` when it must be a 429. */
export interface ApiResult {
  readonly body: JsonObject;
  readonly retryAfter?: number;
}

/** One Web API method. */
export type ApiMethod = (params: JsonObject, ctx: ApiContext) => ApiResult | Promise<ApiResult>;

/** A success answer. */
export const ok = (fields: JsonObject = {}): ApiResult => ({ body: { ok: true, ...fields } });

/** A Slack error answer (`{ ok: false, error }`, HTTP 200). */
export const fail = (error: string, extra: JsonObject = {}): ApiResult => ({
  body: { ok: false, error, ...extra },
});

/** Slack's answer to a missing required argument. */
export const missingArgument = (name: string): ApiResult =>
  fail('invalid_arguments', { response_metadata: { messages: [`[ERROR] missing required field: ${name}`] } });

/**
 * Resolves a `channel` argument the bot wants to post in. A private channel the bot is not in is invisible
 * (`channel_not_found`); a public one answers `not_in_channel`.
 */
export function resolvePostChannel(ctx: ApiContext, ref: string | undefined): SlackChannel | ApiResult {
  const channel = ref ? ctx.store.findChannel(ref) : undefined;
  if (!channel || (channel.isPrivate && !channel.isMember)) return fail('channel_not_found');
  if (!channel.isMember) return fail('not_in_channel');
  return channel;
}

/** True when `value` is an {@link ApiResult} rather than a resolved value. */
export const isResult = (value: unknown): value is ApiResult =>
  typeof value === 'object' && value !== null && 'body' in value;

/**
 * Validates message content, with image blocks' `slack_file` checked against the emulator's files; the
 * Slack error answer when it is refused.
 */
export function rejectMessage(content: MessageContent, ctx: ApiContext): ApiResult | undefined {
  const rejection = rejectionFor(validateMessage(content, { files: usableImage(ctx) }));
  if (!rejection) return undefined;
  const extra: JsonObject = rejection.error.startsWith('invalid_blocks')
    ? { errors: rejection.messages.map((m) => m.replace(/^\[ERROR\] /, '')) }
    : {};
  return fail(rejection.error, { ...extra, response_metadata: { messages: rejection.messages } });
}

/** A stored message as Slack returns it in `message` fields. */
export function messageJson(message: SlackMessageRecord, identity: SlackIdentity): JsonObject {
  return {
    type: 'message',
    ...(message.source === 'file_share' ? { subtype: 'file_share' } : {}),
    text: message.text,
    user: message.user,
    bot_id: message.botId,
    app_id: message.botId ? identity.appId : undefined,
    team: identity.teamId,
    ts: message.ts,
    thread_ts: message.threadTs,
    blocks: message.blocks,
    attachments: message.attachments,
    metadata: message.metadata,
    files: message.files.length > 0 ? message.files.map((id) => ({ id })) : undefined,
    ...(message.edits.length > 0
      ? { edited: { user: message.user, ts: message.edits.at(-1)?.replacedAt } }
      : {}),
  };
}
