import { StoreError, StoreErrorCode } from './errors.ts';
import type { QuarantineEviction, StoreCommonOptions } from './types.ts';

/** Engine-independent settings, with defaults applied. */
export interface ResolvedCommonOptions {
  readonly quarantineLimit: number;
  readonly quarantineMaxBodyBytes: number;
  readonly now: () => number;
  readonly onQuarantineEvicted: (eviction: QuarantineEviction) => void;
}

/** Default of `quarantineMaxBodyBytes` (and of `QUARANTINE_MAX_BODY_BYTES`): 8 MiB. */
export const DEFAULT_QUARANTINE_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Applies defaults to {@link StoreCommonOptions}, rejecting nonsense limits. */
export function resolveCommonOptions(options: StoreCommonOptions): ResolvedCommonOptions {
  const quarantineLimit = options.quarantineLimit ?? 10_000;
  const quarantineMaxBodyBytes = options.quarantineMaxBodyBytes ?? DEFAULT_QUARANTINE_MAX_BODY_BYTES;
  for (const [name, value] of Object.entries({ quarantineLimit, quarantineMaxBodyBytes })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new StoreError(StoreErrorCode.InvalidOptions, `${name} must be a positive integer, got ${value}`);
    }
  }
  return {
    quarantineLimit,
    quarantineMaxBodyBytes,
    now: options.now ?? Date.now,
    onQuarantineEvicted: options.onQuarantineEvicted ?? (() => {}),
  };
}
