import type { IncomingMessage } from 'node:http';
import {
  type ApiContext,
  type ApiMethod,
  type ApiResult,
  fail,
  isResult,
  missingArgument,
  ok,
  rejectMessage,
} from './api-context.ts';
import { filesInfo } from './file-info.ts';
import { fileUrls } from './file-state.ts';
import { asBlocks, asString } from './params.ts';
import type { JsonObject, SlackUploadRecord } from './types.ts';

/** Path prefix of upload URLs handed out by files.getUploadURLExternal. */
export const UPLOAD_PATH = '/upload/v1/';

/** The emulator keeps the newest this many files… */
export const MAX_STORED_UPLOADS = 500;
/** …and at most this many bytes of them (one upload is at most 5 MiB, the request body limit). */
export const MAX_STORED_BYTES: number = 256 * 1024 * 1024;

/** Forgets the oldest files (never `keepId`) past the caps, so requests cannot grow memory without end. */
function capUploads(uploads: Map<string, SlackUploadRecord>, keepId: string): void {
  let bytes = 0;
  for (const upload of uploads.values()) bytes += upload.bytes?.length ?? 0;
  for (const [id, upload] of uploads) {
    if (uploads.size <= MAX_STORED_UPLOADS && bytes <= MAX_STORED_BYTES) return;
    if (id === keepId) continue;
    bytes -= upload.bytes?.length ?? 0;
    uploads.delete(id);
  }
}

const getUploadURLExternal: ApiMethod = (params, ctx) => {
  const filename = asString(params.filename);
  if (!filename) return missingArgument('filename');
  const length = Number(asString(params.length));
  // Slack answers `missing_argument` for a zero or missing length.
  if (!Number.isInteger(length) || length <= 0) return fail('missing_argument');
  const id = ctx.store.nextId('F');
  const record: SlackUploadRecord = {
    id,
    filename,
    length,
    title: filename,
    bytes: undefined,
    get text() {
      return this.bytes?.toString('utf8');
    },
    completed: false,
    completedAt: undefined,
    channel: undefined,
    threadTs: undefined,
    shareTs: undefined,
    initialComment: undefined,
    altText: asString(params.alt_txt) ?? asString(params.alt_text),
    snippetType: asString(params.snippet_type),
  };
  ctx.store.uploads.set(id, record);
  capUploads(ctx.store.uploads, id);
  return ok({ upload_url: `${ctx.baseUrl}${UPLOAD_PATH}${id}`, file_id: id });
};

/** Stores the bytes POSTed to an upload URL (raw body, or the first file part of a multipart body). */
export async function receiveUpload(
  req: IncomingMessage,
  body: Buffer,
  ctx: ApiContext,
  fileId: string,
): Promise<{ status: number; text: string }> {
  const upload = ctx.store.uploads.get(fileId);
  if (!upload || upload.completed) return { status: 404, text: 'file_not_found' };
  const type = req.headers['content-type'] ?? '';
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
    const part = [...form.values()].find((value) => typeof value !== 'string');
    if (!part || typeof part === 'string') return { status: 400, text: 'no_file_data' };
    upload.bytes = Buffer.from(await part.arrayBuffer());
  } else {
    upload.bytes = body;
  }
  capUploads(ctx.store.uploads, fileId);
  return { status: 200, text: `OK - ${upload.bytes.length}` };
}

interface FileRef {
  readonly id: string;
  readonly title?: string;
}

function parseFileRefs(value: unknown): FileRef[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const refs = value.filter((f): f is FileRef => typeof (f as JsonObject | null)?.id === 'string');
  return refs.length === value.length ? refs : undefined;
}

interface ShareTarget {
  readonly channel?: string;
  readonly threadTs?: string;
}

function shareTarget(params: JsonObject, ctx: ApiContext): ShareTarget | ApiResult {
  const ref = asString(params.channel_id) ?? asString(params.channels)?.split(',')[0];
  if (!ref) return {};
  const channel = ctx.store.findChannel(ref);
  if (!channel || (channel.isPrivate && !channel.isMember)) return fail('invalid_channel');
  if (!channel.isMember) return fail('posting_to_channel_denied');
  const threadTs = asString(params.thread_ts);
  if (!threadTs) return { channel: channel.id };
  const parent = ctx.store.findMessage(channel.id, threadTs);
  if (!parent) return fail('invalid_thread_ts');
  return { channel: channel.id, threadTs: parent.threadTs ?? parent.ts };
}

/** Adds the `file_share` message (initial_comment overrides blocks, as the method documents). */
function shareMessage(
  params: JsonObject,
  ctx: ApiContext,
  target: ShareTarget & { readonly channel: string },
  ids: readonly string[],
): string {
  const initialComment = asString(params.initial_comment);
  const message = ctx.store.addMessage({
    channel: target.channel,
    threadTs: target.threadTs,
    text: initialComment ?? '',
    blocks: initialComment ? undefined : asBlocks(params.blocks),
    user: ctx.identity.botUserId,
    botId: ctx.identity.botId,
    files: [...ids],
    source: 'file_share',
  });
  return message.ts;
}

const completeUploadExternal: ApiMethod = (params, ctx) => {
  const refs = parseFileRefs(params.files);
  if (!refs) return missingArgument('files');
  const uploads = refs.map((ref) => ctx.store.uploads.get(ref.id));
  // An ID never issued, or one whose bytes never arrived, is unknown to Slack's upload ticket.
  if (uploads.some((u) => !u?.bytes || u.completed)) return fail('file_not_found');
  const target = shareTarget(params, ctx);
  if (isResult(target)) return target;
  const initialComment = asString(params.initial_comment);
  if (params.blocks !== undefined && !initialComment) {
    const rejected = rejectMessage({ blocks: params.blocks }, ctx);
    if (rejected) return rejected;
  }
  const ids = refs.map((ref) => ref.id);
  const { channel } = target;
  const shareTs = channel ? shareMessage(params, ctx, { ...target, channel }, ids) : undefined;
  // Processing starts now: files.info reports the file as processing for `filesProcessingMs` from here.
  const completedAt = ctx.now();
  const files = refs.map((ref, i) => {
    const upload = uploads[i] as SlackUploadRecord;
    Object.assign(upload, { completed: true, completedAt, ...target, shareTs, initialComment });
    if (ref.title) upload.title = ref.title;
    const { urlPrivate } = fileUrls(ctx.baseUrl, upload);
    return {
      id: upload.id,
      title: upload.title,
      name: upload.filename,
      size: upload.bytes?.length,
      url_private: urlPrivate,
    };
  });
  return ok({ files });
};

/** The file upload v2 methods and files.info. */
export const fileMethods: Readonly<Record<string, ApiMethod>> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'files.info': filesInfo,
};
