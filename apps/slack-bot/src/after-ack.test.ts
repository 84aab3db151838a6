import { describe, expect, test } from 'vitest';
import { createAfterAck } from './after-ack.ts';

/** A piece of work the test ends by hand, recording when it started. */
function controlled(started: string[], name: string) {
  let end!: () => void;
  const done = new Promise<void>((resolve) => {
    end = resolve;
  });
  const work = async (): Promise<string> => {
    started.push(name);
    await done;
    return name;
  };
  return { work, end };
}

/** Timers run by the test: `fire()` runs every hold that was set. */
function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    setTimer: (fn: () => void) => void pending.push(fn),
    fire: () => {
      for (const fn of pending.splice(0)) fn();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createAfterAck', () => {
  test('work starts on a later turn than its ack, never in the same one', async () => {
    const afterAck = createAfterAck(manualTimers());
    const order: string[] = [];
    const running = afterAck(async () => order.push('work'));
    order.push('ack of the next request');
    await running;
    expect(order).toEqual(['ack of the next request', 'work']);
  });

  test('at most `slots` run at once; the next starts when one ends, in arrival order', async () => {
    const afterAck = createAfterAck({ slots: 2, quietMs: 0, ...manualTimers() });
    const started: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((name) => controlled(started, name));
    const results = jobs.map((job) => afterAck(job.work));
    await settle();
    expect(started).toEqual(['a', 'b']);
    jobs[1]?.end();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const job of jobs) job.end();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a slow piece of work gives its slot back after holdMs and keeps running', async () => {
    const timers = manualTimers();
    const afterAck = createAfterAck({ slots: 1, quietMs: 0, ...timers });
    const started: string[] = [];
    const slow = controlled(started, 'slow');
    const next = controlled(started, 'next');
    const results = [afterAck(slow.work), afterAck(next.work)];
    await settle();
    expect(started).toEqual(['slow']);
    timers.fire();
    await settle();
    expect(started).toEqual(['slow', 'next']);
    next.end();
    slow.end();
    expect(await Promise.all(results)).toEqual(['slow', 'next']);
    // Released twice (hold, then end) it frees one slot only: two new pieces of work take turns.
    const third = controlled(started, 'third');
    const fourth = controlled(started, 'fourth');
    const more = [afterAck(third.work), afterAck(fourth.work)];
    await settle();
    expect(started.slice(2)).toEqual(['third']);
    third.end();
    fourth.end();
    await Promise.all(more);
  });

  test('a failing piece of work frees its slot and rejects to its caller', async () => {
    const afterAck = createAfterAck({ slots: 1, ...manualTimers() });
    await expect(afterAck(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await afterAck(async () => 'after')).toBe('after');
  });

  test('work waits until the burst is over: no request for quietMs', async () => {
    let t = 0;
    const starts: number[] = [];
    const afterAck = createAfterAck({
      ...manualTimers(),
      quietMs: 4,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    const a = afterAck(async () => starts.push(t));
    t = 3; // the next request of the burst arrives 3 ms later
    const b = afterAck(async () => starts.push(t));
    await Promise.all([a, b]);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(7);
  });

  test('the work of a burst waits on one timer, not one each', async () => {
    let t = 0;
    const sleeping: { at: number; wake: () => void }[] = [];
    const afterAck = createAfterAck({
      ...manualTimers(),
      slots: 50,
      quietMs: 4,
      now: () => t,
      sleep: (ms) => new Promise<void>((wake) => sleeping.push({ at: t + ms, wake })),
    });
    let started = 0;
    const burst = Array.from({ length: 20 }, () =>
      afterAck(async () => {
        started += 1;
      }),
    );
    await settle();
    expect(sleeping).toHaveLength(1);
    t = sleeping[0]?.at ?? t;
    for (const { wake } of sleeping.splice(0)) wake();
    await Promise.all(burst);
    expect(started).toBe(20);
  });

  test('a stream of requests never quiet: work starts holdMs after it arrived at the latest', async () => {
    let t = 0;
    let started: number | undefined;
    const more: Promise<unknown>[] = [];
    const afterAck = createAfterAck({
      ...manualTimers(),
      quietMs: 4,
      holdMs: 10,
      now: () => t,
      sleep: async (ms) => {
        t += Math.min(ms, 3);
        // Another request every 3 ms, until the first piece of work has started.
        if (started === undefined) more.push(afterAck(async () => undefined));
      },
    });
    await afterAck(async () => {
      started = t;
    });
    await Promise.all(more);
    expect(started).toBe(10);
  });
});
