import { describe, expect, test } from 'vitest';
import { isStatsError, StatsError, StatsErrorCode } from '../errors.ts';
import { createCallStats } from './call-stats.ts';
import { createChatStats } from './chat-stats.ts';
import { resolveOptions } from './options.ts';

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('options', () => {
  test('defaults: 20 s, UTC, 500 keys', () => {
    expect(resolveOptions()).toEqual({
      serviceLevelSeconds: 20,
      timeZone: 'UTC',
      canonicalZone: 'UTC',
      maxKeys: 500,
    });
  });

  test('an unknown time zone throws stats_invalid_option with Intl’s error as the cause', () => {
    const error = thrown(() => createCallStats({ timeZone: 'Mars/Olympus_Mons' }));
    expect(isStatsError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'stats_invalid_option', name: 'StatsError' });
    expect((error as Error).message).toContain('"Mars/Olympus_Mons"');
    expect((error as Error).cause).toBeInstanceOf(RangeError);
    expect(thrown(() => createChatStats({ timeZone: '' }))).toMatchObject({ code: 'stats_invalid_option' });
  });

  test.each([
    [{ serviceLevelSeconds: -1 }, 'serviceLevelSeconds must be an integer from 0 to 7200, got -1'],
    [{ serviceLevelSeconds: 2.5 }, 'serviceLevelSeconds must be an integer from 0 to 7200, got 2.5'],
    [{ serviceLevelSeconds: 7_201 }, 'serviceLevelSeconds must be an integer from 0 to 7200, got 7201'],
    [{ maxKeys: 0 }, 'maxKeys must be an integer from 1 to 100000, got 0'],
    [{ maxKeys: Number.NaN }, 'maxKeys must be an integer from 1 to 100000, got NaN'],
  ])('%o is refused', (options, message) => {
    expect(thrown(() => createCallStats(options))).toMatchObject({
      code: 'stats_invalid_option',
      message: `Option ${message}`,
    });
  });

  test('merging aggregates of other options or of another kind throws', () => {
    const utc = createCallStats();
    expect(thrown(() => utc.merge(createCallStats({ timeZone: 'Asia/Shanghai' })))).toMatchObject({
      code: 'stats_invalid_option',
    });
    expect(thrown(() => utc.merge(createCallStats({ serviceLevelSeconds: 30 })))).toMatchObject({
      code: 'stats_invalid_option',
    });
    expect(() => utc.merge(createCallStats({ timeZone: 'Etc/UTC' }))).not.toThrow(); // the same zone
    const fake = { add() {}, merge() {}, result: () => utc.result() };
    expect(thrown(() => utc.merge(fake))).toMatchObject({ code: 'stats_invalid_option' });
  });
});

describe('StatsError', () => {
  test('carries a code, a literal name and the cause; the guard also accepts copies from another module', () => {
    const cause = new Error('resvg failed');
    const error = new StatsError(StatsErrorCode.RenderFailed, 'Could not render', { cause });
    expect([error.code, error.name, error.cause, error instanceof Error]).toEqual([
      'stats_render_failed',
      'StatsError',
      cause,
      true,
    ]);
    expect(isStatsError({ name: 'StatsError', code: 'stats_invalid_option' })).toBe(true);
    expect([isStatsError(new Error('x')), isStatsError(null), isStatsError(undefined)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
