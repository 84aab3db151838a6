import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalizeNumber, normalizeNumberPrefix } from './normalize-number.ts';

describe('normalizeNumber', () => {
  test.each([
    // One mainland mobile in every form people and Tencent write it.
    ['008613912345678', '8613912345678'],
    ['+8613912345678', '8613912345678'],
    ['8613912345678', '8613912345678'],
    ['13912345678', '8613912345678'],
    ['+86 139 1234 5678', '8613912345678'],
    ['139-1234-5678', '8613912345678'],
    ['(+86) 139.1234.5678', '8613912345678'],
    ['  0086 139 1234 5678  ', '8613912345678'],
    // Landlines: the trunk 0 becomes 86, also when Tencent keeps it after 0086.
    ['010 6552 9988', '861065529988'],
    ['(0755) 1234-5678', '8675512345678'],
    ['00860755xxxxxxxx', '86755********'],
    ['008602066247698', '862066247698'],
    ['+86 0755 1234 5678', '8675512345678'],
    // Service numbers and other countries.
    ['400-123-4567', '864001234567'],
    ['0086400xxx6666', '86400***6666'],
    ['0014155550134', '14155550134'],
    ['+1 (415) 555-0134', '14155550134'],
    ['+44 20 7946 0958', '442079460958'],
    ['442079460958', '442079460958'],
    // Documented limit: without + or 00, a leading 1 is a mainland mobile, not NANP.
    ['14155550134', '8614155550134'],
    // Not normalised: extensions and short codes, masked heads, and anything that is not a number.
    ['8001', '8001'],
    ['10086', '10086'],
    ['80 01', '8001'],
    ['*******7605', '*******7605'],
    ['sip:8001@pbx.example.com', 'sip:8001@pbx.example.com'],
    ['zhangsan@example.com', 'zhangsan@example.com'],
    ['139abcdefg', '139abcdefg'],
    ['anonymous', 'anonymous'],
    [' +0123456789 ', '+0123456789'],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
  });

  test('property: canonical mainland numbers are fixed points, and every written form agrees', () => {
    const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
    fc.assert(
      fc.property(mobile, (national) => {
        const canonical = `86${national}`;
        expect(normalizeNumber(canonical)).toBe(canonical);
        const spaced = `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
        for (const form of [national, `+86${national}`, `0086${national}`, `+86 ${spaced}`, spaced])
          expect(normalizeNumber(form)).toBe(canonical);
      }),
      { numRuns: 200 },
    );
  });
});

describe('linear time', () => {
  // Inputs are capped at 64 characters by the schemas, but the function is public: no backtracking.
  test.each([
    ['digits', '1'.repeat(1_000_000), `86${'1'.repeat(1_000_000)}`],
    ['digits then a letter', `${'1'.repeat(1_000_000)}a`, `${'1'.repeat(1_000_000)}a`],
  ])('a million characters of %s', (_, input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
    expect(normalizeNumberPrefix(input)).toBe(input.endsWith('a') ? null : expected);
  });
});

describe('normalizeNumberPrefix', () => {
  test.each([
    ['+86139', '86139'],
    ['0086139', '86139'],
    ['86139', '86139'],
    ['139', '86139'],
    ['+86 139', '86139'],
    ['0086-139', '86139'],
    ['1', '861'],
    ['010', '8610'],
    ['0755', '86755'],
    ['(0755)', '86755'],
    ['+86 0755', '86755'],
    ['0', '86'],
    ['+86', '86'],
    ['400', '86400'],
    ['800', '86800'],
    ['40', '40'],
    ['+1 415', '1415'],
    ['001415', '1415'],
    ['44', '44'],
    ['', null],
    ['  ', null],
    ['+', null],
    ['00', null],
    ['+0', null],
    ['139x', null],
    ['abc', null],
    ['+86+139', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeNumberPrefix(input)).toBe(expected);
  });

  test('property: a number starts with a prefix of any of its written forms', () => {
    const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
    fc.assert(
      fc.property(mobile, fc.integer({ min: 1, max: 11 }), (national, length) => {
        const number = normalizeNumber(`0086${national}`) ?? '';
        const head = national.slice(0, length);
        for (const form of [head, `+86${head}`, `0086${head}`, `86${head}`])
          expect(number.startsWith(normalizeNumberPrefix(form) ?? '\0')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
