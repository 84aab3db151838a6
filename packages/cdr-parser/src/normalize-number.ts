import { compactNumber } from './mask.ts';

/** A compact number: an optional `+`, then digits and masked digits (`*`); one linear scan. */
const COMPACT = /^\+?[\d*]+$/;
const NOT_DIGIT = /\D/g;
/**
 * Mainland China's calling code. The product serves Tencent Cloud Contact Center's mainland numbers, so a
 * number without an international prefix is read as a mainland one.
 */
const CHINA = '86';
/** Starts of mainland national numbers without a trunk `0`: mobiles (`1…`) and `400`/`800` service numbers. */
const NATIONAL_WITHOUT_TRUNK = /^(1|[48]00)/;
/** Extensions and short codes (`8001`, `10086`) have at most this many digits; they are not normalised. */
const MAX_SHORT_DIGITS = 6;
const INTERNATIONAL_NUMBER = /^[1-9][\d*]*$/;
const INTERNATIONAL_PREFIX = /^[1-9]\d*$/;
const WRITTEN_PREFIX = /^\+?\d+$/;

const hasInternationalPrefix = (compact: string): boolean =>
  compact.startsWith('+') || compact.startsWith('00');

/**
 * International digits of a compact number or prefix, by the rules of {@link normalizeNumber}. May return
 * something that is not international digits (`+0…`, a masked head); callers check the result.
 */
function toInternational(compact: string): string {
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (compact.startsWith('0')) digits = CHINA + compact.slice(1);
  else if (NATIONAL_WITHOUT_TRUNK.test(compact)) digits = CHINA + compact;
  else digits = compact;
  // Tencent keeps the trunk 0 of landlines after the country code (`00860755…`, `008602066247698`);
  // mainland national numbers never start with 0, so E.164 drops it.
  return digits.startsWith(`${CHINA}0`) ? CHINA + digits.slice(CHINA.length + 1) : digits;
}

/**
 * The canonical form of a phone number: E.164 digits without `+` (`8613912345678`), the form routing
 * compares. Separators (spaces, dashes, parentheses, dots) are removed, then:
 *
 * - `+…` and `00…` (Tencent sends `0086…`) are international: the digits after the prefix;
 * - `86…` is taken as already international (mainland China);
 * - national mainland forms get country 86: a trunk `0` is replaced (`010…`, `0755…`), mobiles (`1…`) and
 *   `400`/`800` service numbers are prefixed; a trunk `0` written after 86 (`00860755…`) is dropped;
 * - any other digits are taken as already international (`4420…`).
 *
 * Limits: the national rules are mainland China's, so a NANP number must be written `+1…` or `001…`
 * (`14155550134` reads as a mainland mobile) and a UIFN number `+800…`. Tencent's masking characters
 * (`x`, `*`) are kept as `*` (`0086184xxxx7605` → `86184****7605`) so the visible head still matches.
 *
 * What is not normalised: empty or blank input gives `null`; extensions and short codes (6 digits or fewer
 * without `+`/`00`, e.g. `8001`, `10086`) come back without separators but otherwise unchanged; anything
 * else that is not a number (a SIP URI, an email, a number-protection id such as `139abcdefg`, `+0…`)
 * comes back trimmed, as it was.
 *
 * @example
 * normalizeNumber('008613912345678');  // '8613912345678'
 * normalizeNumber('+86 139 1234 5678'); // '8613912345678'
 * normalizeNumber('139-1234-5678');     // '8613912345678'
 * normalizeNumber('(0755) 1234 5678');  // '8675512345678'
 * normalizeNumber('8001');              // '8001'
 * normalizeNumber('sip:8001@pbx');      // 'sip:8001@pbx'
 * normalizeNumber('');                  // null
 */
export function normalizeNumber(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const compact = compactNumber(text);
  if (!COMPACT.test(compact)) return text;
  const digits = compact.replace(NOT_DIGIT, '').length;
  if (digits === 0) return text;
  if (!hasInternationalPrefix(compact) && digits <= MAX_SHORT_DIGITS) return compact;
  const international = toInternational(compact);
  return INTERNATIONAL_NUMBER.test(international) ? international : text;
}

/**
 * The canonical form of the start of a phone number, by the same rules as {@link normalizeNumber}, so that
 * `normalizeNumber(number).startsWith(normalizeNumberPrefix(prefix))` says whether a number starts with
 * what the prefix means: `+86139`, `0086139`, `86139` and `139` all give `86139`; `0755` and `+86 755`
 * give `86755`; `0` gives `86` (every mainland number). Unlike numbers, a short prefix is never an
 * extension. `400`/`800` are recognised from their third digit (`40` stays international digits).
 *
 * @returns `null` when the text cannot start a number: empty, letters or masks, or no digits after the
 *   international prefix (`+`, `00`).
 * @example
 * normalizeNumberPrefix('+86 139'); // '86139'
 * normalizeNumberPrefix('139');     // '86139'
 * normalizeNumberPrefix('+1 415');  // '1415'
 * normalizeNumberPrefix('00');      // null
 */
export function normalizeNumberPrefix(prefix: string): string | null {
  const compact = compactNumber(prefix.trim());
  if (!WRITTEN_PREFIX.test(compact)) return null;
  const digits = toInternational(compact);
  return INTERNATIONAL_PREFIX.test(digits) ? digits : null;
}
