import { virtualClock } from '@ccc-kit/sandbox/clock';
import { describe, expect, test } from 'vitest';
import { createCccClient } from './client.ts';
import {
  APP,
  clientFor,
  makeDataset,
  SECRET_ID,
  SECRET_KEY,
  startCcc,
  trackDepartures,
} from './test-utils/ccc-sandbox.ts';

const session = { sessionId: 'c-000' };

/** A client and an emulator sharing one virtual clock from 0; `run` settles calls on it. */
async function onVirtualTime(ratePerAction?: number) {
  const clock = virtualClock();
  const { scheduler } = clock;
  const ccc = await startCcc(makeDataset(1), {
    now: () => clock.fake.now,
    ...(ratePerAction ? { ratePerAction } : {}),
  });
  const wire = trackDepartures(clock);
  const client = (options: Parameters<typeof clientFor>[1] = {}) =>
    clientFor(ccc, { scheduler, fetch: wire.fetch, retry: false, ...options });
  const sentAt = (action: string) => wire.departures.filter((d) => d.action === action).map((d) => d.at);
  return { ccc, scheduler, wire, client, run: clock.run, sentAt };
}

/** `count` send times `spacingMs` apart from 0. */
const every = (spacingMs: number, count: number) => Array.from({ length: count }, (_, i) => i * spacingMs);

describe('per-action rate limit (virtual clock)', () => {
  // Retries are off: a request the emulator refused would fail its call instead of being retried unseen.

  test('100 calls at once leave exactly 25 ms apart at 40/s; the emulator, limited to 40/s too, refuses none', async () => {
    const { ccc, client, run, sentAt } = await onVirtualTime(40);
    try {
      const limited = client({ rateLimit: { perSecond: 40 } });
      const answers = await run(
        Promise.all(Array.from({ length: 100 }, () => limited.describeTelSession(session))),
      );
      expect(answers).toHaveLength(100);
      expect(sentAt('DescribeTelSession')).toEqual(every(25, 100));
      // The clock stands still while a request is out, so each one arrives at the instant it left.
      expect(ccc.requests().map((r) => r.time)).toEqual(every(25, 100));
      expect(ccc.counters().byOutcome).toEqual({ ok: 100 });
    } finally {
      await ccc.stop();
    }
  });

  test('defaults to 16 per second per action, and actions do not share a budget', async () => {
    const { ccc, client, run, sentAt } = await onVirtualTime();
    try {
      const paced = client();
      await run(
        Promise.all([
          ...Array.from({ length: 17 }, () => paced.describeTelSession(session)),
          ...Array.from({ length: 16 }, () => paced.describeTelRecordAsr(session)),
        ]),
      );
      // 1000 / 16 = 62.5 ms after each send, on a whole-millisecond timer: 63 ms apart. The 17th call of one
      // action waits for the next second; the other action's 16 are not queued behind them.
      expect(sentAt('DescribeTelSession')).toEqual(every(63, 17));
      expect(sentAt('DescribeTelRecordAsr')).toEqual(every(63, 16));
      // Tencent's 20/s per action is never reached, so nothing is refused.
      expect(ccc.counters().byOutcome).toEqual({ ok: 33 });
    } finally {
      await ccc.stop();
    }
  });

  test('rateLimit: false sends a burst unthrottled (the emulator then refuses the 21st)', async () => {
    const { ccc, client, run, sentAt } = await onVirtualTime();
    try {
      const unlimited = client({ rateLimit: false });
      const results = await run(
        Promise.allSettled(Array.from({ length: 21 }, () => unlimited.describeTelSession(session))),
      );
      expect(sentAt('DescribeTelSession')).toEqual(Array(21).fill(0));
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(ccc.counters().byOutcome).toEqual({ ok: 20, RequestLimitExceeded: 1 });
    } finally {
      await ccc.stop();
    }
  });

  test('a slot whose request never left (credentials failure) is released for the next call', async () => {
    const { ccc, scheduler, wire, run, sentAt } = await onVirtualTime();
    try {
      let calls = 0;
      const flaky = createCccClient({
        sdkAppId: APP,
        endpoint: ccc.url,
        scheduler,
        fetch: wire.fetch,
        rateLimit: { perSecond: 1 },
        credentials: () => {
          calls += 1;
          if (calls === 1) throw new Error('not yet');
          return { secretId: SECRET_ID, secretKey: SECRET_KEY };
        },
      });
      await expect(run(flaky.describeTelSession(session))).rejects.toMatchObject({
        code: 'ccc_client_credentials_error',
      });
      await expect(run(flaky.describeTelSession(session))).resolves.toMatchObject({ Session: {} });
      // Sent at once: the first call's slot was given back, not counted as a send a second ago.
      expect(sentAt('DescribeTelSession')).toEqual([0]);
      expect(ccc.counters().byOutcome).toEqual({ ok: 1 });
    } finally {
      await ccc.stop();
    }
  });
});

describe('per-action rate limit (real time)', () => {
  test('smoke: a burst over the emulator’s 20/s, on real timers and real HTTP, is paced so none is refused', async () => {
    const ccc = await startCcc(makeDataset(1));
    try {
      const client = createCccClient({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        sdkAppId: APP,
        endpoint: ccc.url,
        retry: false,
      });
      const answers = await Promise.all(Array.from({ length: 25 }, () => client.describeTelSession(session)));
      expect(answers).toHaveLength(25);
      expect(ccc.counters().byOutcome).toEqual({ ok: 25 });
    } finally {
      await ccc.stop();
    }
  });
});
