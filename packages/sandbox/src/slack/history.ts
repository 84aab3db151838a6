import {
  type ApiContext,
  type ApiMethod,
  type ApiResult,
  fail,
  isResult,
  messageJson,
  missingArgument,
  ok,
  resolvePostChannel,
} from './api-context.ts';
import { type LimitRule, type Page, type PageOrder, pageOf, parsePageRequest } from './paging.ts';
import { asString } from './params.ts';
import type { JsonObject, SlackChannel, SlackMessageRecord } from './types.ts';

// Slack's method metadata: history defaults to 100 and allows 999; replies default to 1000.
const HISTORY_LIMIT: LimitRule = { defaultLimit: 100, max: 999 };
const REPLIES_LIMIT: LimitRule = { defaultLimit: 1000, max: 1000 };

const visibleIn = (ctx: ApiContext, channel: SlackChannel): SlackMessageRecord[] =>
  ctx.store.messages.filter((m) => m.channel === channel.id && !m.deleted);

/** The thread fields Slack adds to a parent that has replies. */
function threadFields(ctx: ApiContext, message: SlackMessageRecord): JsonObject {
  if (message.threadTs || message.replyCount === 0) return {};
  const replies = ctx.store.messages.filter(
    (m) => m.channel === message.channel && m.threadTs === message.ts && !m.deleted,
  );
  const users = [...new Set(replies.map((m) => m.user))];
  return {
    thread_ts: message.ts,
    reply_count: replies.length,
    reply_users_count: users.length,
    reply_users: users,
    latest_reply: replies.at(-1)?.ts,
  };
}

/** A message as history and replies return it: `metadata` only when `include_all_metadata` asked for it. */
function historyJson(ctx: ApiContext, message: SlackMessageRecord, includeMetadata: boolean): JsonObject {
  const { metadata, ...json } = messageJson(message, ctx.identity);
  return {
    ...json,
    ...(message.replyBroadcast ? { subtype: 'thread_broadcast' } : {}),
    ...threadFields(ctx, message),
    ...(includeMetadata && metadata !== undefined ? { metadata } : {}),
  };
}

/** Rate tier, channel and paging arguments shared by both methods; the page source comes from `pick`. */
function pagedAnswer(
  method: string,
  params: JsonObject,
  ctx: ApiContext,
  rule: LimitRule,
  pick: (channel: SlackChannel) => { messages: SlackMessageRecord[]; order: PageOrder } | ApiResult,
): ApiResult {
  const limited = ctx.historyLimiter.take(method);
  if (limited.limited) return { ...fail('ratelimited'), retryAfter: limited.retryAfter };
  // A bot token reads only conversations its bot is in, with the same errors as posting.
  const channel = resolvePostChannel(ctx, asString(params.channel));
  if (isResult(channel)) return channel;
  const request = parsePageRequest(params, rule, ctx.historyLimiter.maxLimit);
  if (isResult(request)) return request;
  const source = pick(channel);
  if (isResult(source)) return source;
  const page: Page = pageOf(source.messages, request, source.order);
  return ok({
    messages: page.messages.map((m) => historyJson(ctx, m, request.includeMetadata)),
    has_more: page.hasMore,
    response_metadata: { next_cursor: page.nextCursor },
  });
}

const history: ApiMethod = (params, ctx) =>
  pagedAnswer('conversations.history', params, ctx, HISTORY_LIMIT, (channel) => ({
    // Top-level messages plus replies also sent to the channel, as the channel shows them.
    messages: visibleIn(ctx, channel).filter((m) => !m.threadTs || m.replyBroadcast),
    order: 'newest-first',
  }));

const replies: ApiMethod = (params, ctx) =>
  pagedAnswer('conversations.replies', params, ctx, REPLIES_LIMIT, (channel) => {
    const ts = asString(params.ts);
    if (!ts) return missingArgument('ts');
    // `ts` may name the parent or any reply: either way the whole thread comes back.
    const named = ctx.store.findMessage(channel.id, ts);
    const parent = named && ctx.store.findMessage(channel.id, named.threadTs ?? named.ts);
    if (!parent) return fail('thread_not_found');
    const thread = visibleIn(ctx, channel).filter((m) => m.threadTs === parent.ts);
    return { messages: [parent, ...thread], order: 'oldest-first' };
  });

/** `conversations.history` and `conversations.replies`, under the history rate tier. */
export const historyMethods: Readonly<Record<string, ApiMethod>> = {
  'conversations.history': history,
  'conversations.replies': replies,
};
