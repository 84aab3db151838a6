/** Options of the per-channel posting limiter. */
export interface ChannelRateOptions {
  /** Sustained messages per second per channel (Slack: about 1). `Infinity` disables the limit. */
  readonly ratePerChannel: number;
  /** Messages allowed in a burst before the rate applies (Slack: "short bursts >1 allowed"). */
  readonly burstPerChannel: number;
  /** Emulator clock in milliseconds. */
  readonly now: () => number;
}

/** Decides whether a request is rate-limited: `retryAfter` in whole seconds when it is. */
export type RateDecision =
  | { readonly limited: false }
  | { readonly limited: true; readonly retryAfter: number };

/** The emulator's rate limits: a token bucket per channel for chat.postMessage, plus forced 429 storms. */
export interface RateLimiter {
  /** Takes one chat.postMessage token for `channelId`. */
  takePost(channelId: string): RateDecision;
  /** Consumes a forced 429 for a request touching `channelId` (undefined when it names none). */
  takeStorm(channelId: string | undefined): RateDecision;
  /** Answers the next `count` requests for `channel` (any request when `*`) with 429 + `retryAfterSeconds`. */
  storm(channel: string, count: number, retryAfterSeconds: number): void;
  reset(): void;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Creates the limiter. */
export function createRateLimiter(options: ChannelRateOptions): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const storms: { channel: string; remaining: number; retryAfter: number }[] = [];
  const { ratePerChannel: rate, burstPerChannel: burst, now } = options;
  return {
    takePost(channelId) {
      if (!Number.isFinite(rate)) return { limited: false };
      const at = now();
      const bucket = buckets.get(channelId) ?? { tokens: burst, updatedAt: at };
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * rate);
      bucket.updatedAt = at;
      buckets.set(channelId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { limited: false };
      }
      // Retry-After is whole seconds, rounded up so a client that honours it is never refused again.
      return { limited: true, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
    },
    takeStorm(channelId) {
      const index = storms.findIndex((s) => s.channel === '*' || s.channel === channelId);
      const storm = storms[index];
      if (!storm) return { limited: false };
      storm.remaining -= 1;
      if (storm.remaining <= 0) storms.splice(index, 1);
      return { limited: true, retryAfter: storm.retryAfter };
    },
    storm(channel, count, retryAfterSeconds) {
      storms.push({ channel, remaining: count, retryAfter: retryAfterSeconds });
    },
    reset() {
      buckets.clear();
      storms.length = 0;
    },
  };
}
