import fc from 'fast-check';

/** A request the push endpoint must refuse. `label` names the generator (shown on failure). */
export interface HostileRequest {
  readonly label: string;
  /** Query string without `?` (default `action=cdr&version=1`). */
  readonly query: string;
  /** `null` sends no Content-Type header. */
  readonly contentType: string | null;
  readonly body: Uint8Array;
}

const JSON_TYPES = ['application/json;charset=utf8', 'application/json', 'application/json; charset=utf-8'];
const WRONG_TYPES = [
  'text/plain',
  'text/html; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
  'image/png',
  'application/jsonp',
  'json',
];
const KINDS = ['cdr', 'imcdr', 'record', 'voicemail'];
export const CDR_QUERY = 'action=cdr&version=1';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const jsonType: fc.Arbitrary<string | null> = fc.constantFrom(...JSON_TYPES);
const anyType: fc.Arbitrary<string | null> = fc.oneof(
  jsonType,
  fc.constantFrom(...WRONG_TYPES),
  fc.constant(null),
);
const request = (
  label: string,
  body: fc.Arbitrary<Uint8Array>,
  type: fc.Arbitrary<string | null> = jsonType,
  query: fc.Arbitrary<string> = fc.constant(CDR_QUERY),
): fc.Arbitrary<HostileRequest> => fc.record({ label: fc.constant(label), query, contentType: type, body });

/** A CDR body the schema accepts (only `SessionId` is required), with extra fields. */
export const validCdrText = (sessionId: string, extra = ''): string =>
  `{"SessionId":${JSON.stringify(sessionId)},"Caller":"008613800138000","Callee":"008640000000","Direction":0,` +
  `"EndStatusString":"ok","StartTimestamp":1700000000,"EndedTimestamp":1700000100${extra}}`;

const HUGE_NUMBERS = [
  '1e999',
  '-1e999',
  '1e308',
  '-1e308',
  '123456789012345678901234567890',
  '-0',
  '1e-400',
  '9007199254740993',
];
/** Numeric fields with absurd values, and a SessionId that is a number or missing: invalid. */
const hugeNumbers = request(
  'huge numbers',
  fc
    .record({
      numbers: fc.array(
        fc.tuple(
          fc.constantFrom('Duration', 'EndedTimestamp', 'SdkAppId', 'IVRDuration'),
          fc.constantFrom(...HUGE_NUMBERS),
        ),
        { maxLength: 4 },
      ),
      session: fc.option(fc.constantFrom(...HUGE_NUMBERS), { nil: undefined }),
    })
    .map(({ numbers, session }) => {
      const fields = [
        ...numbers.map(([k, n]) => `"${k}":${n}`),
        ...(session ? [`"SessionId":${session}`] : []),
      ];
      return utf8(`{${fields.join(',')}}`);
    }),
);

/** Arrays or objects nested past the parser's 32 levels, bare or under a valid CDR. */
const deepNesting = request(
  'deep nesting',
  fc
    .record({ depth: fc.integer({ min: 33, max: 150_000 }), objects: fc.boolean(), wrapped: fc.boolean() })
    .map(({ depth, objects, wrapped }) => {
      const deep = objects
        ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        : `${'['.repeat(depth)}${']'.repeat(depth)}`;
      return utf8(wrapped ? validCdrText('deep', `,"Extra":${deep}`) : deep);
    }),
);

/** Strings of up to a little over 1 MiB (the default body limit) in fields, without a SessionId. */
const bigStrings = request(
  '1 MiB strings',
  fc
    .record({
      chars: fc.integer({ min: 256 * 1024, max: 1024 * 1024 + 4096 }),
      char: fc.constantFrom('a', 'é', '😀', '\\u0000', '\\"'),
      field: fc.constantFrom('Caller', 'UserRemark', 'EndStatusString', 'Uui'),
    })
    .map(({ chars, char, field }) => {
      const unit = Buffer.byteLength(char);
      return utf8(`{"${field}":"${char.repeat(Math.max(1, Math.floor(chars / unit)))}"}`);
    }),
);

/** Required fields present only on a prototype: a parser that reads through `__proto__` would accept them. */
const protoPollution = request(
  'prototype pollution',
  fc
    .record({
      shape: fc.constantFrom(
        '{"__proto__":{"SessionId":"polluted"}}',
        '{"constructor":{"prototype":{"SessionId":"polluted"}}}',
        '{"__proto__":{"__proto__":{"SessionId":"polluted"}},"Caller":"1"}',
        '{"prototype":{"SessionId":"polluted"},"__proto__":null}',
        '{"SeatUser":{"__proto__":{"isAdmin":true}},"__proto__":{"SessionId":"x","toString":1}}',
      ),
      extra: fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 3 },
      ),
    })
    .map(({ shape, extra }) => {
      const extras = Object.entries(extra).map(
        ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v ?? null)}`,
      );
      return utf8(extras.length ? `${shape.slice(0, -1)},${extras.join(',')}}` : shape);
    }),
);

const INVALID_UTF8 = [
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xff],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
];
/** A valid CDR whose bytes break UTF-8 inside a string. */
const invalidUtf8 = request(
  'invalid UTF-8',
  fc.record({ bad: fc.constantFrom(...INVALID_UTF8), at: fc.nat() }).map(({ bad, at }) => {
    const text = Buffer.from(validCdrText('utf8-session'), 'utf8');
    const inside = text.indexOf('"Caller":"') + 10 + (at % 8);
    return Buffer.concat([text.subarray(0, inside), Buffer.from(bad), text.subarray(inside)]);
  }),
);

/** A valid CDR sent with a content type that is not JSON. */
const wrongContentType = request(
  'wrong content type',
  fc.uuid().map((id) => utf8(validCdrText(`wrong-type-${id}`))),
  fc.constantFrom(...WRONG_TYPES),
);

/** JSON that is not a CDR object (arrays, scalars, objects without a string SessionId). */
const jsonJunk = request(
  'JSON junk',
  fc
    .jsonValue({ maxDepth: 4 })
    .filter(
      (v) =>
        !(
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          typeof (v as Record<string, unknown>).SessionId === 'string'
        ),
    )
    .map((v) => utf8(JSON.stringify(v) ?? 'null')),
  anyType,
);

const randomBytes = request('random bytes', fc.uint8Array({ maxLength: 4096 }), anyType);

/** Every hostile body class, equally likely. */
export const hostileBody: fc.Arbitrary<HostileRequest> = fc.oneof(
  randomBytes,
  jsonJunk,
  hugeNumbers,
  deepNesting,
  bigStrings,
  protoPollution,
  invalidUtf8,
  wrongContentType,
);

/** True when a query string names a push action the webhook accepts (what Tencent sends). */
const namesAction = (query: string): boolean => {
  const params = new URLSearchParams(query);
  const action = params.get('action')?.trim().toLowerCase() ?? '';
  const version = params.get('version')?.trim();
  return KINDS.includes(action) && (version === undefined || version === '1');
};

const QUERY_CHARS = [
  '&',
  '=',
  '%',
  '+',
  '?',
  '#'.replace('#', '%23'),
  'a',
  'c',
  'd',
  'r',
  'action',
  'version',
  'cdr',
  '1',
  '2',
  '%00',
  '%ZZ',
  '%E2%82',
  '%C3%A9',
  'token',
  '__proto__',
  '[]',
  '%26action%3Dcdr',
];
/** Query strings that never name a valid action: junk, unknown actions, wrong versions, bad escapes, long ones. */
export const hostileQuery: fc.Arbitrary<HostileRequest> = fc
  .oneof(
    fc.array(fc.constantFrom(...QUERY_CHARS), { maxLength: 40 }).map((parts) => parts.join('')),
    fc.constantFrom(
      'action=cdr&version=2',
      'action=CDR%00',
      'action=cdr%20x',
      'action[]=cdr',
      'Action=cdr',
      'action=%ZZ',
      'action=record&version=0',
      'version=1',
      '',
    ),
    fc.integer({ min: 1_000, max: 12_000 }).map((n) => `action=${'x'.repeat(n)}`),
    fc.webQueryParameters(),
  )
  .filter((query) => !namesAction(query))
  .chain((query) =>
    request(
      'hostile query',
      fc.uuid().map((id) => utf8(validCdrText(`query-${id}`))),
      jsonType,
      fc.constant(query),
    ),
  );

/** Schema-valid CDRs carrying hostile values the webhook may store: they must never cause a 5xx or stop the relay. */
export const extremeValidCdr: fc.Arbitrary<HostileRequest> = fc
  .record({
    id: fc.uuid(),
    numbers: fc.array(
      fc.tuple(
        fc.constantFrom('Duration', 'EndedTimestamp', 'StartTimestamp', 'AcceptTimestamp', 'Direction'),
        fc.constantFrom(...HUGE_NUMBERS),
      ),
      { maxLength: 3 },
    ),
    proto: fc.boolean(),
    longField: fc.option(fc.integer({ min: 1_000, max: 200_000 }), { nil: undefined }),
  })
  .map(({ id, numbers, proto, longField }) => {
    const extras = [
      ...numbers.map(([k, n]) => `"${k}":${n}`),
      ...(proto ? ['"__proto__":{"SessionId":"other","isAdmin":true}'] : []),
      ...(longField ? [`"UserRemark":"${'r'.repeat(longField)}"`] : []),
    ];
    const body = `{"SessionId":"extreme-${id}"${extras.map((e) => `,${e}`).join('')}}`;
    return {
      label: 'extreme valid CDR',
      query: CDR_QUERY,
      contentType: JSON_TYPES[0] as string,
      body: utf8(body),
    };
  });
