/** A file created by files.getUploadURLExternal. */
export interface SlackUploadRecord {
  /** `F…` file ID (matches Slack's `^F[A-Z0-9]{8,}$`, so image blocks can name it). */
  readonly id: string;
  readonly filename: string;
  /** Declared `length`. */
  readonly length: number;
  title: string;
  /** Bytes posted to the upload URL (undefined until then). */
  bytes: Buffer | undefined;
  /** The bytes decoded as UTF-8 (undefined until uploaded). */
  readonly text: string | undefined;
  /** True once files.completeUploadExternal accepted it. */
  completed: boolean;
  /** When files.completeUploadExternal accepted it (emulator clock, ms): processing starts here. */
  completedAt: number | undefined;
  channel: string | undefined;
  threadTs: string | undefined;
  /** `ts` of the `file_share` message that shared it (files.info's `shares`). */
  shareTs: string | undefined;
  initialComment: string | undefined;
  readonly altText: string | undefined;
  readonly snippetType: string | undefined;
}

/** What the emulator detects from a file's bytes (their magic numbers, not the file name). */
export type SlackFileType = 'png' | 'jpg' | 'gif' | 'text' | 'binary';

/** A completed upload as `files()` and `file(id)` return it: the bytes and what Slack made of them. */
export interface SlackFileRecord {
  readonly id: string;
  readonly filename: string;
  readonly title: string;
  readonly bytes: Buffer;
  /** Detected from the bytes: `png`, `jpg`, `gif`, `text` (valid UTF-8) or `binary`. */
  readonly filetype: SlackFileType;
  /** `image/png`, `image/jpeg`, `image/gif`, `text/plain` or `application/octet-stream`. */
  readonly mimetype: string;
  /** True for png, jpg and gif: the only files an image block may show. */
  readonly isImage: boolean;
  /** Pixel size read from a PNG or GIF header (undefined for other types). */
  readonly width: number | undefined;
  readonly height: number | undefined;
  /** The channel it was shared to (undefined: private to the uploader; image blocks refuse it). */
  readonly channel: string | undefined;
  readonly threadTs: string | undefined;
  readonly altText: string | undefined;
  /** When files.completeUploadExternal accepted it (emulator clock, ms). */
  readonly completedAt: number;
  /** False while it is still processing (`filesProcessingMs` after `completedAt`, at query time). */
  readonly ready: boolean;
}
