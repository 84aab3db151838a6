import fc from 'fast-check';

/**
 * Any string of code points, lone surrogates included: what `fc.string({ unit: 'binary' })` generates,
 * without its construction, which takes over a second of CPU per arbitrary (a timeout on a busy machine).
 */
export const anyString = (constraints: { minLength?: number; maxLength: number }): fc.Arbitrary<string> =>
  fc
    .array(fc.integer({ min: 0, max: 0x10ffff }), constraints)
    .map((codePoints) => String.fromCodePoint(...codePoints));
