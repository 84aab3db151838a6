import { type Scheduler, sleep } from '@ccc-kit/timers';
import { describe, expect, test } from 'vitest';
import { virtualClock } from '../clock/virtual-clock.ts';
import { type PushResult, retryDelayMs } from './deliver.ts';
import type { PushItem } from './push-item.ts';
import { createPusher, type PusherOptions } from './pusher.ts';

// The retry schedule and the timeouts on a virtual clock, with exact times. The receiver is an injected
// in-process fetch (the pusher takes `fetch` as an option), so no real I/O races the clock; the wire format
// is tested over real HTTP in pusher.test.ts.

const ACCEPTED = '{"ErrCode":0,"ErrMsg":""}';

/** What the receiver does with one request. */
type Answer =
  | { readonly status: number; readonly body?: string; readonly afterMs?: number }
  /** Never answers; only the pusher's timeout ends the request. */
  | 'hang'
  /** Sends the headers at once, then never finishes the body. */
  | 'stall-body';

const abortRejection = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

/** A receiver answering `answers[n]` to the n-th request (the last one repeats), noting when each arrived. */
function receiver(scheduler: Scheduler, ...answers: Answer[]) {
  const calls: { readonly at: number; readonly pushId: string | null }[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const signal = init?.signal as AbortSignal;
    calls.push({ at: scheduler.now(), pushId: new Headers(init?.headers).get('x-tccc-push-uuid') });
    const answer = answers[Math.min(calls.length, answers.length) - 1] ?? { status: 200 };
    if (answer === 'hang') return abortRejection(signal);
    if (answer === 'stall-body')
      return new Response(
        new ReadableStream({
          start: (controller) => void abortRejection(signal).catch((reason) => controller.error(reason)),
        }),
      );
    peak = Math.max(peak, ++inFlight);
    try {
      if (answer.afterMs) await sleep(answer.afterMs, scheduler, signal);
    } finally {
      inFlight--;
    }
    return new Response(answer.body ?? ACCEPTED, { status: answer.status });
  };
  return { fetch, calls, peak: () => peak };
}

const item: PushItem = { action: 'cdr', body: { SessionId: 's-1' }, pushId: 'push-1' };

/** A pusher on a fresh virtual clock, and the push's result with the virtual time it resolved at. */
function setup(options: Omit<PusherOptions, 'url' | 'fetch' | 'scheduler'>, ...answers: Answer[]) {
  const { fake: clock, scheduler, run: settle } = virtualClock();
  const target = receiver(scheduler, ...answers);
  const pusher = createPusher({ url: 'http://127.0.0.1:9/push', fetch: target.fetch, scheduler, ...options });
  // Fires timers one by one only while the work is pending, so timers it leaves behind stay countable.
  const run = <T>(work: Promise<T>): Promise<{ value: T; at: number }> =>
    settle(work.then((value) => ({ value, at: clock.now })));
  return { clock, target, pusher, run };
}

describe('retry schedule', () => {
  test('retryDelayMs walks the schedule and repeats its last value', () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs([50, 200, 500], retry))).toEqual([
      50, 200, 500, 500, 500,
    ]);
  });

  test('by default a failing push is retried 3 times, after 50, 200 and 500 ms, with the same push id', async () => {
    const { clock, target, pusher, run } = setup({}, { status: 500 });
    const { value, at } = await run(pusher.push(item));
    expect(target.calls).toEqual([0, 50, 250, 750].map((t) => ({ at: t, pushId: 'push-1' })));
    expect(at).toBe(750);
    expect(value).toEqual({
      pushId: 'push-1',
      action: 'cdr',
      delivered: false,
      attempts: 4,
      lastStatus: 500,
      lastReply: ACCEPTED,
      failure: { reason: 'http_status', message: 'HTTP 500' },
    } satisfies PushResult);
    expect(pusher.stats).toEqual({ sent: 1, delivered: 0, failed: 1, attempts: 4, duplicates: 0 });
    expect(clock.countTimers()).toBe(0);
  });

  test('the last configured delay repeats for further retries', async () => {
    const { target, pusher, run } = setup({ retryDelaysMs: [10, 30], maxRetries: 5 }, { status: 503 });
    const { value, at } = await run(pusher.push(item));
    expect(target.calls.map((c) => c.at)).toEqual([0, 10, 40, 70, 100, 130]);
    expect(at).toBe(130);
    expect(value.attempts).toBe(6);
  });

  test('an accepted retry ends the push: no further wait or attempt', async () => {
    const { clock, target, pusher, run } = setup({}, { status: 503 }, { status: 200 });
    const { value, at } = await run(pusher.push(item));
    expect(target.calls.map((c) => c.at)).toEqual([0, 50]);
    expect(at).toBe(50);
    expect(value).toMatchObject({ delivered: true, attempts: 2, lastStatus: 200, failure: null });
    expect(clock.countTimers()).toBe(0);
  });

  test('maxRetries: 0 makes one attempt and does not wait', async () => {
    const { target, pusher, run } = setup({ maxRetries: 0 }, { status: 500 });
    const { value, at } = await run(pusher.push(item));
    expect(target.calls.map((c) => c.at)).toEqual([0]);
    expect(at).toBe(0);
    expect(value.attempts).toBe(1);
  });
});

describe('timeouts', () => {
  test('an unanswered attempt ends exactly at timeoutMs, then the retry waits its delay', async () => {
    const { clock, target, pusher, run } = setup({ timeoutMs: 1_000 }, 'hang');
    const { value, at } = await run(pusher.push(item));
    expect(target.calls.map((c) => c.at)).toEqual([0, 1_050, 2_250, 3_750]);
    expect(at).toBe(4_750);
    expect(value).toMatchObject({
      delivered: false,
      attempts: 4,
      lastStatus: null,
      lastReply: null,
      failure: { reason: 'timeout', message: 'no complete reply within 1000 ms' },
    });
    expect(clock.countTimers()).toBe(0);
  });

  test('the timeout covers reading the body: headers without a complete body time out too', async () => {
    const { pusher, run } = setup({ timeoutMs: 300, maxRetries: 0 }, 'stall-body');
    const { value, at } = await run(pusher.push(item));
    expect(at).toBe(300);
    expect(value).toMatchObject({ lastStatus: 200, lastReply: null, failure: { reason: 'timeout' } });
  });

  test('a reply 1 ms before the timeout is accepted, and the timeout timer is cleared', async () => {
    const { clock, pusher, run } = setup({ timeoutMs: 1_000 }, { status: 200, afterMs: 999 });
    const { value, at } = await run(pusher.push(item));
    expect(at).toBe(999);
    expect(value).toMatchObject({ delivered: true, attempts: 1 });
    expect(clock.countTimers()).toBe(0);
  });
});

test('pushAll keeps exactly `concurrency` pushes in flight: 12 pushes of 100 ms, 3 at a time', async () => {
  const { target, pusher, run } = setup({ concurrency: 3 }, { status: 200, afterMs: 100 });
  const items = Array.from({ length: 12 }, (_, i) => ({ ...item, pushId: `id-${i}` }));
  const { value, at } = await run(pusher.pushAll(items));
  expect(target.calls.map((c) => c.at)).toEqual([0, 0, 0, 100, 100, 100, 200, 200, 200, 300, 300, 300]);
  expect(target.peak()).toBe(3);
  expect(at).toBe(400);
  expect(value.map((r) => r.pushId)).toEqual(items.map((i) => i.pushId));
});
