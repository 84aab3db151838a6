import {
  CdrPush,
  ImCdrPush,
  RecordPush,
  safeParseCdrPush,
  safeParseImCdrPush,
  VoicemailPush,
} from '@ccc-kit/schemas';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { compileFastPath, FAIL, type FastRun, isFullyCompiled } from './fast-path.ts';
import { parsePush } from './parse-push.ts';
import { anyString } from './test-utils/any-string.ts';

const fastFor = (schema: v.GenericSchema): FastRun => {
  const run = compileFastPath(schema);
  if (!run) throw new Error('schema not compiled');
  return run;
};

/** Runs both on private copies: the fast path rewrites its input in place. */
function both(schema: v.GenericSchema, input: unknown) {
  const fast = fastFor(schema)(structuredClone(input));
  const slow = v.safeParse(schema, structuredClone(input));
  return { fast, slow };
}

describe('compileFastPath', () => {
  test('every push schema compiles completely (no field falls back to valibot)', () => {
    for (const schema of [CdrPush, ImCdrPush, RecordPush, VoicemailPush])
      expect(isFullyCompiled(schema)).toBe(true);
  });

  test('the doc samples take the fast path and equal valibot output', () => {
    for (const [schema, text] of [
      [CdrPush, repairedSamples.cdrPushSeed],
      [CdrPush, repairedSamples.cdrPushLegacy],
      [RecordPush, samples.recordPush],
      [VoicemailPush, samples.voicemailPush],
    ] as const) {
      const { fast, slow } = both(schema, JSON.parse(text));
      expect(fast).not.toBe(FAIL);
      expect(slow.success).toBe(true);
      expect(fast).toStrictEqual(slow.output);
    }
  });

  test('defaults, transforms and unions behave like valibot', () => {
    const cdr = { SessionId: 's', PostIVRKeyPressed: [{ key: '1', label: 'good' }], IVRKeyPressed: null };
    expect(fastFor(CdrPush)(structuredClone(cdr))).toMatchObject({
      IVRKeyPressed: [],
      IVRKeyPressedEx: [],
      PostIVRKeyPressed: [{ Key: '1', Label: 'good' }],
    });
    const vm = fastFor(VoicemailPush)({ SessionId: 's', RecordURL: 'u', EndpointUser: 13123456789 });
    expect(vm).toMatchObject({ EndpointUser: '13123456789' });
  });

  test('prototype-pollution keys are dropped as valibot drops them', () => {
    const input = JSON.parse('{"SessionId":"s","__proto__":{"x":1},"constructor":1,"extra":2}');
    const { fast, slow } = both(CdrPush, input);
    expect(fast).toStrictEqual(slow.output);
    expect(Object.hasOwn(fast as object, '__proto__')).toBe(false);
  });

  test('invalid input and unsupported constructs return FAIL (the caller then runs valibot)', () => {
    const fast = fastFor(CdrPush);
    expect(fast([])).toBe(FAIL);
    expect(fast({ SessionId: '' })).toBe(FAIL);
    expect(fast({ SessionId: 's', Direction: '1' })).toBe(FAIL);
    expect(fast({ SessionId: 's', ServeParticipants: [{ Sequence: Number.NaN }] })).toBe(FAIL);
    const exotic = v.looseObject({ a: v.optional(v.boolean()), b: v.string() });
    expect(isFullyCompiled(exotic)).toBe(false);
    expect(fastFor(exotic)({ b: 'x' })).toEqual({ b: 'x' });
    expect(fastFor(exotic)({ a: true, b: 'x' })).toBe(FAIL);
    const required = v.looseObject({ a: v.boolean(), b: v.string() });
    expect(fastFor(required)({ a: true, b: 'x' })).toBe(FAIL);
    expect(compileFastPath(v.boolean())).toBeNull();
  });
});

const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.constant(Number.NaN),
  fc.constant(null),
  fc.boolean(),
  fc.constant(undefined),
);
/** Mostly the right type, sometimes anything (so both accept and reject paths run). */
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 15, arbitrary: arb }, { weight: 1, arbitrary: scalar });
const num = fc.oneof(
  { weight: 6, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, -1, 1e308, 0.5) },
);
const str = fc.string({ maxLength: 8 });
/** Ids around the limits: padded (trimmed), odd characters, lengths either side of 128. */
const id = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.stringMatching(/^\s{0,2}[\w.:-]{1,8}\s{0,2}$/),
  fc.string({ unit: fc.constantFrom('a', '-', ':'), minLength: 126, maxLength: 130 }),
);
/** Numbers around the limits: control characters, lengths either side of 64. */
const phone = fc.oneof(
  str,
  anyString({ maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('1', ' '), minLength: 62, maxLength: 66 }),
);
const ivrKey = fc.record(
  { Key: maybe(str), Label: maybe(str), key: maybe(str), label: maybe(str), Timestamp: maybe(num) },
  { requiredKeys: [] },
);
const participant = fc.record(
  {
    Mail: maybe(str),
    Sequence: maybe(num),
    RingTimestamp: maybe(num),
    Type: maybe(str),
    RecordId: maybe(str),
    EndStatusString: maybe(str),
    other: scalar,
  },
  { requiredKeys: [] },
);
const cdrLike = fc.record(
  {
    SessionId: maybe(id),
    Direction: maybe(num),
    StartTimestamp: maybe(num),
    Caller: maybe(phone),
    UserId: maybe(phone),
    SeatUser: maybe(fc.record({ Name: maybe(str), SkillGroupNameList: maybe(fc.array(maybe(str))) })),
    ServeParticipants: maybe(fc.array(maybe(participant), { maxLength: 3 })),
    IVRKeyPressed: maybe(fc.array(maybe(str), { maxLength: 3 })),
    PostIVRKeyPressed: maybe(fc.array(maybe(ivrKey), { maxLength: 2 })),
    TelLocation: maybe(fc.record({ City: maybe(str) })),
    EndpointUser: maybe(fc.oneof(phone, fc.integer())),
    Timestamp: maybe(num),
    RecordURL: maybe(str),
    RecordId: maybe(id),
    Unknown: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);
/** Also an own `__proto__`/`constructor` key sometimes, as `JSON.parse` produces them. */
const withUnsafeKeys = fc
  .tuple(cdrLike, fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype')), scalar)
  .map(([object, key, value]) => {
    if (key)
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return object;
  });

describe('fast path ≡ valibot (property)', () => {
  test.each([
    ['CdrPush', CdrPush],
    ['ImCdrPush', ImCdrPush],
    ['RecordPush', RecordPush],
    ['VoicemailPush', VoicemailPush],
  ] as const)('%s: accepted by the fast path ⇒ accepted by valibot with a deep-equal output', (_, schema) => {
    fc.assert(
      fc.property(fc.oneof(withUnsafeKeys, fc.jsonValue({ maxDepth: 3 })), (input) => {
        const { fast, slow } = both(schema, input);
        if (fast === FAIL) return;
        expect(slow.success).toBe(true);
        expect(fast).toStrictEqual(slow.output);
      }),
      { numRuns: 400 },
    );
  });

  // parsePush skips the control-character check when the text has no `\` escape: the answer must not change.
  test.each([
    ['cdr', safeParseCdrPush],
    ['imcdr', safeParseImCdrPush],
  ] as const)(
    'parsePush %s accepts exactly what the schema accepts, with the same payload',
    (kind, safeParse) => {
      const control = fc.constantFrom('\u0000', '\n', '\u001f', '\u007f', '\u0085', 'x');
      const number = fc.oneof(
        phone,
        fc.tuple(phone, control).map(([p, c]) => `${p}${c}`),
      );
      const input = fc
        .tuple(cdrLike, number, number)
        .map(([object, a, b]) => ({ ...object, Caller: a, UserId: b }));
      fc.assert(
        fc.property(input, (object) => {
          const body = JSON.stringify(object);
          const result = parsePush({ query: `?action=${kind}&version=1`, body });
          const expected = safeParse(JSON.parse(body));
          expect(result.ok).toBe(expected.ok);
          if (result.ok && expected.ok) expect(result.push.payload).toEqual(expected.value);
        }),
        { numRuns: 400 },
      );
    },
  );

  test('valid CDR shapes mostly take the fast path (it is not a FAIL-everything stub)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(withUnsafeKeys, (input) => {
        const { fast, slow } = both(CdrPush, input);
        if (slow.success) expect(fast).not.toBe(FAIL);
        if (fast !== FAIL) accepted++;
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
