/**
 * Calling codes kept visible in masked numbers. ITU codes are prefix-free, so at most one matches; a code
 * missing here only means the number is shown as `+<masked digits>` without the country split.
 */
const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 ' +
    '81 82 84 86 90 91 92 93 94 95 98 212 213 216 234 254 351 352 353 358 380 420 852 853 855 856 880 886 ' +
    '960 961 962 965 966 971 972 973 974 977'
  ).split(' '),
);

/**
 * Digits, `+`, separators and the mask characters Tencent uses (`*`, `x`), as ONE character class: the
 * earlier `^\+?[…]*\d[…]*$` had two overlapping stars around the digit and backtracked quadratically on a
 * long digit run that ends in another character (20,000 characters took a second in the ack path).
 */
const PHONE_CHARS = /^\+?[\d\s\-().*xX]*$/;
const DIGIT = /\d/;
const LONG_DIGIT_RUN = /\d{7,}/g;

/**
 * True for text made only of phone characters (an optional leading `+`, then digits, separators, `*`, `x`)
 * with at least one digit. Two linear scans; same answers as the old single regex (a property test checks).
 */
export const isPhoneLike = (text: string): boolean => PHONE_CHARS.test(text) && DIGIT.test(text);

/**
 * A phone-like text without separators (whitespace, dashes, parentheses, dots), with Tencent's masking
 * characters as `*`: the form both masking and `normalizeNumber` read.
 */
export const compactNumber = (text: string): string => text.replace(/[\s\-().]/g, '').replace(/[xX]/g, '*');

/** Masks a bare digit string: keeps the last 4 (and the first 3 of 10+ digit numbers), stars the rest. */
function maskDigits(digits: string): string {
  if (digits.length <= 6) return digits;
  const head = digits.length >= 10 ? 3 : 0;
  return `${digits.slice(0, head)}${'*'.repeat(digits.length - head - 4)}${digits.slice(-4)}`;
}

function countryCodeOf(digits: string): string | null {
  for (const length of [1, 2, 3]) {
    const code = digits.slice(0, length);
    if (COUNTRY_CODES.has(code)) return code;
  }
  return null;
}

/**
 * Splits an international number (`00…`, `+…`, or China's `861` + 10 digits) into calling code and
 * national part; `null` for numbers without a recognisable international prefix.
 */
function splitInternational(compact: string): { code: string | null; national: string } | null {
  let rest: string;
  if (compact.startsWith('+')) rest = compact.slice(1);
  else if (compact.startsWith('00')) rest = compact.slice(2);
  // Tencent and Chinese carriers also write mainland mobiles as 86 + 11 digits without a prefix.
  else if (/^861\d{10}$/.test(compact)) rest = compact;
  else return null;
  const code = countryCodeOf(rest);
  return { code, national: code ? rest.slice(code.length) : rest };
}

/**
 * Masks every run of 7 or more digits in free text (emails, remarks, IVR input), leaving the rest as is.
 *
 * @example
 * maskText('call me on 13812345678'); // 'call me on 138****5678'
 */
export function maskText(text: string): string {
  return text.replace(LONG_DIGIT_RUN, maskDigits);
}

/**
 * Display form of a phone number for people: keeps the country code and the last 4 digits (and the
 * carrier prefix of long numbers), masks the rest. Numbers of 6 digits or fewer are extensions and are
 * shown as they are; empty input is `unknown`; anything that is not a number (an email) is unchanged
 * except that runs of 7+ digits are masked. Already-masked input (`*******7605`) stays masked.
 *
 * @example
 * maskNumber('008618486147605'); // '+86 184****7605'
 * maskNumber('+1 415 555 0134'); // '+1 415***0134'
 * maskNumber('8001');            // '8001'
 * maskNumber('');                // 'unknown'
 */
export function maskNumber(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return 'unknown';
  if (!isPhoneLike(text)) return maskText(text);
  const compact = compactNumber(text);
  if (compact.replace('+', '').length <= 6) return text;
  const international = splitInternational(compact);
  if (!international) return maskDigits(compact);
  const { code, national } = international;
  return code ? `+${code} ${maskDigits(national)}` : `+${maskDigits(national)}`;
}
