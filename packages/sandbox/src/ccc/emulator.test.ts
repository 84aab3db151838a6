import { Agent } from 'node:http';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { isSandboxError } from '../errors.ts';
import { type CccEmulator, startCccEmulator } from './emulator.ts';
import { makeDataset, TEST_SDK_APP_ID } from './test-utils/calls.ts';
import { createSignedCaller } from './test-utils/signed-fetch.ts';
import { type SignedCall, startTestEmulator, TEST_CREDENTIALS } from './test-utils/test-emulator.ts';

const credentials = TEST_CREDENTIALS;
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
let clock = T0;
let ccc: CccEmulator;
let call: SignedCall;
const session = (id = 's-000') => ({ SdkAppId: TEST_SDK_APP_ID, SessionId: id });

beforeAll(async () => {
  ({ ccc, call } = await startTestEmulator({
    dataset: makeDataset(5, T0 / 1000 - 3600),
    now: () => clock,
    ratePerAction: 20,
  }));
});
afterAll(() => ccc.stop());
beforeEach(() => {
  clock = T0;
  ccc.reset();
  ccc.faults.clear();
});

describe('startCccEmulator', () => {
  describe('authentication', () => {
    test('accepts the official SDK client pointed at 127.0.0.1:<port> (service "127", host without port)', async () => {
      const real = await startCccEmulator({
        dataset: makeDataset(1, Math.floor(Date.now() / 1000) - 600),
        credentials: [credentials],
        sdkAppId: TEST_SDK_APP_ID,
      });
      try {
        const client = new CommonClient('ccc.intl.tencentcloudapi.com', '2020-02-10', {
          credential: credentials,
          region: 'ap-singapore',
          // `agent` also keeps the SDK away from any http_proxy of the environment.
          profile: {
            httpProfile: {
              endpoint: real.url.slice('http://'.length),
              protocol: 'http://',
              agent: new Agent(),
            },
          },
        });
        const answer = await client.request('DescribeTelSession', session());
        expect(answer.Session).toMatchObject({ SessionID: 's-000', SessionStatus: 'finished' });
        expect(real.requests()).toMatchObject([
          { action: 'DescribeTelSession', outcome: 'ok', secretId: credentials.secretId },
        ]);
      } finally {
        await real.stop();
      }
    });

    test('answers API errors with HTTP 200 and the Tencent envelope', async () => {
      const answer = await call('DescribeTelSession', session(), {
        sentBody: JSON.stringify(session('s-001')),
      });
      expect(answer.status).toBe(200);
      expect(answer.response).toEqual({
        Error: {
          Code: 'AuthFailure.SignatureFailure',
          Message:
            'The provided credentials could not be validated. Please ensure your signature is correct.',
        },
        RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    });

    test('rejects a header changed after signing', async () => {
      const answer = await call('DescribeTelSession', session(), {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      expect(answer.response.Error?.Code).toBe('AuthFailure.SignatureFailure');
    });

    test('rejects a timestamp more than five minutes old', async () => {
      const answer = await call('DescribeTelSession', session(), { timestamp: T0 / 1000 - 301 });
      expect(answer.response.Error?.Code).toBe('AuthFailure.SignatureExpire');
    });

    test('rejects an unknown SecretId', async () => {
      const answer = await call('DescribeTelSession', session(), { secretId: 'AKIDunknown' });
      expect(answer.response.Error?.Code).toBe('AuthFailure.SecretIdNotFound');
    });

    test('rejects the right SecretId with the wrong key', async () => {
      const answer = await call('DescribeTelSession', session(), { secretKey: 'not-the-key' });
      expect(answer.response.Error?.Code).toBe('AuthFailure.SignatureFailure');
    });
  });

  describe('request checks', () => {
    test.each([
      ['an unknown action', 'DescribeNothing', {}, 'InvalidAction'],
      ['a wrong version', 'DescribeTelSession', { 'X-TC-Version': '2017-03-12' }, 'NoSuchVersion'],
    ])('%s', async (_name, action, headers, code) => {
      const answer = await call(action, session(), { headers });
      expect(answer.response.Error?.Code).toBe(code);
    });

    test('a body that is not JSON is InvalidParameter', async () => {
      expect((await call('DescribeTelSession', '{"SdkAppId":')).response.Error?.Code).toBe(
        'InvalidParameter',
      );
    });

    test('another path is a 404', async () => {
      expect((await fetch(`${ccc.url}/v2`, { method: 'POST' })).status).toBe(404);
    });
  });

  describe('rate limit', () => {
    test('the 21st request of one action within a second is RequestLimitExceeded; other actions are unaffected', async () => {
      const answers = await Promise.all(
        Array.from({ length: 21 }, () => call('DescribeTelSession', session())),
      );
      const codes = answers.map((a) => a.response.Error?.Code ?? 'ok');
      expect(codes.filter((c) => c === 'ok')).toHaveLength(20);
      expect(codes.filter((c) => c === 'RequestLimitExceeded')).toHaveLength(1);
      expect((await call('DescribeTelRecordAsr', session())).response.Error).toBeUndefined();
      expect(ccc.counters().byOutcome).toEqual({ ok: 21, RequestLimitExceeded: 1 });
      clock = T0 + 1000;
      expect((await call('DescribeTelSession', session())).response.Error).toBeUndefined();
    });

    test('ratePerAction is configurable', async () => {
      const slow = await startCccEmulator({
        dataset: makeDataset(1, T0 / 1000 - 60),
        credentials: [credentials],
        sdkAppId: TEST_SDK_APP_ID,
        now: () => T0,
        ratePerAction: 2,
      });
      try {
        const slowCall = createSignedCaller(slow.url, credentials, () => T0);
        const codes = [];
        for (let i = 0; i < 3; i++)
          codes.push((await slowCall('DescribeTelSession', session())).response.Error?.Code);
        expect(codes).toEqual([undefined, undefined, 'RequestLimitExceeded']);
      } finally {
        await slow.stop();
      }
    });
  });

  describe('faults', () => {
    test('status: answers the HTTP status and logs it', async () => {
      ccc.faults.inject('DescribeTelSession', { kind: 'status', status: 502 });
      const res = await fetch(`${ccc.url}/`, {
        method: 'POST',
        headers: { 'X-TC-Action': 'DescribeTelSession' },
      });
      expect(res.status).toBe(502);
      expect((await call('DescribeTelSession', session())).status).toBe(200);
      expect(ccc.requests().map((r) => r.outcome)).toEqual(['http_502', 'ok']);
    });

    test('reset: destroys the connection', async () => {
      ccc.faults.inject('DescribeTelSession', { kind: 'reset' });
      await expect(call('DescribeTelSession', session())).rejects.toThrow();
      expect(ccc.requests()).toMatchObject([{ action: 'DescribeTelSession', outcome: 'reset', status: 0 }]);
    });

    test('accepted-lost: the action runs, then the connection is reset', async () => {
      ccc.faults.inject('DescribeTelSession', { kind: 'accepted-lost', mode: 'reset' });
      await expect(call('DescribeTelSession', session())).rejects.toThrow();
      expect(ccc.requests()).toMatchObject([{ action: 'DescribeTelSession', outcome: 'ok', status: 0 }]);
    });

    test('api-error: answers in the Tencent envelope, with a default message', async () => {
      ccc.faults.inject('DescribeTelSession', { kind: 'api-error', code: 'InternalError' });
      ccc.faults.inject('*', { kind: 'api-error', code: 'RequestLimitExceeded', message: 'slow down' });
      expect((await call('DescribeTelSession', session())).response.Error).toEqual({
        Code: 'InternalError',
        Message: 'An internal error occurred.',
      });
      expect((await call('DescribeTelCdr', {})).response.Error).toEqual({
        Code: 'RequestLimitExceeded',
        Message: 'slow down',
      });
      expect(ccc.counters()).toMatchObject({
        total: 2,
        byOutcome: { InternalError: 1, RequestLimitExceeded: 1 },
      });
    });

    test('latency: answers normally after the delay', async () => {
      ccc.faults.inject('DescribeTelSession', { kind: 'latency', ms: 50 });
      expect((await call('DescribeTelSession', session())).response.Session).toMatchObject({
        SessionID: 's-000',
      });
    });
  });

  test('logs action, time, outcome, RequestId and SecretId of every request', async () => {
    const first = await call('DescribeTelSession', session());
    clock += 5;
    await call('DescribeTelSession', session('nope'));
    expect(ccc.requests()).toEqual([
      {
        action: 'DescribeTelSession',
        time: T0,
        outcome: 'ok',
        status: 200,
        requestId: first.response.RequestId,
        secretId: credentials.secretId,
      },
      expect.objectContaining({ time: T0 + 5, outcome: 'FailedOperation.SessionNotExists' }),
    ]);
  });

  test('rejects invalid options', async () => {
    const options = { dataset: makeDataset(0, 0), sdkAppId: 1, credentials: [] };
    await expect(startCccEmulator(options)).rejects.toSatisfy(isSandboxError);
  });
});
