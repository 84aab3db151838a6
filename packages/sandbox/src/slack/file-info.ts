import { type ApiContext, type ApiMethod, fail, missingArgument, ok } from './api-context.ts';
import { sniffFile } from './file-kind.ts';
import { type CompletedUpload, completedFile, fileUrls, isProcessing } from './file-state.ts';
import { asString } from './params.ts';
import type { JsonObject } from './types.ts';

/** Where a processed file is shared: `channels` (or `groups` for a private channel) and `shares`. */
function sharing(file: CompletedUpload, ctx: ApiContext): JsonObject {
  const channel = file.channel === undefined ? undefined : ctx.store.channels.get(file.channel);
  if (!channel) return { is_public: false, channels: [], groups: [], ims: [] };
  const share = {
    ts: file.shareTs,
    ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
    channel_name: channel.name,
    team_id: ctx.identity.teamId,
    share_user_id: ctx.identity.botUserId,
    reply_users: [],
    reply_users_count: 0,
    reply_count: 0,
  };
  return {
    is_public: !channel.isPrivate,
    channels: channel.isPrivate ? [] : [channel.id],
    groups: channel.isPrivate ? [channel.id] : [],
    ims: [],
    shares: { [channel.isPrivate ? 'private' : 'public']: { [channel.id]: [share] } },
  };
}

/**
 * A file as files.info answers it. While it is processing, Slack leaves `mimetype`, `filetype` and
 * `pretty_type` empty and lists no channels or shares yet: that is what apps poll on.
 */
export function fileJson(file: CompletedUpload, ctx: ApiContext): JsonObject {
  const processing = isProcessing(file, ctx);
  const kind = sniffFile(file.bytes);
  const urls = fileUrls(ctx.baseUrl, file);
  const created = Math.floor(file.completedAt / 1000);
  const size =
    !processing && kind.width !== undefined ? { original_w: kind.width, original_h: kind.height } : {};
  return {
    id: file.id,
    created,
    timestamp: created,
    name: file.filename,
    title: file.title,
    mimetype: processing ? '' : kind.mimetype,
    filetype: processing ? '' : kind.filetype,
    pretty_type: processing ? '' : kind.prettyType,
    user: ctx.identity.botUserId,
    user_team: ctx.identity.teamId,
    editable: false,
    size: file.bytes.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: urls.urlPrivate,
    url_private_download: urls.urlPrivateDownload,
    permalink: urls.permalink,
    ...(file.altText ? { alt_txt: file.altText } : {}),
    ...size,
    comments_count: 0,
    has_rich_preview: false,
    file_access: 'visible',
    ...(processing ? { is_public: false, channels: [], groups: [], ims: [] } : sharing(file, ctx)),
  };
}

/** `files.info`: a completed file by its `file` ID; `file_not_found` for any other ID. */
export const filesInfo: ApiMethod = (params, ctx) => {
  const id = asString(params.file);
  if (!id) return missingArgument('file');
  // An upload that was never completed is not a file yet: Slack knows only its upload ticket.
  const file = completedFile(ctx.store, id);
  if (!file) return fail('file_not_found');
  return ok({ file: fileJson(file, ctx), comments: [], response_metadata: { next_cursor: '' } });
};
