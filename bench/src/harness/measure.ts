/** A function under measurement; `i` selects the input so every call can see a different one. */
export type Operation = (i: number) => unknown;

/** Options of {@link comparePaired}. */
export interface PairedOptions {
  readonly baseline: Operation;
  readonly product: Operation;
  /** Measured runs of each side (median taken); at least 5. */
  readonly runs?: number;
  /** Wall time one run should last, in ms (iterations are calibrated to it). */
  readonly runMs?: number;
  /** Warm-up time per side, in ms, before calibration. */
  readonly warmupMs?: number;
}

/** Result of {@link comparePaired}: medians per side and their ratio. */
export interface PairedResult {
  /** Median nanoseconds per call. */
  readonly baselineNs: number;
  readonly productNs: number;
  /** Product median ÷ baseline median (time per call): > 1 means the product is slower. */
  readonly timeRatio: number;
  /** Median over the ABBA pairs of (product ÷ baseline): close to `timeRatio` unless the machine drifted. */
  readonly pairedTimeRatio: number;
  readonly runs: number;
  readonly iterations: number;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

// Results go here so the JIT cannot drop calls whose value is unused.
let sink: unknown;

/** Runs `op` for `iterations` calls and returns nanoseconds per call. */
function timeRun(op: Operation, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = op(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Runs `op` for about `ms` milliseconds; returns how many calls that took. */
function runFor(op: Operation, ms: number): number {
  const deadline = performance.now() + ms;
  let calls = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < 256; i++) sink = op(calls + i);
    calls += 256;
  }
  return calls;
}

/**
 * Measures two operations against each other: warm-up, calibration, then `runs` pairs in ABBA order
 * (baseline, product, product, baseline, …) so slow drift of a shared machine hits both sides alike.
 *
 * @example
 * const r = comparePaired({ baseline: (i) => JSON.parse(inputs[i & 1023]), product: (i) => parse(inputs[i & 1023]) });
 */
export function comparePaired(options: PairedOptions): PairedResult {
  const runs = Math.max(5, options.runs ?? 7);
  const runMs = options.runMs ?? 150;
  const warmupMs = options.warmupMs ?? 300;
  const { baseline, product } = options;
  runFor(baseline, warmupMs);
  runFor(product, warmupMs);
  // Both sides run the same number of calls: the slower one decides, so neither run is too short.
  const calls = Math.min(runFor(baseline, runMs / 2), runFor(product, runMs / 2)) * 2;
  const iterations = Math.max(1024, Math.ceil(calls / 1024) * 1024);
  const baselineNs: number[] = [];
  const productNs: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      baselineNs.push(timeRun(baseline, iterations));
      productNs.push(timeRun(product, iterations));
    } else {
      productNs.push(timeRun(product, iterations));
      baselineNs.push(timeRun(baseline, iterations));
    }
  }
  if (sink === comparePaired) throw new Error('unreachable');
  const baselineMedian = median(baselineNs);
  const productMedian = median(productNs);
  return {
    baselineNs: baselineMedian,
    productNs: productMedian,
    timeRatio: productMedian / baselineMedian,
    pairedTimeRatio: median(productNs.map((ns, i) => ns / (baselineNs[i] ?? Number.NaN))),
    runs,
    iterations,
  };
}
