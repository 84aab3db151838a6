import { describe, expect, test } from 'vitest';
import { createSharedRead } from './shared-read.ts';

function setup() {
  let now = 1_764_756_000_000;
  let loads = 0;
  let fail: string | undefined;
  const read = createSharedRead(
    async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error(fail);
      return loads;
    },
    { ttlMs: 10_000, now: () => now, describe: (e) => `Tencent: ${(e as Error).message}` },
  );
  return {
    read,
    loads: () => loads,
    advance: (ms: number) => {
      now += ms;
    },
    failWith: (message: string | undefined) => {
      fail = message;
    },
  };
}

describe('createSharedRead', () => {
  test('ten simultaneous readers share one load; the value is kept for the period', async () => {
    const s = setup();
    const parts = await Promise.all(Array.from({ length: 10 }, () => s.read()));
    expect(s.loads()).toBe(1);
    expect(new Set(parts.map((p) => p.value))).toEqual(new Set([1]));
    s.advance(9_999);
    await s.read();
    expect(s.loads()).toBe(1);
    s.advance(1);
    expect((await s.read()).value).toBe(2);
  });

  test('a failure keeps the last good value with its read time and says why; it is not retried at once', async () => {
    const s = setup();
    const good = await s.read();
    s.failWith('InternalError');
    s.advance(10_000);
    const failed = await s.read();
    expect(failed).toEqual({ value: 1, readAt: good.readAt, problem: 'Tencent: InternalError' });
    await s.read();
    expect(s.loads()).toBe(2);
    s.failWith(undefined);
    s.advance(10_000);
    expect(await s.read()).toEqual({ value: 3, readAt: (good.readAt ?? 0) + 20 });
  });

  test('never read: no value, and the reason', async () => {
    const s = setup();
    s.failWith('AuthFailure');
    expect(await s.read()).toEqual({ value: null, readAt: null, problem: 'Tencent: AuthFailure' });
  });

  test('in the background: the value read so far at once, the new one on a later read', async () => {
    let now = 0;
    let loads = 0;
    const read = createSharedRead(async () => ++loads, {
      ttlMs: 10,
      now: () => now,
      describe: String,
      background: true,
    });
    expect((await read()).value).toBe(1);
    now = 10;
    expect((await read()).value).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect((await read()).value).toBe(2);
  });
});
