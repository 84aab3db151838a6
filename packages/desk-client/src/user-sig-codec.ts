import { inflateSync } from 'node:zlib';

// Tencent's variant of base64: `+` → `*`, `/` → `-`, `=` → `_` (not RFC 4648 base64url).
const TO_SIG: Readonly<Record<string, string>> = { '+': '*', '/': '-', '=': '_' };
const FROM_SIG: Readonly<Record<string, string>> = { '*': '+', '-': '/', _: '=' };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SIG_ALPHABET = /^[A-Za-z0-9*-]+_{0,2}$/;
/** Longest UserSig accepted for decoding; real ones are 200–400 characters. */
const MAX_SIG_LENGTH = 8192;
/** Bound on the inflated document so a crafted UserSig cannot expand into megabytes. */
const MAX_DOC_BYTES = 16384;
/** A stored deflate block holds at most 65535 bytes. */
const MAX_STORED = 0xffff;

/**
 * Wraps `data` in a zlib stream (RFC 1950) made of one uncompressed ("stored") deflate block.
 * The official Go generator does the same by default (`zlib.NoCompression`); every inflater reads it,
 * and it costs a fraction of `deflateSync`, which allocates a fresh compressor per call.
 */
export function zlibStored(data: Buffer): Buffer {
  if (data.length > MAX_STORED) throw new RangeError('zlibStored: data exceeds one stored block');
  const out = Buffer.allocUnsafe(data.length + 11);
  out[0] = 0x78; // CMF: deflate, 32 KiB window
  out[1] = 0x01; // FLG: no dictionary, fastest level, (CMF*256+FLG) % 31 === 0
  out[2] = 0x01; // BFINAL=1, BTYPE=00 (stored)
  out.writeUInt16LE(data.length, 3);
  out.writeUInt16LE(~data.length & 0xffff, 5);
  data.copy(out, 7);
  out.writeUInt32BE(adler32(data), 7 + data.length);
  return out;
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  let i = 0;
  while (i < data.length) {
    // Reduce every 5552 bytes, zlib's bound; keeps both sums small integers on long inputs.
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Standard base64 of a zlib stream → the UserSig alphabet. */
export function toSigAlphabet(zlibStream: Buffer): string {
  return zlibStream.toString('base64').replace(/[+/=]/g, (ch) => TO_SIG[ch] as string);
}

/**
 * Reverses {@link toSigAlphabet} and inflates. Returns the JSON text of the document, or `undefined`
 * when the string is not valid Tencent-base64 or not a zlib stream.
 */
export function decodeSigDocument(userSig: string): string | undefined {
  if (userSig.length === 0 || userSig.length > MAX_SIG_LENGTH) return undefined;
  if (!SIG_ALPHABET.test(userSig)) return undefined;
  const base64 = userSig.replace(/[*\-_]/g, (ch) => FROM_SIG[ch] as string);
  try {
    return inflateSync(Buffer.from(base64, 'base64'), { maxOutputLength: MAX_DOC_BYTES }).toString('utf8');
  } catch {
    return undefined;
  }
}

/** True when `text` is canonical standard base64 (decoding and re-encoding gives it back). */
export function isCanonicalBase64(text: string): boolean {
  return (text === '' || BASE64.test(text)) && Buffer.from(text, 'base64').toString('base64') === text;
}
