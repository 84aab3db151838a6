import { deflateSync } from 'node:zlib';
import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackEmulator } from './emulator-types.ts';

// WebClient logs every platform error; the tests assert on them instead.
const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A WebClient pointed at the emulator, without retries or log noise (test helper). */
export function emulatorClient(
  slack: SlackEmulator,
  options: WebClientOptions = {},
  token?: string,
): WebClient {
  return new WebClient(token ?? slack.token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
    ...options,
  });
}

/** Resolves with the rejection of `call` (fails the test when it resolves). */
export async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it (test helper). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid RGB PNG of one colour, built by hand (test helper): a stand-in for the digest's chart. */
export function tinyPng(
  width = 3,
  height = 2,
  rgb: readonly [number, number, number] = [0, 122, 90],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, deflate, no filter method, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]); // filter type 0, pixels
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What {@link uploadFile} uploads. */
export interface TestUpload {
  readonly bytes: Uint8Array;
  readonly filename: string;
  /** Shared to this channel (completeUploadExternal `channel_id`); private when absent. */
  readonly channel?: string;
  readonly title?: string;
}

/** The three-step upload (getUploadURLExternal, POST, completeUploadExternal) over HTTP; the file ID. */
export async function uploadFile(client: WebClient, upload: TestUpload): Promise<string> {
  const { filename, bytes } = upload;
  const ticket = await client.files.getUploadURLExternal({ filename, length: bytes.byteLength });
  const sent = await fetch(ticket.upload_url as string, { method: 'POST', body: bytes });
  if (!sent.ok) throw new Error(`upload answered HTTP ${sent.status}`);
  const id = ticket.file_id as string;
  await client.files.completeUploadExternal({
    files: [{ id, ...(upload.title ? { title: upload.title } : {}) }],
    ...(upload.channel ? { channel_id: upload.channel } : {}),
  });
  return id;
}
