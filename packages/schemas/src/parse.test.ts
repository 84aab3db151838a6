import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { isSchemaError, parseWith, SchemaError, safeParseWith } from './parse.ts';

const Sample = v.object({ SessionId: v.string(), Nested: v.object({ N: v.number() }) });

describe('safeParseWith', () => {
  test('returns the value when valid', () => {
    expect(safeParseWith(Sample, { SessionId: 'a', Nested: { N: 1 } })).toEqual({
      ok: true,
      value: { SessionId: 'a', Nested: { N: 1 } },
    });
  });

  test('names the path, expected and received type when invalid', () => {
    const result = safeParseWith(Sample, { SessionId: 42, Nested: { N: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: 'SessionId',
        message: 'Invalid type: Expected string but received 42',
        expected: 'string',
        received: '42',
      },
      {
        path: 'Nested.N',
        message: 'Invalid type: Expected number but received "x"',
        expected: 'number',
        received: '"x"',
      },
    ]);
  });
});

describe('parseWith', () => {
  test('throws a SchemaError with a one-line message', () => {
    try {
      parseWith(Sample, { SessionId: 1 }, 'sample');
      expect.unreachable();
    } catch (error) {
      expect(isSchemaError(error)).toBe(true);
      expect(error).toBeInstanceOf(SchemaError);
      expect((error as SchemaError).message).toBe(
        'Invalid sample: SessionId: Invalid type: Expected string but received 1; Nested: Invalid key: Expected "Nested" but received undefined',
      );
    }
  });
});
