import { SandboxError, SandboxErrorCode } from '../errors.ts';
import { sniffFile } from './file-kind.ts';
import type { SlackFileRecord, SlackUploadRecord } from './file-types.ts';
import type { SlackFileCheck } from './slack-file-rules.ts';
import type { SlackStore } from './store.ts';

/**
 * How long a completed file stays "processing" (Slack scans and converts it before it can be shown). One
 * object per emulator, shared by every request, so `setFilesProcessingMs` takes effect at once.
 */
export interface FileProcessing {
  ms: number;
}

/** What file lookups need: the files, the emulator's base URL, its clock and the processing delay. */
export interface FileContext {
  readonly store: SlackStore;
  readonly baseUrl: string;
  readonly now: () => number;
  readonly fileProcessing: FileProcessing;
}

/** An upload that files.completeUploadExternal accepted: the only kind files.info and image blocks see. */
export type CompletedUpload = SlackUploadRecord & { readonly bytes: Buffer; readonly completedAt: number };

/** Checks a processing delay (option or setter): a finite number of milliseconds, 0 or more. */
export function checkProcessingMs(ms: number): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
    throw new SandboxError(
      SandboxErrorCode.InvalidOptions,
      `filesProcessingMs must be a finite number of milliseconds, 0 or more; got ${String(ms)}`,
    );
  return ms;
}

/** The completed upload with this ID, if any. */
export function completedFile(store: SlackStore, id: string): CompletedUpload | undefined {
  const upload = store.uploads.get(id);
  return upload?.completed && upload.bytes && upload.completedAt !== undefined
    ? (upload as CompletedUpload)
    : undefined;
}

/** True while the file is within the processing delay after completeUploadExternal (emulator clock). */
export const isProcessing = (file: CompletedUpload, ctx: FileContext): boolean =>
  ctx.now() - file.completedAt < ctx.fileProcessing.ms;

/**
 * The file's URLs, shaped like Slack's (`files-pri/T-F/name`, `…/download/name`): all served by
 * `GET /files/<id>/…`, which only looks at the first segment.
 */
export function fileUrls(
  baseUrl: string,
  file: Pick<SlackUploadRecord, 'id' | 'filename'>,
): { urlPrivate: string; urlPrivateDownload: string; permalink: string } {
  const urlPrivate = `${baseUrl}/files/${file.id}`;
  const name = encodeURIComponent(file.filename);
  return {
    urlPrivate,
    urlPrivateDownload: `${urlPrivate}/download/${name}`,
    permalink: `${urlPrivate}/${name}`,
  };
}

/** The file ID a `slack_file.url` names: one of the emulator's own file URLs, else undefined. */
export function fileIdOfUrl(url: string, baseUrl: string): string | undefined {
  const prefix = `${baseUrl}/files/`;
  return url.startsWith(prefix) ? url.slice(prefix.length).split(/[/?#]/)[0] : undefined;
}

/**
 * The check image blocks get: the `slack_file` names a file that exists, was shared to a channel
 * (completeUploadExternal with `channel_id`), is done processing and is a png/jpg/gif by its bytes.
 */
export function usableImage(ctx: FileContext): SlackFileCheck {
  return (ref) => {
    const id = ref.id ?? (ref.url === undefined ? undefined : fileIdOfUrl(ref.url, ctx.baseUrl));
    const file = id === undefined ? undefined : completedFile(ctx.store, id);
    if (!file || file.channel === undefined || isProcessing(file, ctx)) return false;
    return sniffFile(file.bytes).isImage;
  };
}

/** A completed upload as the query API returns it. */
export function fileRecord(file: CompletedUpload, ctx: FileContext): SlackFileRecord {
  const kind = sniffFile(file.bytes);
  return {
    id: file.id,
    filename: file.filename,
    title: file.title,
    bytes: file.bytes,
    filetype: kind.filetype,
    mimetype: kind.mimetype,
    isImage: kind.isImage,
    width: kind.width,
    height: kind.height,
    channel: file.channel,
    threadTs: file.threadTs,
    altText: file.altText,
    completedAt: file.completedAt,
    ready: !isProcessing(file, ctx),
  };
}
