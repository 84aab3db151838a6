/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the dataset generator needs.
 * Pure: the same seed always yields the same sequence, on every platform (only 32-bit integer arithmetic).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value of `[value, weight]` pairs, proportionally to the weights. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** `length` decimal digits (may start with 0). */
  digits(length: number): string;
  /** A version-4-shaped UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`). */
  uuid(): string;
  /**
   * An independent generator for a sub-part (a call, a chat, the pushes): it depends only on this
   * generator's seed and `label`, not on how many numbers were drawn here, so adding a call never
   * changes the others.
   */
  fork(label: string | number): Random;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
const fmix32 = (input: number): number => {
  let h = input >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/** FNV-1a over the label's UTF-16 code units. */
const hashLabel = (label: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** Folds any safe integer (negative or above 2^32 too) into a well-mixed 32-bit state. */
export const seedToState = (seed: number): number => {
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  return fmix32(low ^ fmix32(high + 0x9e3779b9));
};

/**
 * Creates a generator from a seed (any safe integer).
 *
 * @example
 * const random = createRandom(42);
 * random.int(1, 6); // the same roll for seed 42, every time
 */
export function createRandom(seed: number): Random {
  return fromState(seedToState(seed));
}

function fromState(initial: number): Random {
  let state = initial;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const hex = (length: number): string =>
    Array.from({ length }, () => '0123456789abcdef'.charAt(int(0, 15))).join('');
  return {
    next,
    int,
    pick,
    chance: (p) => next() < p,
    weighted: (entries) => weightedPick(entries, next),
    shuffle: (items) => shuffled(items, int),
    hex,
    digits: (length) => Array.from({ length }, () => String(int(0, 9))).join(''),
    uuid: () => {
      const variant = '89ab'.charAt(int(0, 3));
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
    fork: (label) => fromState(fmix32(initial ^ hashLabel(String(label)))),
  };
}

function weightedPick<T>(entries: readonly (readonly [T, number])[], next: () => number): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  // Only reached through floating-point rounding: the last entry.
  return (entries.at(-1) as readonly [T, number])[0];
}

function shuffled<T>(items: readonly T[], int: (min: number, max: number) => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
