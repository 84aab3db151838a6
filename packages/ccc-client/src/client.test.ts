import { inspect } from 'node:util';
import { listen, sendJson } from '@ccc-kit/sandbox';
import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createCccClient } from './client.ts';
import { isCccError } from './errors.ts';
import {
  APP,
  captureLogs,
  clientAt,
  clientFor,
  DAY,
  makeCall,
  makeDataset,
  outcomes,
  SECRET_ID,
  SECRET_KEY,
  startCcc,
} from './test-utils/ccc-sandbox.ts';

const now = Math.floor(Date.now() / 1000);
const base = makeDataset(5, now);
// One call whose DescribeTelSession answer breaks the schema (SessionID must be a string).
const broken = makeCall('broken', now - 7200);
const dataset = {
  ...base,
  calls: [
    ...base.calls,
    { ...broken, telSession: { ...broken.telSession, SessionID: 123 as unknown as string } },
  ],
};
let ccc: CccEmulator;
const sts = { secretId: 'AKIDsts0001', secretKey: 'sts-secret-0001', token: 'sts-token-0001' };

beforeAll(async () => {
  ccc = await startCcc(dataset, { credentials: [sts] });
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
});

const window = { startTimestamp: now - DAY, endTimestamp: now };

describe('createCccClient', () => {
  describe('typed methods return the validated Response without the envelope', () => {
    test('describeSessionDetail', async () => {
      const detail = await clientFor(ccc).describeSessionDetail({ sessionId: 'c-001', ...window });
      expect(detail).toMatchObject({ Caller: '008613800000000', RequestId: expect.any(String) });
      expect(detail).not.toHaveProperty('Response');
    });

    test('describeTelCdr with Date inputs and filters', async () => {
      const page = await clientFor(ccc).describeTelCdr({
        startTimestamp: new Date((now - DAY) * 1000),
        endTimestamp: new Date(now * 1000),
        sessionIds: ['c-002', 'c-003'],
      });
      expect(page.TotalCount).toBe(2);
      expect(page.TelCdrList.map((r) => r.SessionId)).toEqual(['c-002', 'c-003']);
    });

    test('describeTelRecordAsr and describeTelSession', async () => {
      const client = clientFor(ccc);
      expect((await client.describeTelRecordAsr({ sessionId: 'c-000' })).AsrDataList).toEqual([
        expect.objectContaining({ Message: 'Hello' }),
      ]);
      expect((await client.describeTelSession({ sessionId: 'c-000' })).Session.SessionID).toBe('c-000');
    });

    test('call() signs any other action the same way (untyped result)', async () => {
      const result = await clientFor(ccc).call('DescribeTelSession', { SdkAppId: APP, SessionId: 'c-004' });
      expect(result).toMatchObject({ Session: { SessionID: 'c-004' }, RequestId: expect.any(String) });
    });

    test('Tencent errors become CccError with code, requestId and action, without retry', async () => {
      const error = await clientFor(ccc)
        .describeTelSession({ sessionId: 'nope' })
        .catch((e: unknown) => e);
      expect(isCccError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'FailedOperation.SessionNotExists',
        action: 'DescribeTelSession',
        requestId: ccc.requests()[0]?.requestId,
        retryable: false,
        attempts: 1,
      });
      expect(outcomes(ccc)).toEqual(['FailedOperation.SessionNotExists']);
    });
  });

  describe('invalid responses', () => {
    test('a body that breaks the schema raises ccc_client_invalid_response naming the path', async () => {
      const error = await clientFor(ccc)
        .describeTelSession({ sessionId: 'broken' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'ccc_client_invalid_response',
        retryable: false,
        attempts: undefined,
      });
      expect((error as Error).message).toContain(
        'Response.Session.SessionID: Invalid type: Expected string but received 123',
      );
      expect(outcomes(ccc)).toEqual(['ok']);
    });
  });

  describe('transport-level garbage', () => {
    test.each([
      ['a non-JSON 200 body', 'text', 'the response body is not JSON'],
      ['JSON without the envelope', { ok: true }, 'Response: Invalid key'],
      [
        'an Error without a Message',
        { Response: { RequestId: 'r', Error: { Code: 'X' } } },
        'Response.Error.Message',
      ],
    ])('%s is ccc_client_invalid_response', async (_name, body, message) => {
      const server = await listen((_req, res) => {
        if (typeof body === 'string') res.end('<html>oops</html>');
        else sendJson(res, 200, body);
      });
      try {
        const client = clientAt(server.url);
        const error = await client.describeTelSession({ sessionId: 'c-000' }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'ccc_client_invalid_response', attempts: 1 });
        expect((error as Error).message).toContain(message);
      } finally {
        await server.close();
      }
    });
  });

  test('describeSessionDetail checks its window before sending anything', async () => {
    const client = clientFor(ccc);
    await expect(
      client.describeSessionDetail({
        sessionId: 'c-001',
        startTimestamp: now - 200 * DAY,
        endTimestamp: now - 150 * DAY,
      }),
    ).rejects.toMatchObject({
      code: 'ccc_client_invalid_window',
      message: expect.stringContaining('180 days'),
    });
    await expect(client.describeTelSession({ sessionId: '' })).rejects.toMatchObject({
      code: 'ccc_client_invalid_argument',
    });
    expect(ccc.requests()).toEqual([]);
  });

  describe('credentials', () => {
    test('a provider is asked per attempt, so rotated STS credentials (with token) are used', async () => {
      let calls = 0;
      const client = createCccClient({
        sdkAppId: APP,
        endpoint: ccc.url,
        credentials: async () => (++calls === 1 ? { secretId: SECRET_ID, secretKey: SECRET_KEY } : sts),
      });
      await client.describeTelSession({ sessionId: 'c-000' });
      await client.describeTelSession({ sessionId: 'c-000' });
      expect(ccc.requests().map((r) => [r.secretId, r.outcome])).toEqual([
        [SECRET_ID, 'ok'],
        [sts.secretId, 'ok'],
      ]);
    });

    test('a failing provider is ccc_client_credentials_error and sends nothing', async () => {
      const client = createCccClient({
        sdkAppId: APP,
        endpoint: ccc.url,
        credentials: () => Promise.reject(new Error('vault down')),
      });
      await expect(client.describeTelSession({ sessionId: 'c-000' })).rejects.toMatchObject({
        code: 'ccc_client_credentials_error',
      });
      expect(ccc.requests()).toEqual([]);
    });

    test('invalid options are rejected at creation', () => {
      expect(() => createCccClient({ secretId: '', secretKey: 'x', sdkAppId: APP })).toThrow(/secretId/);
      expect(() =>
        createCccClient({ secretId: 'a', secretKey: 'b', sdkAppId: APP, endpoint: 'https://x.test/v3' }),
      ).toThrow(/origin/);
      expect(() => createCccClient({ secretId: 'a', secretKey: 'b', sdkAppId: 1.5 })).toThrow(/sdkAppId/);
      expect(() =>
        createCccClient({
          secretId: 'a',
          secretKey: 'b',
          sdkAppId: APP,
          scheduler: { now: Date.now } as never,
        }),
      ).toThrow(/scheduler must have now, setTimeout and clearTimeout/);
    });
  });

  test('the secret key never appears in errors, causes or log lines', async () => {
    const logger = captureLogs();
    // Wide margins: only the injected latency may time out, even on a loaded CI machine.
    const client = clientFor(ccc, { logger, timeoutMs: 600 });
    ccc.faults.inject('DescribeTelSession', { kind: 'reset' });
    ccc.faults.inject('DescribeTelSession', { kind: 'latency', ms: 1500 });
    ccc.faults.inject('DescribeTelSession', { kind: 'status', status: 502 });
    const failures: unknown[] = [];
    failures.push(await client.describeTelSession({ sessionId: 'c-000' }).catch((e: unknown) => e));
    ccc.faults.inject('DescribeTelSession', { kind: 'latency', ms: 1500 });
    const once = clientFor(ccc, { logger, timeoutMs: 600, retry: false });
    failures.push(await once.describeTelSession({ sessionId: 'c-000' }).catch((e: unknown) => e));
    failures.push(await client.describeTelSession({ sessionId: 'nope' }).catch((e: unknown) => e));
    failures.push(await client.describeTelSession({ sessionId: 'broken' }).catch((e: unknown) => e));
    const wrongKey = createCccClient({
      secretId: SECRET_ID,
      secretKey: `${SECRET_KEY}-wrong`,
      sdkAppId: APP,
      endpoint: ccc.url,
      logger,
    });
    failures.push(await wrongKey.describeTelSession({ sessionId: 'c-000' }).catch((e: unknown) => e));
    expect(failures.map((f) => (f as { code?: string }).code)).toEqual([
      'ccc_client_http_error',
      'ccc_client_timeout',
      'FailedOperation.SessionNotExists',
      'ccc_client_invalid_response',
      'AuthFailure.SignatureFailure',
    ]);
    expect(logger.lines.length).toBeGreaterThan(4);
    const everything = [
      ...failures.map((f) => inspect(f, { depth: 10, showHidden: true })),
      JSON.stringify(logger.lines),
    ].join('\n');
    expect(everything).not.toContain(SECRET_KEY);
  });
});
