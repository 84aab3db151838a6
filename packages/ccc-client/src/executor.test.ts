import type { CccEmulator } from '@ccc-kit/sandbox/ccc';
import { virtualClock } from '@ccc-kit/sandbox/clock';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  APP,
  captureLogs,
  clientFor,
  type LogCapture,
  makeDataset,
  outcomes,
  startCcc,
  trackDepartures,
} from './test-utils/ccc-sandbox.ts';
import type { CccClientBaseOptions } from './types.ts';

let ccc: CccEmulator;
/** The emulator's clock: real unless a test puts it on its virtual clock. */
let serverNow: () => number = Date.now;
beforeAll(async () => {
  ccc = await startCcc(makeDataset(3), { now: () => serverNow() });
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
  serverNow = Date.now;
});

const session = { sessionId: 'c-000' };
const ACTION = 'DescribeTelSession';
/** The README's default policy; with `random` fixed at 0.5, retry n waits 0.75 × min(5000, 300 × 2^(n−1)). */
const DEFAULT_RETRY = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 5_000 };
const FIRST_RETRY_MS = 225;
const SECOND_RETRY_MS = 450;
/** Default pacing: 1000 / 16 = 62.5 ms after a send, on a whole-millisecond timer. */
const SPACING_MS = 63;

/**
 * A client whose rate limiter and backoff run on a virtual clock from 0, jitter fixed at 0.5. The emulator
 * follows the same clock (signatures are then timed by it too) unless `server` is `'real'`.
 */
function onVirtualTime(options: Partial<CccClientBaseOptions> = {}, server: 'virtual' | 'real' = 'virtual') {
  const clock = virtualClock();
  if (server === 'virtual') serverNow = () => clock.fake.now;
  const wire = trackDepartures(clock);
  const client = clientFor(ccc, {
    scheduler: clock.scheduler,
    fetch: wire.fetch,
    random: () => 0.5,
    retry: DEFAULT_RETRY,
    ...options,
  });
  const sentAt = () => wire.departures.map((d) => d.at);
  return { client, run: clock.run, sentAt };
}

const retryLines = (logger: LogCapture) => logger.lines.filter((l) => l.message === 'ccc retry');

describe('retries (virtual clock: exact backoff)', () => {
  describe('retried, then succeeding', () => {
    test.each([
      ['HTTP 502', { kind: 'status', status: 502 }, 'http_502', 'ccc_client_http_error'],
      ['HTTP 500', { kind: 'status', status: 500 }, 'http_500', 'ccc_client_http_error'],
      ['a connection reset', { kind: 'reset' }, 'reset', 'ccc_client_network_error'],
      [
        'RequestLimitExceeded in a 200 body',
        { kind: 'api-error', code: 'RequestLimitExceeded' },
        'RequestLimitExceeded',
        'RequestLimitExceeded',
      ],
      [
        'RequestLimitExceeded.UinLimitExceeded',
        { kind: 'api-error', code: 'RequestLimitExceeded.UinLimitExceeded' },
        'RequestLimitExceeded.UinLimitExceeded',
        'RequestLimitExceeded.UinLimitExceeded',
      ],
    ] as const)(
      '%s: retried once, after exactly the computed backoff',
      async (_name, fault, outcome, code) => {
        ccc.faults.inject(ACTION, fault);
        const logger = captureLogs();
        const { client, run, sentAt } = onVirtualTime({ logger });
        expect((await run(client.describeTelSession(session))).Session.SessionID).toBe('c-000');
        expect(outcomes(ccc)).toEqual([outcome, 'ok']);
        expect(sentAt()).toEqual([0, FIRST_RETRY_MS]);
        expect(retryLines(logger)).toEqual([
          {
            level: 'warn',
            message: 'ccc retry',
            fields: { action: ACTION, attempt: 1, code, delayMs: FIRST_RETRY_MS },
          },
        ]);
      },
    );

    test('AuthFailure.SignatureExpire from a skewed clock: re-signed at once (through the limiter) with the server time, then learnt', async () => {
      const logger = captureLogs();
      // Signing follows `now` (10 min fast), not the scheduler; the emulator and its Date header are real.
      const { client, run, sentAt } = onVirtualTime(
        { now: () => Date.now() + 10 * 60_000, retry: false, logger },
        'real',
      );
      expect((await run(client.describeTelSession(session))).Session.SessionID).toBe('c-000');
      expect(outcomes(ccc)).toEqual(['AuthFailure.SignatureExpire', 'ok']);
      await run(client.describeTelSession(session));
      expect(outcomes(ccc)).toEqual(['AuthFailure.SignatureExpire', 'ok', 'ok']);
      expect(sentAt()).toEqual([0, SPACING_MS, 2 * SPACING_MS]);
      expect(
        logger.lines.some((l) => l.message.includes('signature expired') && l.fields.clockAdjusted === true),
      ).toBe(true);
    });

    test('each attempt is signed with a fresh timestamp', async () => {
      ccc.faults.inject(ACTION, { kind: 'status', status: 503 });
      let clock = Date.now();
      const { client, run, sentAt } = onVirtualTime({ now: () => (clock += 2_000) }, 'real');
      await run(client.describeTelSession(session));
      // Two attempts verified against the emulator's real clock with timestamps 2 s apart: both within 5 min.
      expect(outcomes(ccc)).toEqual(['http_503', 'ok']);
      expect(sentAt()).toEqual([0, FIRST_RETRY_MS]);
    });
  });

  describe('giving up', () => {
    test('after maxAttempts, with the last error marked retryable', async () => {
      ccc.faults.inject(ACTION, { kind: 'status', status: 502 }, 5);
      const { client, run, sentAt } = onVirtualTime();
      const error = await run(client.describeTelSession(session)).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'ccc_client_http_error',
        status: 502,
        retryable: true,
        attempts: 3,
      });
      expect(outcomes(ccc)).toEqual(['http_502', 'http_502', 'http_502']);
      expect(sentAt()).toEqual([0, FIRST_RETRY_MS, FIRST_RETRY_MS + SECOND_RETRY_MS]);
    });

    test('SignatureExpire is retried only once, outside the retry budget', async () => {
      ccc.faults.inject(ACTION, { kind: 'api-error', code: 'AuthFailure.SignatureExpire' }, 3);
      const { client, run, sentAt } = onVirtualTime();
      const error = await run(client.describeTelSession(session)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AuthFailure.SignatureExpire', attempts: 2 });
      expect(outcomes(ccc)).toHaveLength(2);
      expect(sentAt()).toEqual([0, SPACING_MS]); // no backoff, only the rate limit's spacing
    });

    test('call() with idempotent: false does not retry a 502 but does retry RequestLimitExceeded', async () => {
      const { client, run, sentAt } = onVirtualTime();
      const params = { SdkAppId: APP, SessionId: 'c-000' };
      ccc.faults.inject(ACTION, { kind: 'status', status: 502 });
      await expect(run(client.call(ACTION, params, { idempotent: false }))).rejects.toMatchObject({
        code: 'ccc_client_http_error',
        attempts: 1,
        retryable: false,
      });
      ccc.faults.inject(ACTION, { kind: 'api-error', code: 'RequestLimitExceeded' });
      await expect(run(client.call(ACTION, params, { idempotent: false }))).resolves.toMatchObject({
        Session: {},
      });
      expect(outcomes(ccc)).toEqual(['http_502', 'RequestLimitExceeded', 'ok']);
      expect(sentAt()).toEqual([0, SPACING_MS, SPACING_MS + FIRST_RETRY_MS]);
    });
  });
});

describe('the signing clock', () => {
  test('with a scheduler and no `now`, requests are signed on the scheduler’s clock', async () => {
    // The virtual clock reads 1970: the real-time emulator refuses that signature, then its clock is learnt.
    const { client, run } = onVirtualTime({}, 'real');
    await run(client.describeTelSession(session));
    expect(outcomes(ccc)).toEqual(['AuthFailure.SignatureExpire', 'ok']);
  });

  test('an explicit `now` still signs when a scheduler is given', async () => {
    const { client, run } = onVirtualTime({ now: Date.now }, 'real');
    await run(client.describeTelSession(session));
    expect(outcomes(ccc)).toEqual(['ok']);
  });
});

describe('retries and failures that do not wait (real timers)', () => {
  test('a timeout (the answer is slower than timeoutMs) is retried', async () => {
    // The per-attempt timeout is ky's, on real timers. Wide margins: the retry must finish within timeoutMs
    // even on a loaded CI machine.
    ccc.faults.inject(ACTION, { kind: 'latency', ms: 1500 });
    expect((await clientFor(ccc, { timeoutMs: 600 }).describeTelSession(session)).Session.SessionID).toBe(
      'c-000',
    );
    // The slow request is logged when the emulator finally answers it.
    await vi.waitFor(() => expect(ccc.requests()).toHaveLength(2));
    expect(outcomes(ccc)).toEqual(['ok', 'ok']);
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

  test('call() treats actions not named Describe* as non-idempotent by default', async () => {
    ccc.faults.inject('CreateThing', { kind: 'status', status: 502 });
    await expect(clientFor(ccc).call('CreateThing', { SdkAppId: APP })).rejects.toMatchObject({
      attempts: 1,
    });
    expect(outcomes(ccc)).toEqual(['http_502']);
  });
});
