import type { CccEmulator } from '@ccc-kit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { backoff } from './executor.ts';
import { APP, captureLogs, clientFor, makeDataset, outcomes, startCcc } from './test-utils/ccc-sandbox.ts';

let ccc: CccEmulator;
beforeAll(async () => {
  ccc = await startCcc(makeDataset(3));
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
});

const session = { sessionId: 'c-000' };
const ACTION = 'DescribeTelSession';

describe('retries', () => {
  describe('retried, then succeeding', () => {
    test.each([
      ['HTTP 502', { kind: 'status', status: 502 }, 'http_502'],
      ['HTTP 500', { kind: 'status', status: 500 }, 'http_500'],
      ['a connection reset', { kind: 'reset' }, 'reset'],
      [
        'RequestLimitExceeded in a 200 body',
        { kind: 'api-error', code: 'RequestLimitExceeded' },
        'RequestLimitExceeded',
      ],
      [
        'RequestLimitExceeded.UinLimitExceeded',
        { kind: 'api-error', code: 'RequestLimitExceeded.UinLimitExceeded' },
        'RequestLimitExceeded.UinLimitExceeded',
      ],
    ] as const)('%s', async (_name, fault, outcome) => {
      ccc.faults.inject(ACTION, fault);
      const logger = captureLogs();
      expect((await clientFor(ccc, { logger }).describeTelSession(session)).Session.SessionID).toBe('c-000');
      expect(outcomes(ccc)).toEqual([outcome, 'ok']);
      expect(logger.lines.filter((l) => l.message === 'ccc retry')).toEqual([
        {
          level: 'warn',
          message: 'ccc retry',
          fields: expect.objectContaining({ action: ACTION, attempt: 1 }),
        },
      ]);
    });

    test('a timeout (the answer is slower than timeoutMs)', async () => {
      // Wide margins: the retry must finish within timeoutMs even on a loaded CI machine.
      ccc.faults.inject(ACTION, { kind: 'latency', ms: 1500 });
      expect((await clientFor(ccc, { timeoutMs: 600 }).describeTelSession(session)).Session.SessionID).toBe(
        'c-000',
      );
      // The slow request is logged when the emulator finally answers it.
      await vi.waitFor(() => expect(ccc.requests()).toHaveLength(2));
      expect(outcomes(ccc)).toEqual(['ok', 'ok']);
    });

    test('AuthFailure.SignatureExpire from a skewed clock: re-signed once with the server time, then learnt', async () => {
      const logger = captureLogs();
      const client = clientFor(ccc, { now: () => Date.now() + 10 * 60_000, retry: false, logger });
      expect((await client.describeTelSession(session)).Session.SessionID).toBe('c-000');
      expect(outcomes(ccc)).toEqual(['AuthFailure.SignatureExpire', 'ok']);
      await client.describeTelSession(session);
      expect(outcomes(ccc)).toEqual(['AuthFailure.SignatureExpire', 'ok', 'ok']);
      expect(
        logger.lines.some((l) => l.message.includes('signature expired') && l.fields.clockAdjusted === true),
      ).toBe(true);
    });

    test('each attempt is signed with a fresh timestamp', async () => {
      ccc.faults.inject(ACTION, { kind: 'status', status: 503 });
      let clock = Date.now();
      const client = clientFor(ccc, { now: () => (clock += 2_000) });
      await client.describeTelSession(session);
      // Two attempts verified against the emulator's real clock with timestamps 2 s apart: both within 5 min.
      expect(outcomes(ccc)).toEqual(['http_503', 'ok']);
    });
  });

  describe('giving up', () => {
    test('after maxAttempts, with the last error marked retryable', async () => {
      ccc.faults.inject(ACTION, { kind: 'status', status: 502 }, 5);
      const error = await clientFor(ccc)
        .describeTelSession(session)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'ccc_client_http_error',
        status: 502,
        retryable: true,
        attempts: 3,
      });
      expect(outcomes(ccc)).toEqual(['http_502', 'http_502', 'http_502']);
    });

    test('SignatureExpire is retried only once, outside the retry budget', async () => {
      ccc.faults.inject(ACTION, { kind: 'api-error', code: 'AuthFailure.SignatureExpire' }, 3);
      const error = await clientFor(ccc)
        .describeTelSession(session)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AuthFailure.SignatureExpire', attempts: 2 });
      expect(outcomes(ccc)).toHaveLength(2);
    });

    test.each([
      ['InternalError', { kind: 'api-error', code: 'InternalError' }, 'InternalError'],
      [
        'AuthFailure.SignatureFailure',
        { kind: 'api-error', code: 'AuthFailure.SignatureFailure' },
        'AuthFailure.SignatureFailure',
      ],
      ['HTTP 404', { kind: 'status', status: 404 }, 'ccc_client_http_error'],
      ['HTTP 429', { kind: 'status', status: 429 }, 'ccc_client_http_error'],
    ] as const)('%s fails at once (one request)', async (_name, fault, code) => {
      ccc.faults.inject(ACTION, fault, 5);
      await expect(clientFor(ccc).describeTelSession(session)).rejects.toMatchObject({
        code,
        retryable: false,
        attempts: 1,
      });
      expect(ccc.requests()).toHaveLength(1);
    });

    test('a documented error such as InvalidParameterValue fails at once', async () => {
      const start = Math.floor(Date.now() / 1000) - 3600;
      const client = clientFor(ccc);
      // The emulator checks SdkAppId: a client configured with another application gets the Tencent error.
      const other = clientFor(ccc, { sdkAppId: APP + 1 });
      await expect(
        other.describeTelCdr({ startTimestamp: start, endTimestamp: start + 60 }),
      ).rejects.toMatchObject({
        code: 'InvalidParameterValue.InstanceNotExist',
        attempts: 1,
      });
      expect(ccc.requests()).toHaveLength(1);
      await client.describeTelCdr({ startTimestamp: start, endTimestamp: start + 60 });
    });

    test('call() with idempotent: false does not retry a 502 but does retry RequestLimitExceeded', async () => {
      const client = clientFor(ccc);
      const params = { SdkAppId: APP, SessionId: 'c-000' };
      ccc.faults.inject(ACTION, { kind: 'status', status: 502 });
      await expect(client.call(ACTION, params, { idempotent: false })).rejects.toMatchObject({
        code: 'ccc_client_http_error',
        attempts: 1,
        retryable: false,
      });
      ccc.faults.inject(ACTION, { kind: 'api-error', code: 'RequestLimitExceeded' });
      await expect(client.call(ACTION, params, { idempotent: false })).resolves.toMatchObject({
        Session: {},
      });
      expect(outcomes(ccc)).toEqual(['http_502', 'RequestLimitExceeded', 'ok']);
    });

    test('call() treats actions not named Describe* as non-idempotent by default', async () => {
      ccc.faults.inject('CreateThing', { kind: 'status', status: 502 });
      await expect(clientFor(ccc).call('CreateThing', { SdkAppId: APP })).rejects.toMatchObject({
        attempts: 1,
      });
      expect(outcomes(ccc)).toEqual(['http_502']);
    });
  });
});

describe('backoff', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  test('doubles per retry, capped, with the jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoff(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoff(policy, n, () => 0.999_999))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});
