/**
 * `BENCH_SMOKE=1` checks that figures work without measuring anything: the ingest figures' load runs last
 * 1 s without warm-up, and the runner writes no results (neither `results/latest.json` nor the README
 * table). Other figures run as usual.
 */
export const SMOKE: boolean = process.env.BENCH_SMOKE === '1';

/** `shape` with 1 s and no warm-up under {@link SMOKE}, unchanged otherwise. */
export const smokeable = <T extends { durationSec: number; warmupSec?: number }>(shape: T): T =>
  SMOKE ? { ...shape, durationSec: 1, warmupSec: 0 } : shape;
