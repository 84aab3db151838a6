import type { WaitSummary } from './summaries.ts';

/** Waits longer than this (2 h) count at this value for percentiles; mean and max stay exact. */
export const WAIT_CAP_SECONDS = 7_200;

/** Whole, non-negative seconds; anything else (NaN, negative, missing) counts as 0, as cdr-parser's durations do. */
export function wholeSeconds(value: number | undefined): number {
  return value !== undefined && value > 0 ? Math.floor(value) : 0;
}

/**
 * Exact counts of waits per whole second, mergeable by adding counts, so p50/p90 of merged parts equal
 * p50/p90 of one pass. The array grows by doubling up to `WAIT_CAP_SECONDS + 1` slots (29 KB at most), so a
 * row whose waits stay under a minute costs 256 bytes.
 */
export class WaitHistogram {
  #counts: Uint32Array = new Uint32Array(64);
  #count = 0;
  #total = 0;
  #max = 0;

  /** Counts one wait of `seconds` (whole, non-negative). */
  add(seconds: number): void {
    const slot = Math.min(seconds, WAIT_CAP_SECONDS);
    if (slot >= this.#counts.length) this.#grow(slot);
    this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
    this.#count += 1;
    this.#total += seconds;
    if (seconds > this.#max) this.#max = seconds;
  }

  /** Adds every wait of `other` to this one (`other` is unchanged). */
  merge(other: WaitHistogram): void {
    const theirs = other.#counts;
    if (theirs.length > this.#counts.length) this.#grow(theirs.length - 1);
    const ours = this.#counts;
    for (let i = 0; i < theirs.length; i++) ours[i] = (ours[i] ?? 0) + (theirs[i] ?? 0);
    this.#count += other.#count;
    this.#total += other.#total;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** Count, total, mean, nearest-rank p50 and p90, max. */
  summary(): WaitSummary {
    const count = this.#count;
    if (count === 0) return { count, total: 0, mean: null, p50: null, p90: null, max: null };
    return {
      count,
      total: this.#total,
      mean: this.#total / count,
      p50: this.#percentile(50),
      p90: this.#percentile(90),
      max: this.#max,
    };
  }

  /** Smallest wait `w` with at least `ceil(percent × count / 100)` waits ≤ `w` (nearest rank). */
  #percentile(percent: number): number {
    // Integer percent: 0.9 × 30 is 27.000000000000004 in floating point, which would round the rank up to 28.
    const rank = Math.max(1, Math.ceil((percent * this.#count) / 100));
    let seen = 0;
    for (let seconds = 0; seconds < this.#counts.length; seconds++) {
      seen += this.#counts[seconds] ?? 0;
      if (seen >= rank) return seconds;
    }
    return WAIT_CAP_SECONDS;
  }

  #grow(slot: number): void {
    let length = this.#counts.length;
    while (length <= slot) length *= 2;
    const grown = new Uint32Array(Math.min(length, WAIT_CAP_SECONDS + 1));
    grown.set(this.#counts);
    this.#counts = grown;
  }
}
