import { pino } from 'pino';
import { expect, test } from 'vitest';
import { createMetrics } from '../http/metrics.ts';
import { createReconciler, type ReconcilerOptions } from './reconcile.ts';

const HOUR = 3_600_000;

/** Runs a reconciler every 5 ms with a two-hour window until `runs()` reaches `count`, then stops it. */
async function runUntil(
  options: Pick<ReconcilerOptions, 'listCalls' | 'now' | 'resumeFrom'>,
  runs: () => number,
  count: number,
): Promise<void> {
  const reconciler = createReconciler({
    submit: async () => 'stored',
    routeFor: () => [],
    intervalMs: 5,
    windowMs: 2 * HOUR,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    ...options,
  });
  reconciler.start();
  while (runs() < count) await new Promise((resolve) => setTimeout(resolve, 5));
  await reconciler.stop();
}

test('after runs failed for longer than the window, the next run starts where the last finished one ended', async () => {
  let clock = Date.UTC(2026, 0, 10, 2);
  const windows: { from: number; to: number; ok: boolean }[] = [];
  // Each run moves the clock an hour on; runs 2 to 5 fail (Tencent down for four hours, window two hours).
  const listCalls = async function* (start: Date, end: Date) {
    const ok = windows.length === 0 || windows.length >= 5;
    windows.push({ from: (start.getTime() - clock) / HOUR, to: (end.getTime() - clock) / HOUR, ok });
    clock += HOUR;
    if (!ok) throw new Error('InternalError');
    yield* [];
  };
  await runUntil({ listCalls, now: () => clock }, () => windows.length, 7);
  // Hours relative to each run's "now": the sixth run (the first after the outage) reaches back to where
  // the first one ended, 5 hours earlier, instead of only 2.
  expect(windows.slice(0, 7)).toEqual([
    { from: -2, to: 0, ok: true },
    { from: -2, to: 0, ok: false },
    { from: -2, to: 0, ok: false },
    { from: -3, to: 0, ok: false },
    { from: -4, to: 0, ok: false },
    { from: -5, to: 0, ok: true },
    { from: -2, to: 0, ok: true },
  ]);
});

test('after a restart the first run reaches back to resumeFrom, and keeps that point while runs fail', async () => {
  let clock = Date.UTC(2026, 0, 10, 12);
  const lastPush = clock - 5 * HOUR;
  const starts: number[] = [];
  const listCalls = async function* (start: Date) {
    starts.push((start.getTime() - clock) / HOUR);
    clock += HOUR;
    if (starts.length === 1) throw new Error('InternalError');
    yield* [];
  };
  await runUntil({ listCalls, now: () => clock, resumeFrom: async () => lastPush }, () => starts.length, 3);
  // Run 1 fails from the last push (5 h back); run 2 still starts there (6 h back by then); run 3, after a
  // success, looks back the window.
  expect(starts.slice(0, 3)).toEqual([-5, -6, -2]);
});
