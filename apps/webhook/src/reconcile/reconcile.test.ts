import { type VirtualClock, virtualClock } from '@ccc-kit/sandbox/clock';
import { sleep } from '@ccc-kit/timers';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { createMetrics } from '../http/metrics.ts';
import { createReconciler, type ReconcilerOptions } from './reconcile.ts';
import type { CallPage } from './types.ts';

const HOUR = 3_600_000;

/** A reconciler on `clock` with a two-hour window, running every `intervalMs` (default an hour). */
function startReconciler(
  clock: VirtualClock,
  options: Pick<ReconcilerOptions, 'listCalls'> & Partial<ReconcilerOptions>,
) {
  const reconciler = createReconciler({
    submit: async () => 'stored',
    routeFor: () => [],
    intervalMs: HOUR,
    windowMs: 2 * HOUR,
    // Windows here end at "now"; the settle delay has its own test (hardening.test.ts).
    settleMs: 0,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    scheduler: clock.scheduler,
    ...options,
  });
  reconciler.start();
  return reconciler;
}

describe('periodic runs', () => {
  test('run at start, then every intervalMs; a run longer than the interval skips the ticks it overlaps', async () => {
    const clock = virtualClock(Date.UTC(2026, 0, 10));
    const starts: number[] = [];
    const listCalls = async function* (): AsyncGenerator<CallPage> {
      starts.push((clock.fake.now - Date.UTC(2026, 0, 10)) / 60_000);
      // The second run takes 25 minutes (a slow or paginated listing).
      if (starts.length === 2) await sleep(25 * 60_000, clock.scheduler);
      yield* [];
    };
    const reconciler = startReconciler(clock, { listCalls, intervalMs: 10 * 60_000 });
    await clock.fake.tickAsync(55 * 60_000);
    // Minutes: runs at 0 and 10; the ticks at 20 and 30 find the second run still going; then 40 and 50.
    expect(starts).toEqual([0, 10, 40, 50]);
    await reconciler.stop();
    expect(clock.fake.countTimers()).toBe(0);
    await clock.fake.tickAsync(60 * 60_000);
    expect(starts).toHaveLength(4);
  });

  test('after runs failed for longer than the window, the next run starts where the last finished one ended', async () => {
    const t0 = Date.UTC(2026, 0, 10, 2);
    const clock = virtualClock(t0);
    const windows: { at: number; from: number; to: number; ok: boolean }[] = [];
    // Hourly runs; runs 2 to 5 fail (Tencent down for four hours, window two hours).
    const listCalls = async function* (start: Date, end: Date): AsyncGenerator<CallPage> {
      const ok = windows.length === 0 || windows.length >= 5;
      const now = clock.fake.now;
      windows.push({
        at: (now - t0) / HOUR,
        from: (start.getTime() - now) / HOUR,
        to: (end.getTime() - now) / HOUR,
        ok,
      });
      if (!ok) throw new Error('InternalError');
      yield* [];
    };
    const reconciler = startReconciler(clock, { listCalls });
    await clock.fake.tickAsync(6 * HOUR);
    await reconciler.stop();
    // Hours relative to each run's "now": the sixth run (the first after the outage) reaches back to where
    // the first one ended, 5 hours earlier, instead of only 2.
    expect(windows).toEqual([
      { at: 0, from: -2, to: 0, ok: true },
      { at: 1, from: -2, to: 0, ok: false },
      { at: 2, from: -2, to: 0, ok: false },
      { at: 3, from: -3, to: 0, ok: false },
      { at: 4, from: -4, to: 0, ok: false },
      { at: 5, from: -5, to: 0, ok: true },
      { at: 6, from: -2, to: 0, ok: true },
    ]);
  });

  test('after a restart the first run reaches back to resumeFrom, and keeps that point while runs fail', async () => {
    const clock = virtualClock(Date.UTC(2026, 0, 10, 12));
    const lastPush = clock.fake.now - 5 * HOUR;
    const starts: number[] = [];
    const listCalls = async function* (start: Date): AsyncGenerator<CallPage> {
      starts.push((start.getTime() - clock.fake.now) / HOUR);
      if (starts.length === 1) throw new Error('InternalError');
      yield* [];
    };
    const reconciler = startReconciler(clock, { listCalls, resumeFrom: async () => lastPush });
    await clock.fake.tickAsync(2 * HOUR);
    await reconciler.stop();
    // Run 1 fails from the last push (5 h back); run 2 still starts there (6 h back by then); run 3, after a
    // success, looks back the window.
    expect(starts).toEqual([-5, -6, -2]);
  });
});
