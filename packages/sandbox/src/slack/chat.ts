import {
  type ApiContext,
  type ApiMethod,
  type ApiResult,
  fail,
  isResult,
  messageJson,
  missingArgument,
  ok,
  rejectMessage,
  resolvePostChannel,
} from './api-context.ts';
import { openDirectMessage } from './direct-messages.ts';
import { metadataWarning, readMetadata } from './metadata.ts';
import { asBlocks, asBool, asString } from './params.ts';
import type { JsonObject, SlackChannel } from './types.ts';

const content = (params: JsonObject) => ({
  text: params.text,
  blocks: params.blocks,
  attachments: params.attachments,
  markdown_text: params.markdown_text,
});

/** Resolves `thread_ts` to the parent's ts; a reply's ts is moved to its parent, as Slack does. */
function resolveThread(
  ctx: ApiContext,
  channel: SlackChannel,
  threadTs: string | undefined,
): string | ApiResult {
  if (threadTs === undefined || threadTs === '') return '';
  const target = ctx.store.findMessage(channel.id, threadTs);
  if (!target) return fail('invalid_thread_ts');
  return target.threadTs ?? target.ts;
}

/** Text stored for a message: `text`, else `markdown_text`. */
const storedText = (params: JsonObject): string =>
  asString(params.text) ?? asString(params.markdown_text) ?? '';

const postMessage: ApiMethod = (params, ctx) => {
  const channel = resolvePostChannel(ctx, openDirectMessage(ctx, asString(params.channel)));
  if (isResult(channel)) return channel;
  const limit = ctx.limiter.takePost(channel.id);
  if (limit.limited) return { ...fail('ratelimited'), retryAfter: limit.retryAfter };
  const thread = resolveThread(ctx, channel, asString(params.thread_ts));
  if (isResult(thread)) return thread;
  const rejected = rejectMessage(content(params), ctx);
  if (rejected) return rejected;
  const metadata = readMetadata(params.metadata);
  const message = ctx.store.addMessage({
    channel: channel.id,
    text: storedText(params),
    blocks: asBlocks(params.blocks),
    attachments: asBlocks(params.attachments),
    user: ctx.identity.botUserId,
    botId: ctx.identity.botId,
    threadTs: thread || undefined,
    replyBroadcast: thread !== '' && asBool(params.reply_broadcast) === true,
    metadata: metadata.kind === 'kept' ? metadata.metadata : undefined,
    unfurlLinks: asBool(params.unfurl_links),
    unfurlMedia: asBool(params.unfurl_media),
    source: 'api',
  });
  const answer = { channel: channel.id, ts: message.ts, message: messageJson(message, ctx.identity) };
  return ok({ ...answer, ...metadataWarning(metadata) });
};

const update: ApiMethod = (params, ctx) => {
  const channel = resolvePostChannel(ctx, asString(params.channel));
  if (isResult(channel)) return channel;
  const ts = asString(params.ts);
  if (!ts) return missingArgument('ts');
  const message = ctx.store.findMessage(channel.id, ts);
  if (!message) return fail('message_not_found');
  // Slack only lets a token edit what it posted.
  if (message.botId !== ctx.identity.botId) return fail('cant_update_message');
  const rejected = rejectMessage(content(params), ctx);
  if (rejected) return rejected;
  message.edits.push({ text: message.text, blocks: message.blocks, replacedAt: ctx.store.nextTs() });
  // Omitted blocks/attachments are kept, as chat.update documents; an empty array removes them.
  if (params.text !== undefined || params.markdown_text !== undefined) message.text = storedText(params);
  if (params.blocks !== undefined)
    message.blocks = asBlocks(params.blocks)?.length ? asBlocks(params.blocks) : undefined;
  if (params.attachments !== undefined) message.attachments = asBlocks(params.attachments);
  // Given metadata replaces the old one; omitted metadata is kept (Slack does not document either way).
  const metadata = readMetadata(params.metadata);
  if (metadata.kind === 'kept') message.metadata = metadata.metadata;
  const answer = { channel: channel.id, ts, text: message.text, message: messageJson(message, ctx.identity) };
  return ok({ ...answer, ...metadataWarning(metadata) });
};

const postEphemeral: ApiMethod = (params, ctx) => {
  const channel = resolvePostChannel(ctx, asString(params.channel));
  if (isResult(channel)) return channel;
  const user = asString(params.user);
  if (!user) return missingArgument('user');
  const thread = resolveThread(ctx, channel, asString(params.thread_ts));
  if (isResult(thread)) return thread;
  const rejected = rejectMessage(content(params), ctx);
  if (rejected) return rejected;
  const ts = ctx.store.nextTs();
  ctx.store.ephemerals.push({
    channel: channel.id,
    user,
    ts,
    text: storedText(params),
    blocks: asBlocks(params.blocks),
    threadTs: thread || undefined,
    source: 'api',
    edits: [],
    deleted: false,
  });
  return ok({ message_ts: ts });
};

/** The `chat.*` methods. */
export const chatMethods: Readonly<Record<string, ApiMethod>> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
};
