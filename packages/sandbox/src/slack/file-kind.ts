import type { SlackFileType } from './file-types.ts';

/** What a file's bytes are, as files.info reports them once processed. */
export interface FileKind {
  readonly filetype: SlackFileType;
  readonly mimetype: string;
  /** files.info's `pretty_type`. */
  readonly prettyType: string;
  readonly isImage: boolean;
  readonly width: number | undefined;
  readonly height: number | undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

const startsWith = (bytes: Buffer, prefix: Buffer | string): boolean =>
  bytes
    .subarray(0, prefix.length)
    .equals(typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix);

const image = (
  filetype: 'png' | 'jpg' | 'gif',
  mimetype: string,
  size?: { width: number; height: number },
): FileKind => ({
  filetype,
  mimetype,
  prettyType: filetype.toUpperCase(),
  isImage: true,
  width: size?.width,
  height: size?.height,
});

// The IHDR chunk always comes first: its width and height are big-endian at bytes 16 and 20.
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// The logical screen size follows the 6-byte signature, little-endian.
function gifSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 10) return undefined;
  return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Detects a file's type from its first bytes (PNG, JPEG and GIF signatures), never from its name: a text
 * file named `chart.png` is not an image, so an image block cannot show it.
 *
 * @example
 * sniffFile(Buffer.from('GIF89a…', 'latin1')).filetype; // → 'gif'
 */
export function sniffFile(bytes: Buffer): FileKind {
  if (startsWith(bytes, PNG_SIGNATURE)) return image('png', 'image/png', pngSize(bytes));
  if (startsWith(bytes, JPEG_SIGNATURE)) return image('jpg', 'image/jpeg');
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a'))
    return image('gif', 'image/gif', gifSize(bytes));
  const text = isUtf8(bytes);
  return {
    filetype: text ? 'text' : 'binary',
    mimetype: text ? 'text/plain' : 'application/octet-stream',
    prettyType: text ? 'Plain Text' : 'Binary',
    isImage: false,
    width: undefined,
    height: undefined,
  };
}
