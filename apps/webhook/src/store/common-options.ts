import { StoreError, StoreErrorCode } from './errors.ts';
import type { StoreCommonOptions } from './types.ts';

/** Engine-independent settings, with defaults applied. */
export interface ResolvedCommonOptions {
  readonly quarantineLimit: number;
  readonly quarantineMaxBodyBytes: number;
  readonly now: () => number;
}

/** Applies defaults to {@link StoreCommonOptions}, rejecting nonsense limits. */
export function resolveCommonOptions(options: StoreCommonOptions): ResolvedCommonOptions {
  const quarantineLimit = options.quarantineLimit ?? 10_000;
  const quarantineMaxBodyBytes = options.quarantineMaxBodyBytes ?? 65_536;
  for (const [name, value] of Object.entries({ quarantineLimit, quarantineMaxBodyBytes })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new StoreError(StoreErrorCode.InvalidOptions, `${name} must be a positive integer, got ${value}`);
    }
  }
  return { quarantineLimit, quarantineMaxBodyBytes, now: options.now ?? Date.now };
}
