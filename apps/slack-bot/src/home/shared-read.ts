import type { HomePart } from '@ccc-kit/slack-blocks';

/** Options of {@link createSharedRead}. */
export interface SharedReadOptions {
  /** A value (or a failure) is kept this long: at most one load per period, whatever the number of readers. */
  readonly ttlMs: number;
  /** Clock in Unix milliseconds. */
  readonly now: () => number;
  /** The one line a viewer reads when a load fails (never a secret, never a stack). */
  readonly describe: (error: unknown) => string;
  /**
   * Answer with the value already read while a new load runs, instead of waiting for it (a slow read such
   * as a whole day of call records); the first read is always waited for.
   */
  readonly background?: boolean | undefined;
}

/**
 * One value many Home tabs show (the queue now, the agents, today's numbers): loaded at most once per
 * `ttlMs` whoever asks, with concurrent readers sharing the load in flight (single-flight). A failed load
 * keeps the last good value and says why, with when it was read; it counts as the period's load, so a
 * failing Tencent is not asked again by every viewer. Hand-written rather than `lru-cache`'s `fetch`:
 * the tab needs the last failure's reason and the good value's age, which that cache does not keep.
 *
 * @example
 * const queue = createSharedRead(() => ccc.describeCallInMetrics({}), { ttlMs: 10_000, now, describe });
 * const part = await queue(); // { value, readAt, problem? }
 */
export function createSharedRead<T>(
  load: () => Promise<T>,
  options: SharedReadOptions,
): () => Promise<HomePart<T>> {
  let value: T | null = null;
  let readAt: number | null = null;
  let problem: string | undefined;
  let attemptAt: number | null = null;
  let inFlight: Promise<void> | undefined;
  const snapshot = (): HomePart<T> => ({
    value,
    readAt: readAt === null ? null : Math.floor(readAt / 1000),
    ...(problem ? { problem } : {}),
  });
  const start = (): Promise<void> => {
    attemptAt = options.now();
    return load().then(
      (loaded) => {
        [value, readAt, problem] = [loaded, options.now(), undefined];
      },
      (error: unknown) => {
        problem = options.describe(error);
      },
    );
  };
  return async () => {
    if (!inFlight && (attemptAt === null || options.now() - attemptAt >= options.ttlMs))
      inFlight = start().finally(() => {
        inFlight = undefined;
      });
    if (inFlight && !(options.background && readAt !== null)) await inFlight;
    return snapshot();
  };
}
