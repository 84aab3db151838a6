import fc from 'fast-check';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { ParticipantType } from '../enums/call.ts';
import {
  isSchemaError,
  parseCdrPush,
  safeParseCdrPush,
  safeParseImCdrPush,
  safeParseRecordPush,
} from '../index.ts';
import type { CdrPush } from './cdr.ts';

describe('CdrPush tolerance', () => {
  test('only SessionId is required; unknown fields are kept', () => {
    expect(parseCdrPush({ SessionId: 's', NewTencentField: { a: 1 } })).toMatchObject({
      SessionId: 's',
      NewTencentField: { a: 1 },
      ServeParticipants: [],
    });
  });

  test('unknown enum values parse and stay as the raw string', () => {
    const cdr = parseCdrPush({
      SessionId: 's',
      EndStatusString: 'quantumTunnel',
      ServeParticipants: [{ Type: 'holoSeat' }],
    });
    expect(cdr.EndStatusString).toBe('quantumTunnel');
    expect(cdr.ServeParticipants[0]?.Type).toBe('holoSeat');
  });

  test('wrong types on fields we rely on fail with path, expected and received', () => {
    expect(safeParseCdrPush({ SessionId: 42 })).toEqual({
      ok: false,
      issues: [
        {
          path: 'SessionId',
          message: 'Invalid type: Expected string but received 42',
          expected: 'string',
          received: '42',
        },
      ],
    });
    const nested = safeParseCdrPush({ SessionId: 's', ServeParticipants: [{ Sequence: '1' }] });
    expect(nested).toMatchObject({
      ok: false,
      issues: [{ path: 'ServeParticipants.0.Sequence', received: '"1"' }],
    });
  });

  test('numbers are not coerced where Tencent does not document strings', () => {
    expect(safeParseCdrPush({ SessionId: 's', StartTimestamp: '1607702199' }).ok).toBe(false);
  });

  test('parse throws a SchemaError naming the payload', () => {
    expect(() => parseCdrPush([])).toThrowError(
      /^Invalid CDR push: Invalid type: Expected Object but received Array/,
    );
    try {
      parseCdrPush(null);
    } catch (error) {
      expect(isSchemaError(error)).toBe(true);
    }
  });

  test('record and IM CDR pushes require their ids', () => {
    expect(safeParseRecordPush({ SessionId: 's' })).toMatchObject({
      ok: false,
      issues: [{ path: 'RecordId' }],
    });
    expect(safeParseImCdrPush({ SessionId: '' })).toMatchObject({
      ok: false,
      issues: [{ path: 'SessionId', message: 'SessionId must not be empty' }],
    });
  });

  test('inferred types keep known enum values and forward compatibility', () => {
    expectTypeOf<CdrPush['ServeParticipants'][number]['Type']>().toEqualTypeOf<
      ParticipantType | (string & {}) | null | undefined
    >();
    expectTypeOf<CdrPush['SessionId']>().toEqualTypeOf<string>();
    expectTypeOf<CdrPush['IVRKeyPressed']>().toEqualTypeOf<string[]>();
  });
});

const participant = fc.record(
  {
    Mail: fc.emailAddress(),
    Type: fc.constantFrom('staffSeat', 'outboundSeat', 'staffPhoneSeat', 'miniProgramSeat'),
    Sequence: fc.nat(20),
    StartTimestamp: fc.nat(),
    AcceptTimestamp: fc.nat(),
    EndStatusString: fc.string(),
  },
  { requiredKeys: [] },
);
const validCdr = fc.record(
  {
    SessionId: fc.stringMatching(/^[\w.:-]{1,128}$/),
    Caller: fc.string({ maxLength: 64 }),
    Callee: fc.string({ maxLength: 64 }),
    Direction: fc.constantFrom(0, 1),
    CallType: fc.constantFrom(1, 2, 3, 5, 6),
    StartTimestamp: fc.nat(),
    EndStatusString: fc.string(),
    ServeParticipants: fc.array(participant, { maxLength: 5 }),
    IVRKeyPressed: fc.array(fc.string(), { maxLength: 3 }),
    PostIVRKeyPressed: fc.array(fc.record({ Key: fc.string(), Label: fc.string() }), { maxLength: 2 }),
  },
  { requiredKeys: ['SessionId'] },
);

describe('CdrPush properties', () => {
  test('valid payloads round-trip unchanged (apart from [] for absent lists)', () => {
    fc.assert(
      fc.property(validCdr, (cdr) => {
        const parsed = parseCdrPush(structuredClone(cdr));
        for (const [key, value] of Object.entries(cdr)) expect(parsed[key]).toEqual(value);
      }),
    );
  });

  test('garbage never throws from safeParse and never throws anything but SchemaError from parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = safeParseCdrPush(input);
        expect(typeof result.ok).toBe('boolean');
        try {
          parseCdrPush(input);
        } catch (error) {
          expect(isSchemaError(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
