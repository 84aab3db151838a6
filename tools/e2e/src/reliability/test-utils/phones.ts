/** Separators people and Tencent put inside phone numbers. */
const SEPARATORS = /[\s\-().]/g;
const PHONE = /^\+?\d{7,}$/;

/**
 * Every phone number in a dataset (callers, callees, agents' phones, voicemail senders…): each string
 * that is a number of 7+ digits once separators are removed, as its digits (`008613800138000`).
 */
export function phoneNumbersOf(data: unknown): Set<string> {
  const numbers = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const compact = value.replace(SEPARATORS, '');
      if (PHONE.test(compact)) numbers.add(compact.replace('+', ''));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(data);
  return numbers;
}

/**
 * Runs of 7+ digits in `text` (separators allowed between digits) that are part of a known number: a
 * masked number (`+86 138****8000`) keeps at most 4 digits together, so any such run means a number was
 * shown in full, or nearly.
 */
export function unmaskedNumbers(text: string, numbers: ReadonlySet<string>): string[] {
  const runs = text.match(/\d[\d\s\-().]*\d/g) ?? [];
  return runs
    .map((run) => run.replace(SEPARATORS, ''))
    .filter((digits) => digits.length >= 7 && [...numbers].some((number) => number.includes(digits)));
}
