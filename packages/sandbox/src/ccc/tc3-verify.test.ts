import type { IncomingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CccCredential, type SignedRequest, verifyTc3 } from './tc3-verify.ts';
import { sdkSign } from './test-utils/signed-fetch.ts';

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const credential: CccCredential = { secretId: SECRET_ID, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' };
const find = (id: string): CccCredential | undefined => (id === SECRET_ID ? credential : undefined);

// Official doc vector A (and the reference's vector D, which also signs x-tc-action).
const A_TIME = 1551113065;
const A_BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const authorization = (signedHeaders: string, signature: string, scope = '2019-02-25/cvm'): string =>
  `TC3-HMAC-SHA256 Credential=${SECRET_ID}/${scope}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;
const vectorA = (headers: IncomingHttpHeaders = {}, body = A_BODY): SignedRequest => ({
  method: 'POST',
  query: '',
  body: Buffer.from(body),
  headers: {
    authorization: authorization(
      'content-type;host',
      '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    ),
    'content-type': 'application/json; charset=utf-8',
    host: 'cvm.tencentcloudapi.com',
    'x-tc-action': 'DescribeInstances',
    'x-tc-timestamp': String(A_TIME),
    ...headers,
  },
});
const vectorD = (headers: IncomingHttpHeaders = {}): SignedRequest =>
  vectorA({
    authorization: authorization(
      'content-type;host;x-tc-action',
      '644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26',
    ),
    ...headers,
  });
const codeOf = (outcome: ReturnType<typeof verifyTc3>): string => (outcome.ok ? 'ok' : outcome.code);

describe('verifyTc3', () => {
  describe('accepts', () => {
    test('the official doc vector A', () => {
      expect(verifyTc3(vectorA(), find, A_TIME)).toEqual({ ok: true, secretId: SECRET_ID });
    });

    test('a SignedHeaders list that includes x-tc-action (vector D)', () => {
      expect(codeOf(verifyTc3(vectorD(), find, A_TIME))).toBe('ok');
    });

    test('a Host header with a port when the bare hostname was signed (vector C on 127.0.0.1:8080)', () => {
      const request: SignedRequest = {
        method: 'POST',
        query: '',
        body: Buffer.from(
          '{"SdkAppId":1400000000,"StartTimeStamp":1700000000,"EndTimeStamp":1700086400,"PageSize":100,"PageNumber":0}',
        ),
        headers: {
          authorization: authorization(
            'content-type;host',
            'cfa8010c7dce75905259f315d0fd9da04c957913f39aa639c2102cbfe2570030',
            '2023-11-14/ccc',
          ),
          'content-type': 'application/json',
          host: '127.0.0.1:8080',
          'x-tc-timestamp': '1700000000',
        },
      };
      expect(codeOf(verifyTc3(request, find, 1700000000))).toBe('ok');
    });

    test('timestamps up to five minutes away from the server clock', () => {
      expect(codeOf(verifyTc3(vectorA(), find, A_TIME + 300))).toBe('ok');
      expect(codeOf(verifyTc3(vectorA(), find, A_TIME - 300))).toBe('ok');
    });
  });

  describe('rejects', () => {
    test('a tampered body, content type, or signed action', () => {
      expect(codeOf(verifyTc3(vectorA({}, A_BODY.replace('1', '2')), find, A_TIME))).toBe(
        'AuthFailure.SignatureFailure',
      );
      expect(codeOf(verifyTc3(vectorA({ 'content-type': 'application/json' }), find, A_TIME))).toBe(
        'AuthFailure.SignatureFailure',
      );
      expect(codeOf(verifyTc3(vectorD({ 'x-tc-action': 'RunInstances' }), find, A_TIME))).toBe(
        'AuthFailure.SignatureFailure',
      );
    });

    test('a stale or future timestamp with AuthFailure.SignatureExpire', () => {
      expect(codeOf(verifyTc3(vectorA(), find, A_TIME + 301))).toBe('AuthFailure.SignatureExpire');
      expect(codeOf(verifyTc3(vectorA(), find, A_TIME - 301))).toBe('AuthFailure.SignatureExpire');
    });

    test('an unknown SecretId with AuthFailure.SecretIdNotFound', () => {
      expect(codeOf(verifyTc3(vectorA(), () => undefined, A_TIME))).toBe('AuthFailure.SecretIdNotFound');
    });

    test('a missing or malformed Authorization with AuthFailure.InvalidAuthorization', () => {
      for (const value of [undefined, 'Bearer x', 'TC3-HMAC-SHA256 Credential=a/b, Signature=c']) {
        const request = vectorA();
        const outcome = verifyTc3(
          { ...request, headers: { ...request.headers, authorization: value } },
          find,
          A_TIME,
        );
        expect(codeOf(outcome)).toBe('AuthFailure.InvalidAuthorization');
      }
    });

    test('a SignedHeaders list without host', () => {
      const request = vectorA({ authorization: authorization('content-type', '0'.repeat(64)) });
      expect(codeOf(verifyTc3(request, find, A_TIME))).toBe('AuthFailure.InvalidAuthorization');
    });

    test('a credential date that is not the UTC date of the timestamp', () => {
      const request = vectorA({
        authorization: authorization(
          'content-type;host',
          '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
          '2019-02-26/cvm',
        ),
      });
      expect(codeOf(verifyTc3(request, find, A_TIME))).toBe('AuthFailure.SignatureFailure');
    });

    test('a missing or wrong X-TC-Token when the credential has one', () => {
      const sts = (): CccCredential => ({ ...credential, token: 'sts-token' });
      expect(codeOf(verifyTc3(vectorA(), sts, A_TIME))).toBe('AuthFailure.TokenFailure');
      expect(codeOf(verifyTc3(vectorA({ 'x-tc-token': 'other' }), sts, A_TIME))).toBe(
        'AuthFailure.TokenFailure',
      );
      expect(codeOf(verifyTc3(vectorA({ 'x-tc-token': 'sts-token' }), sts, A_TIME))).toBe('ok');
    });
  });

  test('accepts whatever the official SDK signs and rejects any changed body byte (100 random requests)', () => {
    const input = fc.record({
      // Any bytes, not only UTF-8 text: the signature covers the raw payload (and fast-check's 'binary'
      // string unit took ~3 s to generate 100 bodies, near the test timeout on a loaded machine).
      body: fc.uint8Array({ minLength: 1, maxLength: 200 }),
      host: fc.oneof(fc.domain(), fc.constantFrom('127.0.0.1', 'localhost')),
      port: fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
      service: fc.constantFrom('ccc', '127', 'localhost'),
      timestamp: fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
      flip: fc.nat(),
    });
    fc.assert(
      fc.property(input, ({ body, host, port, service, timestamp, flip }) => {
        const hostHeader = port === undefined ? host : `${host}:${port}`;
        const payload = Buffer.from(body);
        const signature = sdkSign.sign3({
          method: 'POST',
          url: `http://${hostHeader}/`,
          payload,
          timestamp,
          service,
          secretId: SECRET_ID,
          secretKey: credential.secretKey,
          headers: { 'Content-Type': 'application/json' },
        });
        const headers = {
          authorization: signature,
          'content-type': 'application/json',
          host: hostHeader,
          'x-tc-timestamp': String(timestamp),
        };
        const request: SignedRequest = { method: 'POST', query: '', headers, body: payload };
        expect(codeOf(verifyTc3(request, find, timestamp))).toBe('ok');
        const tampered = Buffer.from(payload);
        const at = flip % tampered.length;
        tampered[at] = (tampered[at] ?? 0) ^ 0x01;
        expect(codeOf(verifyTc3({ ...request, body: tampered }, find, timestamp))).toBe(
          'AuthFailure.SignatureFailure',
        );
      }),
      { numRuns: 100 },
    );
  });
});
