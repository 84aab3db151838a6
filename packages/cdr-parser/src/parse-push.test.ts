import { createHash } from 'node:crypto';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { isCdrParserError } from './errors.ts';
import { parsePush } from './parse-push.ts';
import type { ParsePushOptions, PushParseError, PushRequest } from './push-types.ts';

const CDR = '?action=cdr&version=1';
const bytes = (...b: number[]) => Uint8Array.from(b);

/** The error of a refused push (fails the test when the push is accepted). */
function refusal(request: Partial<PushRequest>, options?: ParsePushOptions): PushParseError {
  const result = parsePush({ query: CDR, body: '', ...request }, options);
  if (result.ok) throw new Error(`expected a refusal, got ${result.push.dedupeKey}`);
  expect(result.error.message).not.toMatch(/[\n\r]/);
  return result.error;
}

describe('parsePush: bad input (each refused with a precise code, never thrown)', () => {
  test('invalid JSON: the current doc sample (missing comma) points at the line', () => {
    expect(refusal({ body: samples.cdrPushSeed })).toEqual({
      code: 'invalid_json',
      message: expect.stringMatching(/^Body is not valid JSON: .* at line 10, column 1 \(near `.*Zhang San/),
      issues: [],
    });
  });

  test('invalid JSON: the legacy doc sample with SdkAppId 1400xxx214', () => {
    expect(refusal({ body: samples.cdrPushLegacy }).message).toMatch(
      /^Body is not valid JSON: .* at line 2, column 20 \(near `kAppId":1400xxx214,/,
    );
  });

  test('invalid JSON: truncated body, trailing garbage', () => {
    expect(refusal({ body: '{"SessionId":' })).toMatchObject({
      code: 'invalid_json',
      message: 'Body is not valid JSON: Unexpected end of JSON input',
    });
    expect(refusal({ body: '{"SessionId":"s"}}' }).message).toBe(
      'Body is not valid JSON: Unexpected non-whitespace character after JSON at line 1, column 18 (near `sionId":"s"}}`)',
    );
  });

  test('invalid JSON never echoes a phone number, whatever V8 quotes or where the excerpt starts', () => {
    for (const body of [
      '{"Caller":13812345678x}',
      '{"Caller":"13812345678" 1}',
      '{"a":x,"b":"13812345678"}',
    ]) {
      const { message } = refusal({ body });
      expect(message).toMatch(/^Body is not valid JSON: /);
      expect(message).not.toMatch(/\d{5}/);
    }
  });

  test('empty body (text, whitespace, bytes)', () => {
    for (const body of ['', ' \r\n\t', bytes()])
      expect(refusal({ body })).toEqual({
        code: 'invalid_json',
        message: 'Body is empty; expected a JSON object',
        issues: [],
      });
  });

  test.each([
    ['[]', 'an array'],
    ['[{"SessionId":"s"}]', 'an array'],
    ['"SessionId"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
  ])('JSON %s instead of an object', (body, got) => {
    expect(refusal({ body })).toEqual({
      code: 'invalid_payload',
      message: `Invalid CDR push: the body is ${got}, not a JSON object`,
      issues: [
        {
          path: '',
          message: `Expected a JSON object but received ${got}`,
          expected: 'Object',
          received: got,
        },
      ],
    });
  });

  test('unknown or missing action', () => {
    expect(refusal({ query: '?action=hangup&version=1' })).toEqual({
      code: 'unknown_action',
      message: 'Unknown action "hangup"; expected one of cdr, imcdr, record, voicemail',
      issues: [],
    });
    expect(refusal({ query: '?version=1' }).message).toBe(
      'Missing "action" query parameter; the push URL must end in ?action=<cdr|imcdr|record|voicemail>',
    );
    expect(refusal({ query: { action: '' } }).code).toBe('unknown_action');
  });

  test('unsupported version', () => {
    expect(refusal({ query: '?action=cdr&version=2', body: '{"SessionId":"s"}' })).toEqual({
      code: 'unsupported_version',
      message: 'Unsupported version "2" for action=cdr; this parser understands version=1',
      issues: [],
    });
  });

  test('missing SessionId', () => {
    expect(refusal({ body: '{"Caller":"008613812345678"}' })).toEqual({
      code: 'invalid_payload',
      message: 'Invalid CDR push: SessionId: Invalid key: Expected "SessionId" but received undefined',
      issues: [expect.objectContaining({ path: 'SessionId', expected: '"SessionId"' })],
    });
    expect(refusal({ body: '{"SessionId":""}' }).message).toBe(
      'Invalid CDR push: SessionId: SessionId must not be empty',
    );
  });

  test('wrong types, with paths; long numbers masked in messages and issues', () => {
    const error = refusal({
      body: '{"SessionId":"s","StartTimestamp":"1607702199","Caller":13812345678,"ServeParticipants":[{"Sequence":"1"}]}',
    });
    expect(error.code).toBe('invalid_payload');
    expect(error.issues.map((i) => i.path)).toEqual([
      'Caller',
      'StartTimestamp',
      'ServeParticipants.0.Sequence',
    ]);
    expect(error.message).toBe(
      'Invalid CDR push: Caller: Invalid type: Expected string but received 138****5678; ' +
        'StartTimestamp: Invalid type: Expected number but received "160***2199"; ' +
        'ServeParticipants.0.Sequence: Invalid type: Expected number but received "1"',
    );
    expect(JSON.stringify(error)).not.toContain('13812345678');
  });

  test('10 MB body: refused by size before decoding or parsing (text and bytes)', () => {
    const big = `{"SessionId":"s","x":"${'a'.repeat(10 * 1024 * 1024)}"`; // also invalid JSON: size wins
    expect(refusal({ body: big })).toEqual({
      code: 'body_too_large',
      message: `Body is ${big.length} bytes, over the 1048576-byte limit; raise maxBodyBytes if such pushes are legitimate`,
      issues: [],
    });
    expect(refusal({ body: new Uint8Array(10 * 1024 * 1024) }).code).toBe('body_too_large');
  });

  test('the size limit counts UTF-8 bytes and is an option', () => {
    const body = JSON.stringify({ SessionId: 's', Remark: '你'.repeat(400) }); // 429 characters
    expect(Buffer.byteLength(body)).toBe(1229);
    expect(refusal({ body }, { maxBodyBytes: 1000 }).message).toMatch(
      /^Body is 1229 bytes, over the 1000-byte limit/,
    );
    expect(parsePush({ query: CDR, body }, { maxBodyBytes: 2000 }).ok).toBe(true);
  });

  test('deeply nested JSON (100 000 levels) is refused without a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusal({ body: `{"SessionId":"s","x":${deep}}` })).toMatchObject({
      code: 'invalid_payload',
      message: 'Invalid CDR push: x.0.0.0.0.0.0.0.…: Nested deeper than 32 levels',
      issues: [{ path: 'x.0.0.0.0.0.0.0.…', message: 'Nested deeper than 32 levels' }],
    });
    expect(refusal({ body: deep }).message).toBe('Invalid CDR push: the body is an array, not a JSON object');
    const ok = `{"SessionId":"s","x":${'['.repeat(30)}${']'.repeat(30)}}`;
    expect(parsePush({ query: CDR, body: ok }).ok).toBe(true);
    expect(refusal({ body: ok }, { maxDepth: 8 }).code).toBe('invalid_payload');
  });

  test('duplicate keys: the last one wins, as JSON.parse does', () => {
    const result = parsePush({ query: CDR, body: repairedSamples.cdrPushLegacy });
    expect(result.ok && result.push.kind === 'cdr' && result.push.payload.Duration).toBe(0);
    const twice = parsePush({ query: CDR, body: '{"SessionId":"first","SessionId":"second"}' });
    expect(twice.ok && [twice.push.sessionId, twice.push.dedupeKey]).toEqual(['second', 'cdr:second']);
  });

  test.each([
    ['a lone continuation byte', bytes(0x7b, 0x80, 0x7d), '0x80 at offset 1'],
    ['an invalid lead byte', bytes(0x7b, 0x22, 0xff, 0x22, 0x7d), '0xff at offset 2'],
    ['an overlong encoding', bytes(0x7b, 0xc0, 0x80, 0x7d), '0xc0 at offset 1'],
    ['a UTF-16 surrogate', bytes(0x7b, 0xed, 0xa0, 0x80, 0x7d), '0xed at offset 1'],
    ['a truncated sequence', bytes(0x7b, 0x7d, 0xe4, 0xbd), '0xe4 at offset 2'],
  ])('non-UTF-8 bytes: %s', (_, body, where) => {
    expect(refusal({ body })).toEqual({
      code: 'invalid_json',
      message: `Body is not valid UTF-8 (byte ${where}); pushes must be UTF-8 JSON`,
      issues: [],
    });
  });

  test('no request, no body, or a body of the wrong type: a result, not an exception', () => {
    expect(parsePush(undefined as unknown as PushRequest).ok).toBe(false);
    expect(refusal({ body: undefined as unknown as string }).code).toBe('invalid_json');
    expect(refusal({ body: 42 as unknown as string }).message).toBe(
      'Body must be text or bytes; got nothing readable',
    );
  });
});

describe('parsePush: accepted pushes', () => {
  test('each kind with its dedupe key and session id', () => {
    const cases = [
      ['cdr', repairedSamples.cdrPushSeed, 'cdr:99a1c8f8-eb3d-4xxx-8401-5f6aa8761232'],
      ['imcdr', '{"SessionId":"chat-1","EndStatusString":"ok"}', 'imcdr:chat-1'],
      ['record', samples.recordPush, 'record:e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55:1608130650'],
    ] as const;
    for (const [action, body, dedupeKey] of cases) {
      const result = parsePush({ query: `?action=${action}&version=1`, body });
      expect(result).toMatchObject({ ok: true, push: { kind: action, dedupeKey, pushId: null } });
    }
  });

  test('voicemail: no version needed; key hashes the RecordURL; numeric EndpointUser kept as text', () => {
    const result = parsePush({ query: '?action=voicemail', body: samples.voicemailPush });
    if (!result.ok || result.push.kind !== 'voicemail') throw new Error('expected a voicemail push');
    const url = result.push.payload.RecordURL;
    const hash = createHash('sha256').update(url).digest('hex').slice(0, 16);
    expect(result.push.dedupeKey).toBe(`voicemail:e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55:${hash}`);
    expect(result.push.payload.EndpointUser).toBe('13123456789');
  });

  test('X-TCCC-PUSH-UUID from Headers, Node-style records (any case, arrays); blank means absent', () => {
    const body = '{"SessionId":"s"}';
    const pushId = (headers: PushRequest['headers']) => {
      const result = parsePush({ query: CDR, headers, body });
      return result.ok ? result.push.pushId : 'refused';
    };
    expect(pushId(new Headers({ 'X-TCCC-PUSH-UUID': 'u-1' }))).toBe('u-1');
    expect(pushId({ 'x-tccc-push-uuid': 'u-2' })).toBe('u-2');
    expect(pushId({ 'X-Tccc-Push-Uuid': ['u-3', 'u-4'] })).toBe('u-3');
    expect(pushId({ 'x-tccc-push-uuid': '  ' })).toBeNull();
    expect(pushId(undefined)).toBeNull();
  });

  test('query as URLSearchParams, record, full URL string; action is case-insensitive', () => {
    const body = '{"SessionId":"s"}';
    for (const query of [
      new URLSearchParams('action=cdr&version=1'),
      { action: ['cdr'], version: '1' },
      '/tccc/push?token=x&action=CDR&version=1',
      'action=cdr',
    ])
      expect(parsePush({ query, body })).toMatchObject({ ok: true, push: { kind: 'cdr' } });
  });

  test('bytes (Buffer, ArrayBuffer) with or without a BOM; receivedAt is copied only when given', () => {
    const text = '\uFEFF{"SessionId":"s"}';
    const receivedAt = new Date('2026-01-01T00:00:00Z');
    const buffer = Buffer.from(text);
    const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    for (const body of [text, buffer, arrayBuffer]) {
      const result = parsePush({ query: CDR, body }, { receivedAt });
      expect(result).toMatchObject({ ok: true, push: { sessionId: 's', receivedAt } });
    }
    const plain = parsePush({ query: CDR, body: buffer });
    expect(plain.ok && 'receivedAt' in plain.push).toBe(false);
  });

  test('out-of-range options are programming errors and throw', () => {
    for (const options of [{ maxBodyBytes: 0 }, { maxBodyBytes: 1.5 }, { maxDepth: 0 }, { maxDepth: 5000 }]) {
      try {
        parsePush({ query: CDR, body: '{}' }, options);
        expect.unreachable();
      } catch (error) {
        expect(isCdrParserError(error) && error.code).toBe('cdr_parser_invalid_option');
      }
    }
  });
});
