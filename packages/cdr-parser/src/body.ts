import { maskText } from './mask.ts';
import type { PushParseErrorCode } from './push-types.ts';

/** A body problem found before the schema runs. */
export interface BodyProblem {
  readonly code: PushParseErrorCode;
  readonly message: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One printable line: control characters and line breaks become spaces, long text is cut. */
export function oneLine(text: string, max = 300): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** UTF-8 length of a string without encoding it, exact only when needed (UTF-8 ≥ 1 byte per UTF-16 unit). */
function exceedsBytes(text: string, max: number): number | null {
  if (text.length > max) return text.length;
  if (text.length * 3 <= max) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > max ? bytes : null;
}

/** Offset of the first byte that breaks UTF-8 (error path only, so a plain loop is fine). */
function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] as number;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Turns the raw body into text, enforcing the size limit first; strips a UTF-8 byte order mark. */
export function decodeBody(body: unknown, maxBytes: number): string | BodyProblem {
  if (typeof body === 'string') {
    const size = exceedsBytes(body, maxBytes);
    if (size !== null) return tooLarge(size, maxBytes);
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  }
  const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body;
  if (!(bytes instanceof Uint8Array))
    return { code: 'invalid_json', message: 'Body must be text or bytes; got nothing readable' };
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    const at = invalidUtf8At(bytes);
    const hex = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    return {
      code: 'invalid_json',
      message: `Body is not valid UTF-8 (byte 0x${hex} at offset ${at}); pushes must be UTF-8 JSON`,
    };
  }
}

function tooLarge(size: number, max: number): BodyProblem {
  return {
    code: 'body_too_large',
    message: `Body is ${size} bytes, over the ${max}-byte limit; raise maxBodyBytes if such pushes are legitimate`,
  };
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Up to 12 characters either side of `offset`, widened to whole digit runs so masking sees whole numbers. */
function excerpt(text: string, offset: number): string {
  let start = Math.max(0, offset - 12);
  let end = Math.min(text.length, offset + 12);
  const isDigit = (i: number): boolean =>
    i >= 0 && i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
  while (isDigit(start - 1) && offset - start < 40) start--;
  while (isDigit(end) && end - offset < 40) end++;
  return maskText(text.slice(start, end)).replace(/\r?\n/g, '⏎');
}

/**
 * Describes a `JSON.parse` failure the same way on every Node version: V8's reason without its position or
 * its own excerpt of the input (which could hold a phone number), then our line, column and masked excerpt.
 */
export function describeJsonError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  const reason = raw
    .replace(/\s+(?:in JSON\s+)?at position \d+.*$/s, '')
    .replace(/,\s*".*"\s*is not valid JSON$/s, '')
    .replace(/^JSON\.parse:\s*/, '');
  if (!position) return oneLine(`Body is not valid JSON: ${reason}`);
  const offset = Number(position[1]);
  return oneLine(
    `Body is not valid JSON: ${reason} at ${lineAndColumn(text, offset)} (near \`${excerpt(text, offset)}\`)`,
  );
}

/**
 * Path to the first value nested deeper than `depthLeft` containers, or `null`. Recursion is bounded by
 * the limit itself, so a 100 000-deep body (which V8 parses iteratively) cannot overflow the stack here.
 */
export function tooDeepAt(value: unknown, depthLeft: number): (string | number)[] | null {
  if (value === null || typeof value !== 'object') return null;
  if (depthLeft === 0) return [];
  // Scalars are skipped without a call: this walk runs on every push, and most values are scalars.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const path = item !== null && typeof item === 'object' ? tooDeepAt(item, depthLeft - 1) : null;
      if (path) return [i, ...path];
    }
    return null;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const path = item !== null && typeof item === 'object' ? tooDeepAt(item, depthLeft - 1) : null;
    if (path) return [key, ...path];
  }
  return null;
}
