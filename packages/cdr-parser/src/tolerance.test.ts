import { readFileSync } from 'node:fs';
import { ReliedFields } from '@ccc-kit/schemas';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toCallRecord } from './call-record.ts';
import { toChatRecord } from './chat-record.ts';
import { parsePush } from './parse-push.ts';
import type { PushKind } from './push-types.ts';
import { summarize } from './summary.ts';
import { chatAnswered } from './test-utils/fixtures.ts';

type Json = Record<string, unknown>;
const KIND_OF = {
  cdr: 'CdrPush',
  imcdr: 'ImCdrPush',
  record: 'RecordPush',
  voicemail: 'VoicemailPush',
} as const;

describe('the README tolerance table', () => {
  test('lists exactly the relied fields of each push kind', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Tolerance'), readme.indexOf('## Masking'));
    const listed: Record<string, string[]> = {
      CdrPush: [],
      ImCdrPush: [],
      RecordPush: [],
      VoicemailPush: [],
    };
    for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const [fields = '', kinds = ''] = line.split('|').slice(1);
      for (const kind of kinds.split(',').map((k) => k.trim() as PushKind))
        listed[KIND_OF[kind]]?.push(...[...fields.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string));
    }
    for (const [name, relied] of Object.entries(ReliedFields))
      expect(listed[name]?.toSorted(), name).toEqual([...relied].sort());
  });
});

const query = (kind: PushKind) => `?action=${kind}&version=1`;
const SAMPLES: readonly { kind: PushKind; body: Json }[] = [
  { kind: 'cdr', body: JSON.parse(repairedSamples.cdrPushSeed) },
  { kind: 'cdr', body: JSON.parse(repairedSamples.cdrPushLegacy) },
  { kind: 'imcdr', body: chatAnswered as Json },
  { kind: 'record', body: JSON.parse(samples.recordPush) },
  { kind: 'voicemail', body: JSON.parse(samples.voicemailPush) },
];
/** Top-level fields of each sample, relied on or not. */
const fields = SAMPLES.flatMap((sample) =>
  Object.keys(sample.body).map((field) => ({
    ...sample,
    field,
    relied: (ReliedFields[KIND_OF[sample.kind]] as readonly string[]).some(
      (r) => r === field || r.startsWith(`${field}.`),
    ),
  })),
);
/** A value of another JSON type than the sample's own (a number for a string, a string for a list…). */
const wrongFor = (value: unknown) =>
  fc
    .oneof(fc.integer(), fc.string({ minLength: 1 }), fc.boolean(), fc.array(fc.integer(), { minLength: 1 }))
    .filter((w) => typeof w !== typeof value || Array.isArray(w) !== Array.isArray(value))
    // valibot reads a list where an object is expected as an object without keys: not a wrong type.
    .filter((w) => !(Array.isArray(w) && typeof value === 'object' && value !== null));

describe('parsePush on mutated copies of the real samples', () => {
  test('every sample parses without warnings', () => {
    for (const { kind, body } of SAMPLES)
      expect(parsePush({ query: query(kind), body: JSON.stringify(body) })).toMatchObject({
        ok: true,
        warnings: [],
      });
  });

  test('property: a wrong type in a field nothing relies on drops it with one warning; in a relied one, 400', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fields).chain((f) => fc.tuple(fc.constant(f), wrongFor(f.body[f.field]))),
        ([{ kind, body, field, relied }, wrong]) => {
          // EndpointUser takes strings and numbers (the voicemail sample sends a number).
          fc.pre(!(field === 'EndpointUser' && ['number', 'string'].includes(typeof wrong)));
          const result = parsePush({ query: query(kind), body: JSON.stringify({ ...body, [field]: wrong }) });
          if (relied) {
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.error.message).toContain(`: ${field}`);
            return;
          }
          if (!result.ok) expect.fail(`${kind}.${field}: ${result.error.message}`);
          expect(result.warnings).toHaveLength(1);
          expect(result.warnings[0]).toMatch(new RegExp(`^${field}(\\.\\d+)?: .*; dropped$`));
          expect(Object.hasOwn(result.push.payload, field)).toBe(
            ['IVRKeyPressed', 'IVRKeyPressedEx', 'PostIVRKeyPressed'].includes(field),
          );
          // The record and the summary are still built, as the relay will build them.
          if (result.push.kind === 'cdr') summarize(toCallRecord(result.push.payload));
          if (result.push.kind === 'imcdr') summarize(toChatRecord(result.push.payload));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('one warning line per dropped field, outer fields first; the dedupe key is the trimmed SessionId', () => {
    const body = JSON.stringify({
      ...(JSON.parse(repairedSamples.cdrPushSeed) as Json),
      SessionId: '  99a1c8f8-eb3d-4xxx-8401-5f6aa8761232 ',
      TelLocation: { TelNumber: '8'.repeat(70) },
      Uui: ['13812345678'],
    });
    const result = parsePush({ query: query('cdr'), body });
    expect(result).toMatchObject({
      ok: true,
      push: { dedupeKey: 'cdr:99a1c8f8-eb3d-4xxx-8401-5f6aa8761232' },
      warnings: [
        'Uui: expected string, got a list; dropped',
        'TelLocation.TelNumber: TelNumber must be at most 64 characters; got 70; dropped',
      ],
    });
  });

  test('over-long and control-character ids and numbers are refused, naming the field and the rule', () => {
    const seed = JSON.parse(repairedSamples.cdrPushSeed) as Json;
    const refused = (fields: Json) => {
      const result = parsePush({ query: query('cdr'), body: JSON.stringify({ ...seed, ...fields }) });
      return result.ok ? 'accepted' : result.error.message;
    };
    expect(refused({ SessionId: 'x'.repeat(3000) })).toBe(
      'Invalid CDR push: SessionId: SessionId must be at most 128 characters; got 3,000',
    );
    expect(refused({ SessionId: 'a\u0000b' })).toBe(
      'Invalid CDR push: SessionId: SessionId may only contain A-Z a-z 0-9 _ . : -; got U+0000 at position 1',
    );
    expect(refused({ Caller: '1'.repeat(1_000_000) })).toBe(
      'Invalid CDR push: Caller: Caller must be at most 64 characters; got 1,000,000',
    );
    const im = parsePush({
      query: query('imcdr'),
      body: JSON.stringify({ ...chatAnswered, UserId: '9'.repeat(60_000), UserNickName: '9'.repeat(60_000) }),
    });
    expect(im).toMatchObject({
      ok: false,
      error: { message: 'Invalid IM CDR push: UserId: UserId must be at most 64 characters; got 60,000' },
    });
  });
});
