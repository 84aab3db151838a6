import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as realDelay } from 'node:timers/promises';
import { sleep } from '@ccc-kit/timers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ioFetch, virtualClock } from './virtual-clock.ts';

// Real I/O below is a real-time delay or a local HTTP server that answers late (in real time): the clock
// must wait for it, so every expectation is an exact virtual time however slow the machine is.

describe('scheduler', () => {
  test('reads the virtual time and fires each timer at its exact time; advance stops at its target', async () => {
    const { fake, scheduler, advance } = virtualClock(1_000);
    const fired: number[] = [];
    for (const ms of [250, 100, 900]) scheduler.setTimeout(() => fired.push(scheduler.now()), ms);
    expect(scheduler.now()).toBe(1_000);
    await advance(500);
    expect(fired).toEqual([1_100, 1_250]);
    expect(fake.now).toBe(1_500);
    expect(fake.countTimers()).toBe(1);
    await advance(400);
    expect(fired).toEqual([1_100, 1_250, 1_900]);
  });

  test('a cleared timer never fires', async () => {
    const { fake, scheduler, advance } = virtualClock();
    let fired = false;
    scheduler.clearTimeout(
      scheduler.setTimeout(() => {
        fired = true;
      }, 10),
    );
    await advance(100);
    expect(fired).toBe(false);
    expect(fake.countTimers()).toBe(0);
  });

  test('a 0 ms timer set while a timer fires is due 1 ms later, as fake-timers has it: advance does not pass its target', async () => {
    const { fake, scheduler, advance } = virtualClock();
    const fired: number[] = [];
    scheduler.setTimeout(() => scheduler.setTimeout(() => fired.push(fake.now), 0), 10);
    await advance(10);
    expect([fake.now, fired]).toEqual([10, []]);
    await advance(1);
    expect(fired).toEqual([11]);
  });

  test('an abort clears the timer of a sleep at the instant it happens', async () => {
    const { fake, scheduler, run } = virtualClock();
    const controller = new AbortController();
    scheduler.setTimeout(() => controller.abort(new Error('stopped')), 100);
    await expect(run(sleep(10_000, scheduler, controller.signal))).rejects.toThrow('stopped');
    expect([fake.now, fake.countTimers()]).toEqual([100, 0]);
  });
});

describe('advance', () => {
  test('waits for io before each timer, so what the io schedules is timed from when it was sent', async () => {
    const { scheduler, io, advance } = virtualClock();
    const fired: string[] = [];
    scheduler.setTimeout(() => fired.push(`timer at ${scheduler.now()}`), 50);
    void io(realDelay(30)).then(() => {
      fired.push(`io done at ${scheduler.now()}`);
      scheduler.setTimeout(() => fired.push(`follow-up at ${scheduler.now()}`), 100);
    });
    await advance(200);
    expect(fired).toEqual(['io done at 0', 'timer at 50', 'follow-up at 100']);
  });
});

describe('run', () => {
  test('settles the work at its exact virtual time, and leaves later timers set', async () => {
    const { fake, scheduler, run } = virtualClock();
    scheduler.setTimeout(() => {}, 5_000);
    const work = sleep(300, scheduler).then(() => sleep(200, scheduler).then(() => scheduler.now()));
    expect(await run(work)).toBe(500);
    expect([fake.now, fake.countTimers()]).toEqual([500, 1]);
  });

  test('never fires a timer while io is pending', async () => {
    const { scheduler, io, run } = virtualClock();
    const seen: string[] = [];
    const timer = sleep(5, scheduler).then(() => seen.push(`timer at ${scheduler.now()}`));
    const sent = io(realDelay(30)).then(() => seen.push(`io done at ${scheduler.now()}`));
    await run(Promise.all([timer, sent]));
    expect(seen).toEqual(['io done at 0', 'timer at 5']);
  });

  test("rejects with the work's error", async () => {
    const { scheduler, run } = virtualClock();
    const work = sleep(10, scheduler).then(() => Promise.reject(new Error('failed at 10')));
    await expect(run(work)).rejects.toThrow('failed at 10');
  });

  test('rejects, rather than hang, when nothing can settle the work (no timer, no io)', async () => {
    const { run } = virtualClock();
    await expect(run(new Promise(() => {}))).rejects.toThrow('no timer set and no io pending');
  });
});

describe('ioFetch', () => {
  /** Answers `/slow` after 30 ms of real time, `/empty` with a 204, anything else at once. */
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/empty') return void res.writeHead(204).end();
      res.setHeader('x-path', req.url ?? '');
      if (req.url === '/slow') return void setTimeout(() => res.end('late answer'), 30);
      res.end('answer');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('each request is io: the clock stands still until its answer has been read in full', async () => {
    const clock = virtualClock();
    const fetch = ioFetch(clock);
    const timer = sleep(1, clock.scheduler).then(() => clock.scheduler.now());
    const answer = fetch(`${base}/slow`).then(async (r) => ({
      at: clock.scheduler.now(),
      text: await r.text(),
      path: r.headers.get('x-path'),
    }));
    expect(await clock.run(Promise.all([answer, timer]))).toEqual([
      { at: 0, text: 'late answer', path: '/slow' },
      1,
    ]);
  });

  test('wraps the given fetch, calling it at once, and hands back bodiless answers too', async () => {
    const clock = virtualClock(7);
    const sentAt: number[] = [];
    const fetch = ioFetch(clock, (input, init) => {
      sentAt.push(clock.fake.now);
      return globalThis.fetch(input, init);
    });
    const answers = await clock.run(Promise.all([fetch(`${base}/empty`), fetch(`${base}/`)]));
    expect(answers.map((r) => r.status)).toEqual([204, 200]);
    expect(await answers[1]?.text()).toBe('answer');
    expect(sentAt).toEqual([7, 7]);
  });

  test('a failing fetch rejects through io, and the clock moves on', async () => {
    const clock = virtualClock();
    const fetch = ioFetch(clock, () => Promise.reject(new TypeError('fetch failed')));
    await expect(clock.run(fetch(base))).rejects.toThrow('fetch failed');
    await clock.advance(10);
    expect(clock.fake.now).toBe(10);
  });
});
