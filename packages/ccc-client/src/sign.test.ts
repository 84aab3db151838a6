import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isCccError } from './errors.ts';
import { buildTc3CanonicalRequest, signTc3, type Tc3SignInput, tc3SignedHost, utcDate } from './sign.ts';
import { anyString } from './test-utils/any-string.ts';

interface Sign3Input {
  method?: string;
  url: string;
  payload: Buffer;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  headers: Record<string, string>;
}
// The official SDK's signer, used only as a test oracle.
const sdkSign: { sign3(input: Sign3Input): string } = createRequire(import.meta.url)(
  'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js',
).default;

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const sha256 = (text: string): string => hash('sha256', text, 'hex');
const signatureOf = (authorization: string): string | undefined =>
  /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1];

// Vector A: the official doc's POST example (body with literal backslash-u escapes).
const vectorA = {
  secretId: SECRET_ID,
  secretKey: SECRET_KEY,
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  action: 'DescribeInstances',
  version: '2017-03-12',
  region: 'ap-guangzhou',
  timestamp: 1551113065,
  contentType: 'application/json; charset=utf-8',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
} satisfies Tc3SignInput;

const vectorC = {
  secretId: SECRET_ID,
  secretKey: SECRET_KEY,
  service: 'ccc',
  host: 'ccc.intl.tencentcloudapi.com',
  action: 'DescribeTelCdr',
  version: '2020-02-10',
  timestamp: 1700000000,
  contentType: 'application/json',
  payload:
    '{"SdkAppId":1400000000,"StartTimeStamp":1700000000,"EndTimeStamp":1700086400,"PageSize":100,"PageNumber":0}',
} satisfies Tc3SignInput;

describe('signTc3', () => {
  describe('official and reference vectors', () => {
    test('vector A (POST, official doc) reproduces exactly', () => {
      expect(vectorA.payload).toHaveLength(86);
      const { canonicalRequest, signedHeaders } = buildTc3CanonicalRequest(vectorA);
      expect(canonicalRequest).toBe(
        'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      );
      expect(signedHeaders).toBe('content-type;host');
      expect(sha256(canonicalRequest)).toBe(
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
      );
      expect(signTc3(vectorA)).toEqual({
        Authorization:
          'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
        'Content-Type': 'application/json; charset=utf-8',
        Host: 'cvm.tencentcloudapi.com',
        'X-TC-Action': 'DescribeInstances',
        'X-TC-Version': '2017-03-12',
        'X-TC-Timestamp': '1551113065',
        'X-TC-Region': 'ap-guangzhou',
      });
    });

    test("vector A' (masked key with seven asterisks) gives the demos' signature", () => {
      const headers = signTc3({ ...vectorA, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' });
      expect(signatureOf(headers.Authorization)).toBe(
        '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
      );
    });

    test('vector B (GET with a query string) reproduces exactly', () => {
      const input = {
        ...vectorA,
        method: 'GET',
        query: 'Limit=10&Offset=0',
        payload: '',
        contentType: 'application/x-www-form-urlencoded',
        timestamp: 1539084154,
      } satisfies Tc3SignInput;
      const { canonicalRequest } = buildTc3CanonicalRequest(input);
      expect(canonicalRequest).toBe(
        'GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );
      expect(sha256(canonicalRequest)).toBe(
        '91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7',
      );
      const headers = signTc3(input);
      expect(headers.Authorization).toContain(
        'Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2018-10-09/cvm/tc3_request',
      );
      expect(signatureOf(headers.Authorization)).toBe(
        '5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474',
      );
    });

    test('vector C (CCC-shaped DescribeTelCdr) reproduces exactly', () => {
      expect(sha256(vectorC.payload)).toBe(
        '6816d228af55829ffa7ecde59b3d11fef3db4949b0719301237142525b11b48c',
      );
      expect(sha256(buildTc3CanonicalRequest(vectorC).canonicalRequest)).toBe(
        'b3bde19d5e50830f3d51c26e0d1fc3ebe474da314e6ac1de4cf0fb354bd7ff90',
      );
      const headers = signTc3(vectorC);
      expect(headers.Authorization).toContain('/2023-11-14/ccc/tc3_request');
      expect(signatureOf(headers.Authorization)).toBe(
        '3199c0023b12bb3d67a647d7ded459fabd6199de223262b94dcb23c5b8eaf1c0',
      );
    });

    test('vector C on 127.0.0.1:8080 signs the host without port but sends it with the port', () => {
      const headers = signTc3({ ...vectorC, host: '127.0.0.1:8080' });
      expect(signatureOf(headers.Authorization)).toBe(
        'cfa8010c7dce75905259f315d0fd9da04c957913f39aa639c2102cbfe2570030',
      );
      expect(headers.Host).toBe('127.0.0.1:8080');
      expect(headers.Authorization).toContain('/2023-11-14/ccc/tc3_request');
    });

    test('vector D (x-tc-action also signed, lower-cased value) reproduces exactly', () => {
      const input = { ...vectorA, signAction: true } satisfies Tc3SignInput;
      const { canonicalRequest, signedHeaders } = buildTc3CanonicalRequest(input);
      expect(signedHeaders).toBe('content-type;host;x-tc-action');
      expect(canonicalRequest).toContain(
        '\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n',
      );
      expect(sha256(canonicalRequest)).toBe(
        '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
      );
      const headers = signTc3(input);
      expect(headers.Authorization).toContain('SignedHeaders=content-type;host;x-tc-action,');
      expect(signatureOf(headers.Authorization)).toBe(
        '644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26',
      );
    });
  });

  describe('headers', () => {
    test('adds X-TC-Token and X-TC-Language only when set, and never signs them', () => {
      const plain = signTc3(vectorC);
      const withAll = signTc3({ ...vectorC, region: 'ap-singapore', token: 'sts-token', language: 'en-US' });
      expect(Object.keys(plain)).not.toContain('X-TC-Token');
      expect(Object.keys(plain)).not.toContain('X-TC-Language');
      expect(Object.keys(plain)).not.toContain('X-TC-Region');
      expect(withAll['X-TC-Token']).toBe('sts-token');
      expect(withAll['X-TC-Language']).toBe('en-US');
      expect(withAll['X-TC-Region']).toBe('ap-singapore');
      expect(withAll.Authorization).toBe(plain.Authorization);
    });

    test('is deterministic for a fixed timestamp and changes with it', () => {
      expect(signTc3(vectorC)).toEqual(signTc3(vectorC));
      expect(signTc3({ ...vectorC, timestamp: 1700000001 }).Authorization).not.toBe(
        signTc3(vectorC).Authorization,
      );
    });

    test('a changed secret key under the same SecretId is never served from the derived-key cache', () => {
      const first = signTc3(vectorC).Authorization;
      const rotated = signTc3({ ...vectorC, secretKey: `${SECRET_KEY}x` }).Authorization;
      expect(rotated).not.toBe(first);
      expect(signTc3({ ...vectorC, secretKey: `${SECRET_KEY.slice(0, -1)}Q` }).Authorization).not.toBe(first);
      expect(signTc3(vectorC).Authorization).toBe(first);
    });

    test('uses the UTC date of the timestamp in the credential scope', () => {
      // 2019-02-25T16:44:25Z is already 2019-02-26 in UTC+8.
      expect(signTc3(vectorA).Authorization).toContain('/2019-02-25/');
      expect(signTc3({ ...vectorA, timestamp: 86_399 }).Authorization).toContain('/1970-01-01/');
      expect(signTc3({ ...vectorA, timestamp: 86_400 }).Authorization).toContain('/1970-01-02/');
    });

    test('rejects a non-integer or negative timestamp without mentioning the key', () => {
      for (const timestamp of [1.5, -1, Number.NaN]) {
        try {
          signTc3({ ...vectorC, timestamp });
          expect.unreachable();
        } catch (error) {
          expect(isCccError(error) && error.code).toBe('ccc_client_invalid_argument');
          expect(String(error)).not.toContain(SECRET_KEY);
        }
      }
    });
  });

  describe('tc3SignedHost', () => {
    test.each([
      ['CCC.Intl.TencentCloudAPI.com', 'ccc.intl.tencentcloudapi.com'],
      ['127.0.0.1:8080', '127.0.0.1'],
      ['[::1]:443', '[::1]'],
      ['[2001:db8::1]', '[2001:db8::1]'],
      ['example.com', 'example.com'],
    ])('%s signs as %s', (host, signed) => {
      expect(tc3SignedHost(host)).toBe(signed);
    });
  });

  test('utcDate matches Date#toISOString for any timestamp up to year 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (timestamp) => {
        expect(utcDate(timestamp)).toBe(new Date(timestamp * 1000).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('cross-check against the official SDK signer (Sign.sign3)', () => {
  const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined });
  const hostname = fc.oneof(
    fc.domain(),
    fc.domain().map((d) => d.toUpperCase()),
    fc.ipV4(),
    fc.constantFrom('[::1]', '[2001:db8::1]', 'localhost', 'ccc.intl.tencentcloudapi.com'),
  );
  const query = fc
    .array(
      fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/)),
      {
        maxLength: 3,
      },
    )
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
  const input = fc.record({
    secretId: fc.stringMatching(/^AKID[A-Za-z0-9]{4,36}$/),
    secretKey: anyString({ minLength: 1, maxLength: 40 }),
    service: fc.constantFrom('ccc', 'cvm', '127', 'localhost'),
    hostname,
    port,
    action: fc.constantFrom(
      'DescribeTelCdr',
      'DescribeSessionDetail',
      'DescribeTelRecordAsr',
      'DescribeTelSession',
    ),
    timestamp: fc.integer({ min: 0, max: 4_102_444_800 }),
    body: fc.oneof(anyString({ maxLength: 300 }), fc.json()),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'multipart/form-data; boundary=x',
    ),
    method: fc.constantFrom('POST' as const, 'GET' as const),
    query,
    region: fc.option(fc.constantFrom('ap-guangzhou', 'ap-singapore'), { nil: undefined }),
    token: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  });

  test('produces the same Authorization as sign3 over 400 random inputs', () => {
    fc.assert(
      fc.property(input, (i) => {
        const host = i.port === undefined ? i.hostname : `${i.hostname}:${i.port}`;
        const isGet = i.method === 'GET';
        const contentType = isGet ? 'application/x-www-form-urlencoded' : i.contentType;
        const payload = isGet ? '' : i.body;
        const ours = signTc3({
          ...i,
          host,
          version: '2020-02-10',
          contentType,
          payload,
          query: isGet ? i.query : '',
        });
        const theirs = sdkSign.sign3({
          method: i.method,
          url: `https://${host}/${isGet && i.query ? `?${i.query}` : ''}`,
          payload: Buffer.from(payload, 'utf8'),
          timestamp: i.timestamp,
          service: i.service,
          secretId: i.secretId,
          secretKey: i.secretKey,
          headers: { 'Content-Type': contentType },
        });
        expect(ours.Authorization).toBe(theirs);
        expect(ours.Host).toBe(host);
        expect(ours['X-TC-Token']).toBe(i.token);
        expect(ours['X-TC-Region']).toBe(i.region);
      }),
      { numRuns: 400 },
    );
  });
});
