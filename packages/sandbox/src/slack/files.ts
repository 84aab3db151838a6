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
import { asBlocks, asString } from './params.ts';
import type { JsonObject, SlackUploadRecord } from './types.ts';

/** Path prefix of upload URLs handed out by files.getUploadURLExternal. */
export const UPLOAD_PATH = '/upload/v1/';

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
    channel: undefined,
    threadTs: undefined,
    initialComment: undefined,
    altText: asString(params.alt_txt) ?? asString(params.alt_text),
    snippetType: asString(params.snippet_type),
  };
  ctx.store.uploads.set(id, record);
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

function shareTarget(
  params: JsonObject,
  ctx: ApiContext,
): { channel?: string; threadTs?: string } | ApiResult {
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
    const rejected = rejectMessage({ blocks: params.blocks });
    if (rejected) return rejected;
  }
  const files = refs.map((ref, i) => {
    const upload = uploads[i] as SlackUploadRecord;
    Object.assign(upload, { completed: true, ...target, initialComment });
    if (ref.title) upload.title = ref.title;
    return { id: upload.id, title: upload.title, name: upload.filename, size: upload.bytes?.length };
  });
  if (target.channel)
    ctx.store.addMessage({
      channel: target.channel,
      threadTs: target.threadTs,
      text: initialComment ?? '',
      // initial_comment overrides blocks, as the method documents.
      blocks: initialComment ? undefined : asBlocks(params.blocks),
      user: ctx.identity.botUserId,
      botId: ctx.identity.botId,
      files: files.map((f) => f.id),
      source: 'file_share',
    });
  return ok({ files: files.map((f) => ({ ...f, url_private: `${ctx.baseUrl}/files/${f.id}` })) });
};

/** The file upload v2 methods. */
export const fileMethods: Readonly<Record<string, ApiMethod>> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
