import { describe, expect, test } from 'vitest';
import { createCccClient } from './client.ts';
import { APP, clientFor, makeDataset, SECRET_ID, SECRET_KEY, startCcc } from './test-utils/ccc-sandbox.ts';

/** Largest number of times inside any half-open window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] ?? 0) - (sorted[lo] ?? 0) >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

// The pacer times each slot at the moment fetch is called, so departures (seen by an injected fetch) are
// exact up to timer rounding. The emulator (in this process) stamps arrivals, which come closer together
// than they left when the event loop stalls on a busy CI machine: its windows are 100 ms shorter.
const TIMER_MS = 5;
const TRANSPORT_MS = 100;

describe('per-action rate limit', () => {
  test('100 calls at once never exceed the configured rate (emulator arrival times), and none is refused', async () => {
    const ccc = await startCcc(makeDataset(1), { ratePerAction: 50 });
    try {
      const departures: number[] = [];
      const client = clientFor(ccc, {
        rateLimit: { perSecond: 40 },
        fetch: (input, init) => {
          departures.push(Date.now());
          return fetch(input, init);
        },
      });
      // Open the sockets first (another action, so another budget): a cold first burst spends tens of ms
      // connecting, which would let it arrive later than it left while the next second's requests do not.
      await Promise.all(
        Array.from({ length: 25 }, () => client.describeTelRecordAsr({ sessionId: 'c-000' })),
      );
      ccc.reset();
      departures.length = 0;
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => client.describeTelSession({ sessionId: 'c-000' })),
      );
      expect(answers).toHaveLength(100);
      expect(maxInWindow(departures, 1000 - TIMER_MS)).toBeLessThanOrEqual(40);
      const arrivals = ccc.requests().map((r) => r.time);
      expect(arrivals).toHaveLength(100);
      expect(maxInWindow(arrivals, 1000 - TRANSPORT_MS)).toBeLessThanOrEqual(40);
      expect(ccc.counters().byOutcome).toEqual({ ok: 100 });
    } finally {
      await ccc.stop();
    }
  });

  test('defaults to 16 per second per action, and actions do not share a budget', async () => {
    const ccc = await startCcc(makeDataset(1));
    try {
      // Departures by action, as the pacer releases them (arrival times of a cold burst bunch up while
      // sockets open; the first test covers arrivals, with warm sockets).
      const departures: Record<string, number[]> = {};
      const client = clientFor(ccc, {
        fetch: (input, init) => {
          const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
          const action = headers.get('x-tc-action') ?? 'unknown';
          departures[action] = [...(departures[action] ?? []), Date.now()];
          return fetch(input, init);
        },
      });
      await Promise.all([
        ...Array.from({ length: 17 }, () => client.describeTelSession({ sessionId: 'c-000' })),
        ...Array.from({ length: 16 }, () => client.describeTelRecordAsr({ sessionId: 'c-000' })),
      ]);
      expect(departures.DescribeTelSession).toHaveLength(17);
      expect(departures.DescribeTelRecordAsr).toHaveLength(16);
      const session = departures.DescribeTelSession ?? [];
      const asr = departures.DescribeTelRecordAsr ?? [];
      expect(maxInWindow(session, 1000 - TIMER_MS)).toBeLessThanOrEqual(16);
      expect(maxInWindow(asr, 1000 - TIMER_MS)).toBeLessThanOrEqual(16);
      // The 17th call of one action waits for the next second...
      expect(Math.max(...session) - Math.min(...session)).toBeGreaterThanOrEqual(1000 - TIMER_MS);
      // ...while the other action's 16 are not queued behind them (one shared budget would need 2 s).
      const all = [...session, ...asr];
      expect(Math.max(...all) - Math.min(...all)).toBeLessThan(1900);
      // Tencent's 20/s per action is never reached, so nothing is refused.
      expect(ccc.counters().byOutcome).toEqual({ ok: 33 });
    } finally {
      await ccc.stop();
    }
  });

  test('rateLimit: false sends a burst unthrottled (the emulator then refuses the 21st)', async () => {
    const ccc = await startCcc(makeDataset(1));
    try {
      const client = clientFor(ccc, { rateLimit: false, retry: false });
      const results = await Promise.allSettled(
        Array.from({ length: 21 }, () => client.describeTelSession({ sessionId: 'c-000' })),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(ccc.counters().byOutcome).toEqual({ ok: 20, RequestLimitExceeded: 1 });
    } finally {
      await ccc.stop();
    }
  });

  test('a slot whose request never left (credentials failure) is released for the next call', async () => {
    const ccc = await startCcc(makeDataset(1));
    try {
      let calls = 0;
      const client = createCccClient({
        sdkAppId: APP,
        endpoint: ccc.url,
        rateLimit: { perSecond: 1 },
        credentials: () => {
          calls += 1;
          if (calls === 1) throw new Error('not yet');
          return { secretId: SECRET_ID, secretKey: SECRET_KEY };
        },
      });
      await expect(client.describeTelSession({ sessionId: 'c-000' })).rejects.toMatchObject({
        code: 'ccc_client_credentials_error',
      });
      await expect(client.describeTelSession({ sessionId: 'c-000' })).resolves.toMatchObject({ Session: {} });
      expect(ccc.counters().byOutcome).toEqual({ ok: 1 });
    } finally {
      await ccc.stop();
    }
  });
});
