import { describe, expect, test } from 'vitest';
import { repairedSamples, samples } from '../fixtures/samples.ts';
import {
  MAX_ID_LENGTH,
  parseCdrPush,
  safeParseCdrPush,
  safeParseImCdrPush,
  safeParseRecordPush,
  safeParseVoicemailPush,
} from '../index.ts';

const seed = JSON.parse(repairedSamples.cdrPushSeed) as Record<string, unknown>;
const cdr = (fields: Record<string, unknown>) => safeParseCdrPush({ ...seed, ...fields });

describe('ids the product keys on', () => {
  test('every SessionId and RecordId of the Tencent samples is accepted', () => {
    // UUIDs, Tencent's own masked UUID (`4xxx`), a 32-hex id, digit-only RecordIds, the `a-b-c-d-e` sample.
    for (const SessionId of [
      '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232',
      'e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55',
      '6bb56a09278740bc80c5dc6dab783eff',
      'a-b-c-d-e',
      'in-transferred',
    ])
      expect(cdr({ SessionId }).ok, SessionId).toBe(true);
    expect(safeParseRecordPush(JSON.parse(samples.recordPush))).toMatchObject({
      ok: true,
      value: { RecordId: '1608130650' },
    });
  });

  test('trimmed; 128 characters of A-Z a-z 0-9 _ . : - at most', () => {
    expect(parseCdrPush({ SessionId: '  s-1  ' }).SessionId).toBe('s-1');
    const longest = 'a'.repeat(MAX_ID_LENGTH);
    expect(cdr({ SessionId: `tenant:${longest.slice(7)}` }).ok).toBe(true);
    expect(cdr({ SessionId: `${longest}b` })).toMatchObject({
      ok: false,
      issues: [{ path: 'SessionId', message: 'SessionId must be at most 128 characters; got 129' }],
    });
    expect(cdr({ SessionId: 'x'.repeat(3000) })).toMatchObject({
      ok: false,
      issues: [{ message: 'SessionId must be at most 128 characters; got 3,000' }],
    });
  });

  test('NUL, other control characters, spaces inside and non-ASCII letters are refused, by code point', () => {
    expect(cdr({ SessionId: 'abc\u0000def' })).toMatchObject({
      ok: false,
      issues: [
        {
          path: 'SessionId',
          message: 'SessionId may only contain A-Z a-z 0-9 _ . : -; got U+0000 at position 3',
        },
      ],
    });
    expect(cdr({ SessionId: 'a b' }).ok).toBe(false);
    expect(cdr({ SessionId: 'sessão' }).ok).toBe(false);
    expect(safeParseRecordPush({ SessionId: 's', RecordId: 'r\u0000x' })).toMatchObject({
      ok: false,
      issues: [{ path: 'RecordId' }],
    });
    expect(safeParseImCdrPush({ SessionId: ' \t ' })).toMatchObject({
      ok: false,
      issues: [{ path: 'SessionId', message: 'SessionId must not be empty' }],
    });
  });
});

describe('numbers', () => {
  test('Caller, Callee and the IM UserId: 64 characters at most, no control characters', () => {
    expect(cdr({ Caller: `0086${'1'.repeat(60)}` }).ok).toBe(true);
    expect(cdr({ Caller: '1'.repeat(1_000_000) })).toMatchObject({
      ok: false,
      issues: [{ path: 'Caller', message: 'Caller must be at most 64 characters; got 1,000,000' }],
    });
    expect(cdr({ Callee: '0086\u0007123' })).toMatchObject({
      ok: false,
      issues: [
        { path: 'Callee', message: 'Callee must not contain control characters; got U+0007 at position 4' },
      ],
    });
    expect(safeParseImCdrPush({ SessionId: 's', UserId: '9'.repeat(65) })).toMatchObject({
      ok: false,
      issues: [{ path: 'UserId' }],
    });
  });

  test('EndpointUser (a number or an agent email) up to 254 characters; a JSON number still becomes its string', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(safeParseRecordPush({ ...JSON.parse(samples.recordPush), EndpointUser: email }).ok).toBe(true);
    expect(
      safeParseVoicemailPush({ ...JSON.parse(samples.voicemailPush), EndpointUser: `${email}x` }),
    ).toMatchObject({ ok: false, issues: [{ path: 'EndpointUser' }] });
    expect(safeParseVoicemailPush(JSON.parse(samples.voicemailPush))).toMatchObject({
      ok: true,
      value: { EndpointUser: '13123456789' },
    });
  });

  test('a number field nothing relies on (TelLocation.TelNumber) is dropped with a warning when over-long', () => {
    const result = cdr({ TelLocation: { TelNumber: '1'.repeat(100), City: 'Anshun' } });
    expect(result).toMatchObject({
      ok: true,
      warnings: ['TelLocation.TelNumber: TelNumber must be at most 64 characters; got 100; dropped'],
      value: { TelLocation: { City: 'Anshun' } },
    });
  });
});
