import * as v from 'valibot';

/**
 * Longest id the product keys on (dedupe keys, database index rows). Tencent's ids are 32–36 character
 * UUIDs or digit strings; 128 leaves room for other shapes while a key stays far below PostgreSQL's
 * ~2.7 KB index row limit.
 */
export const MAX_ID_LENGTH = 128;
/**
 * Longest phone number or customer account kept. E.164 numbers have at most 15 digits; with a `0086`
 * prefix, separators and Tencent's `xxxx` masking they stay far below 64, as do IM user ids (32 bytes).
 */
export const MAX_NUMBER_LENGTH = 64;
/** Longest `EndpointUser` of recording pushes, which is a customer number or an agent's email (≤ 254). */
export const MAX_ENDPOINT_LENGTH = 254;

/** A length for messages, grouped (`1,000,000`) so masking of 7+ digit runs never hides it. */
const lengthOf = (input: unknown): string =>
  (typeof input === 'string' ? input.length : 0).toLocaleString('en-US');

const ID_CHARS = /^[\w.:-]*$/;
const ID_CHAR = /[\w.:-]/;
/**
 * Text without control characters: U+0000–U+001F, the ones JSON must escape (NUL among them). Exported so
 * a validator of parsed JSON can skip this check when the JSON text has no `\` escape at all (then no
 * string in it can hold one); `@ccc-kit/cdr-parser`'s fast path does.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const NO_CONTROL_CHARACTERS: RegExp = /^[^\u0000-\u001f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f]/;

/**
 * Names the first offending character of `input` by code point and position (`U+0000 at position 4`), so
 * a message never repeats the value itself (it may be a phone number, or a megabyte long).
 */
function firstOffending(input: unknown, bad: (c: string) => boolean): string {
  const text = typeof input === 'string' ? input : '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (bad(c)) {
      const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return `U+${code} at position ${i}`;
    }
  }
  return 'an invalid character';
}

/**
 * An id the product keys on (`SessionId`, a recording's `RecordId`): trimmed, then 1–128 characters of
 * `A–Z a–z 0–9 _ . : -`. Over-long or odd ids are refused with a message instead of reaching a dedupe key
 * or a database index.
 */
export const identifier = (name: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, `${name} must not be empty`),
    v.maxLength(
      MAX_ID_LENGTH,
      (issue) => `${name} must be at most ${MAX_ID_LENGTH} characters; got ${lengthOf(issue.input)}`,
    ),
    v.regex(
      ID_CHARS,
      (issue) =>
        `${name} may only contain A-Z a-z 0-9 _ . : -; got ${firstOffending(issue.input, (c) => !ID_CHAR.test(c))}`,
    ),
  );

/**
 * A phone number or account (`Caller`, `Callee`, `UserId`, …): at most `max` characters, no control
 * characters (U+0000–U+001F). Masking and prefix routing run on these, so their size is bounded at the door.
 */
export const numberText = (name: string, max: number = MAX_NUMBER_LENGTH) =>
  v.pipe(
    v.string(),
    v.maxLength(max, (issue) => `${name} must be at most ${max} characters; got ${lengthOf(issue.input)}`),
    v.regex(
      NO_CONTROL_CHARACTERS,
      (issue) =>
        `${name} must not contain control characters; got ${firstOffending(issue.input, (c) => CONTROL.test(c))}`,
    ),
  );

/** Optional {@link numberText} that tolerates `null` (parsed as absent). */
export const optNumberText = (name: string, max: number = MAX_NUMBER_LENGTH) =>
  v.nullish(numberText(name, max));
