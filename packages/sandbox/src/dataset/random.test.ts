import { describe, expect, test } from 'vitest';
import { createRandom, seedToState } from './random.ts';

const draw = (seed: number, n = 20) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  test('the same seed gives the same sequence; other seeds differ', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(-1)).not.toEqual(draw(2 ** 32 - 1));
    expect(seedToState(2 ** 40)).not.toBe(seedToState(0));
  });

  test('a known seed keeps producing the same numbers (no platform-dependent arithmetic)', () => {
    const random = createRandom(1);
    expect([random.int(0, 1_000_000), random.int(0, 1_000_000), random.hex(8)]).toMatchInlineSnapshot(`
      [
        553477,
        605628,
        "9ad442be",
      ]
    `);
  });

  test('helpers stay in range', () => {
    const random = createRandom(7);
    const ints = Array.from({ length: 2000 }, () => random.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    expect(random.digits(12)).toMatch(/^\d{12}$/);
    expect(random.hex(9)).toMatch(/^[0-9a-f]{9}$/);
    expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('weighted picks follow the weights and never pick a zero weight', () => {
    const random = createRandom(9);
    const picks = Array.from({ length: 4000 }, () =>
      random.weighted([
        ['a', 3],
        ['b', 1],
        ['never', 0],
      ] as const),
    );
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
    expect(picks).not.toContain('never');
  });

  test('forks depend on the label only, not on what the parent drew', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    b.next();
    b.next();
    expect(a.fork('call:1').uuid()).toBe(b.fork('call:1').uuid());
    expect(a.fork('call:1').uuid()).not.toBe(a.fork('call:2').uuid());
  });
});
