import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { repairedSamples, samples } from '../fixtures/samples.ts';
import {
  CdrPush,
  ImCdrPush,
  RecordPush,
  ReliedFields,
  safeParseCdrPush,
  safeParseImCdrPush,
  safeParseRecordPush,
  safeParseTolerant,
  safeParseVoicemailPush,
  VoicemailPush,
} from '../index.ts';

type Json = Record<string, unknown>;
type SchemaNode = {
  kind?: string;
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
  pipe?: SchemaNode[];
};

/** Every field path a schema declares, array elements as `*` (`ServeParticipants.*.Phone`). */
function fieldsOf(node: SchemaNode, prefix: readonly string[] = []): string[] {
  if (node.pipe)
    return [...new Set(node.pipe.flatMap((n) => (n.kind === 'schema' ? fieldsOf(n, prefix) : [])))];
  if (node.wrapped) return fieldsOf(node.wrapped, prefix);
  if (node.item) return fieldsOf(node.item, [...prefix, '*']);
  return Object.entries(node.entries ?? {}).flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [path.join('.'), ...fieldsOf(child, path)];
  });
}

/** A copy of `value` with `leaf` at `path`; `*` is element 0, missing containers are created. */
function setAt(value: unknown, path: readonly string[], leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (head === '*') {
    const list = Array.isArray(value) ? value.slice() : [];
    list[0] = setAt(list[0] ?? {}, rest, leaf);
    return list;
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
  return { ...object, [head]: setAt(object[head], rest, leaf) };
}

/** A copy of `value` without the field at `path` (`*` = element 0). */
function dropAt(value: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === '*' && Array.isArray(value)) return [dropAt(value[0], rest), ...value.slice(1)];
  const { [head as string]: inner, ...others } = value as Json;
  return rest.length === 0 ? others : { ...others, [head as string]: dropAt(inner, rest) };
}

/** The field itself, a field holding relied ones (`SeatUser`), or one inside a relied field. */
const isRelied = (field: string, relied: readonly string[]): boolean =>
  relied.some((r) => r === field || r.startsWith(`${field}.`) || field.startsWith(`${r}.`));

// The real Tencent samples (fixtures) and, for IM CDR pushes, which have none, one with every documented
// field (tencent-api.md §3.7) and the values of the Desk samples of the same session.
const imcdrSample: Json = {
  SdkAppId: 1400264214,
  SessionId: 'b0f4ca12-4850-4218-a284-efe679a87066',
  StartTimestamp: 1730939000,
  QueuedTimestamp: 1730939010,
  RingTimestamp: 1730939012,
  AcceptTimestamp: 1730939020,
  EndedTimestamp: 1730939300,
  QueuedSkillGroupId: 3067,
  QueuedSkillGroupName: 'Online customer service',
  Duration: 280,
  IVRDuration: 10,
  EndStatusString: 'ok',
  UserId: '1299314544',
  UserNickName: 'Shannong',
  IVRKeyPressed: ['1'],
  SeatUser: { Mail: 'shannon@qq.com', Name: 'Shannon', UserId: 'shannon@qq.com', SkillGroupNameList: ['a'] },
  UserRemark: '',
  ClientData: '',
};
const KINDS = [
  { name: 'CdrPush', schema: CdrPush, relied: ReliedFields.CdrPush, sample: repairedSamples.cdrPushSeed },
  { name: 'CdrPush', schema: CdrPush, relied: ReliedFields.CdrPush, sample: repairedSamples.cdrPushLegacy },
  {
    name: 'ImCdrPush',
    schema: ImCdrPush,
    relied: ReliedFields.ImCdrPush,
    sample: JSON.stringify(imcdrSample),
  },
  { name: 'RecordPush', schema: RecordPush, relied: ReliedFields.RecordPush, sample: samples.recordPush },
  {
    name: 'VoicemailPush',
    schema: VoicemailPush,
    relied: ReliedFields.VoicemailPush,
    sample: samples.voicemailPush,
  },
] as const;
const cases = KINDS.flatMap((kind) =>
  fieldsOf(kind.schema as unknown as SchemaNode).map((field) => ({ ...kind, field })),
);

/** Wrong JSON values, in the order tried: the first the strict schema refuses at the field is used. */
const WRONG = [42, 'x', true, ['x'], { x: 1 }, 'x'.repeat(300)];
const strictlyRefused = (schema: v.GenericSchema, input: unknown, field: string): boolean => {
  const result = v.safeParse(schema, input);
  const at = field.replaceAll('*', '0');
  return !result.success && result.issues.some((i) => (v.getDotPath(i) ?? '').startsWith(at));
};

function expectTolerance(c: (typeof cases)[number], wrong: unknown): void {
  const path = c.field.split('.');
  const base = setAt(JSON.parse(c.sample), path, undefined);
  const mutated = setAt(base, path, wrong);
  const result = safeParseTolerant(c.schema, mutated, c.relied);
  if (isRelied(c.field, c.relied)) {
    expect(result.ok, `${c.name}.${c.field} = ${JSON.stringify(wrong)} must be refused`).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path.startsWith(c.field.replaceAll('*', '0'))).toBe(true);
    return;
  }
  if (!result.ok) expect.fail(`${c.name}.${c.field}: ${JSON.stringify(result.issues)}`);
  expect(result.warnings).toEqual([
    expect.stringMatching(new RegExp(`^${c.field.replaceAll('*', '0')}: .*dropped$`)),
  ]);
  expect(result.value).toEqual(v.parse(c.schema, dropAt(base, path)));
}

describe('tolerance of the push schemas, on the real samples', () => {
  test('every sample parses without warnings', () => {
    for (const c of KINDS)
      expect(safeParseTolerant(c.schema, JSON.parse(c.sample), c.relied)).toMatchObject({
        ok: true,
        warnings: [],
      });
  });

  test('every relied field names a field the schema declares', () => {
    for (const [name, relied] of Object.entries(ReliedFields)) {
      const declared = fieldsOf((KINDS.find((k) => k.name === name)?.schema ?? {}) as unknown as SchemaNode);
      for (const field of relied) expect(declared, `${name}.${field}`).toContain(field);
    }
  });

  test.each(cases.map((c) => [`${c.name}.${c.field}`, c] as const))(
    '%s: a wrong value is dropped with one warning, or refused when relied on',
    (_, c) => {
      const wrong = WRONG.find((w) =>
        strictlyRefused(c.schema, setAt(JSON.parse(c.sample), c.field.split('.'), w), c.field),
      );
      expect(wrong, 'no wrong value found').not.toBeUndefined();
      expectTolerance(c, wrong);
    },
  );

  test('property: any wrong-typed value in any field of any sample', () => {
    const wrongValue = fc.oneof(
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...cases), wrongValue, (c, wrong) => {
        fc.pre(strictlyRefused(c.schema, setAt(JSON.parse(c.sample), c.field.split('.'), wrong), c.field));
        expectTolerance(c, wrong);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the push parse helpers are tolerant', () => {
  const seed = JSON.parse(repairedSamples.cdrPushSeed) as Json;

  test('a display field of the wrong type is dropped and named once; the input is not modified', () => {
    const input = { ...seed, UserRemark: 7605, IVRKeyPressed: '1' };
    const result = safeParseCdrPush(input);
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        'IVRKeyPressed: expected Array, got a string; dropped',
        'UserRemark: expected string, got a number; dropped',
      ],
    });
    if (result.ok) expect([result.value.UserRemark, result.value.IVRKeyPressed]).toEqual([undefined, []]);
    expect(input.UserRemark).toBe(7605);
  });

  test('elements of a list: the whole list goes, with one warning naming the first bad element', () => {
    const result = safeParseImCdrPush({ ...imcdrSample, IVRKeyPressed: ['1', 2, 3] });
    expect(result).toMatchObject({
      ok: true,
      warnings: ['IVRKeyPressed: expected string at IVRKeyPressed.1, got a number; dropped'],
      value: { IVRKeyPressed: [] },
    });
  });

  test('a field routing or the summary reads refuses the push, naming it', () => {
    expect(safeParseCdrPush({ ...seed, UserRemark: 1, Caller: 8613812345678 })).toMatchObject({
      ok: false,
      issues: [{ path: 'Caller', message: 'Invalid type: Expected string but received 8613812345678' }],
    });
    expect(safeParseRecordPush({ ...JSON.parse(samples.recordPush), Timestamp: '1608130650' }).ok).toBe(
      false,
    );
    expect(safeParseVoicemailPush({ ...JSON.parse(samples.voicemailPush), SdkAppId: 'x' })).toMatchObject({
      ok: true,
      warnings: ['SdkAppId: expected number, got a string; dropped'],
    });
  });
});
