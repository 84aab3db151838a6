import { SandboxError, SandboxErrorCode } from '../errors.ts';
import type { RateDecision } from './rate-limit.ts';

/** The rate tier of conversations.history and conversations.replies (option `historyLimits`). */
export interface SlackHistoryLimits {
  /** Requests per method within any 60 s of the emulator clock before HTTP 429 (Tier 3: 50; Slack's 2025 clamp: 1). */
  readonly perMinute: number;
  /** Largest `limit` honoured; larger values are cut to it without an error (Tier 3: 999; the 2025 clamp: 15). */
  readonly maxLimit: number;
}

/** Tier 3, what internal customer-built apps keep: 50 requests a minute, `limit` up to 999. */
export const TIER_3_HISTORY_LIMITS: SlackHistoryLimits = { perMinute: 50, maxLimit: 999 };

/**
 * Slack's 2025 clamp for apps distributed outside the Marketplace: 1 request a minute, `limit` cut to 15.
 * The worst case an app must survive.
 */
export const CLAMPED_HISTORY_LIMITS: SlackHistoryLimits = { perMinute: 1, maxLimit: 15 };

/** A sliding-minute limiter: each method has its own 60 s of the emulator clock. */
export interface MinuteLimiter {
  /** Counts one request to `method` now, or says how long to wait (whole seconds) when the minute is full. */
  take(method: string): RateDecision;
  reset(): void;
}

/** The sliding-minute limiter of the history methods. */
export interface HistoryLimiter extends MinuteLimiter {
  readonly maxLimit: number;
}

const MINUTE_MS = 60_000;

/**
 * A limiter allowing `perMinute` requests per method in any 60 s of `now` (`Infinity`: no limit), as Slack
 * counts its rate tiers "per API method per workspace per app".
 */
export function createMinuteLimiter(perMinute: number, now: () => number): MinuteLimiter {
  const windows = new Map<string, number[]>();
  return {
    take(method) {
      if (perMinute === Number.POSITIVE_INFINITY) return { limited: false };
      const at = now();
      const window = (windows.get(method) ?? []).filter((t) => t > at - MINUTE_MS);
      windows.set(method, window);
      const oldest = window[0];
      if (window.length >= perMinute && oldest !== undefined)
        // Rounded up, so a client that waits Retry-After finds a free slot.
        return { limited: true, retryAfter: Math.max(1, Math.ceil((oldest + MINUTE_MS - at) / 1000)) };
      window.push(at);
      return { limited: false };
    },
    reset: () => windows.clear(),
  };
}

/** Creates the limiter (Tier 3 by default); `now` is the emulator clock in milliseconds. */
export function createHistoryLimiter(
  limits: SlackHistoryLimits | undefined,
  now: () => number,
): HistoryLimiter {
  const { perMinute, maxLimit } = limits ?? TIER_3_HISTORY_LIMITS;
  if (!(perMinute >= 1) || !Number.isInteger(maxLimit) || maxLimit < 1)
    throw new SandboxError(
      SandboxErrorCode.InvalidOptions,
      `historyLimits needs perMinute >= 1 and an integer maxLimit >= 1, got ${JSON.stringify(limits)}`,
    );
  return { maxLimit, ...createMinuteLimiter(perMinute, now) };
}
