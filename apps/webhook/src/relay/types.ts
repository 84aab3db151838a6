import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
import type { Backoff, Scheduler } from '../scheduler.ts';
import type { ClaimedMessage, Store } from '../store/types.ts';

/** A message ready for `chat.postMessage` (what `@ccc-kit/slack-blocks` builds). */
export interface OutgoingMessage {
  readonly text: string;
  readonly blocks?: readonly unknown[];
}

/** The one Slack call the relay makes; `main.ts` adapts a WebClient to it. */
export type PostMessage = (args: {
  channel: string;
  text: string;
  blocks?: readonly unknown[];
  thread_ts?: string;
}) => Promise<{ ts: string }>;

/** Options of `createRelay`. */
export interface RelayOptions {
  readonly store: Store;
  readonly post: PostMessage;
  /** Renders a claimed row; a throw dead-letters the row (a body that cannot be rendered never will be). */
  readonly render: (message: ClaimedMessage) => OutgoingMessage;
  /** Identifies this instance's leases; stable across restarts of one replica (e.g. the host name). */
  readonly owner: string;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  /** Messages per second per channel (Slack allows about 1). */
  readonly ratePerChannel: number;
  readonly maxAttempts: number;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly backoffMs?: Backoff;
  /** Timers (poll, pacing, backoff, Retry-After) and the clock; default the real ones. */
  readonly scheduler?: Scheduler;
  /** Overrides `scheduler.now` for claims and leases only (e.g. a skewed clock); timers stay on `scheduler`. */
  readonly now?: () => number;
  /** Jitter source of the retry backoff; default `Math.random`. */
  readonly random?: () => number;
}

/** The outbox relay: claims due rows and posts them to Slack, per-channel in order and within Slack's rate. */
export interface Relay {
  start(): void;
  /**
   * Stops claiming, lets in-flight posts finish, releases unsent claims. A `Retry-After` pause or a post's
   * backoff ends at once; only the backoff of recording a post Slack accepted is waited out.
   */
  stop(): Promise<void>;
  /** Claims now instead of at the next poll (called after each ingest batch). */
  wake(): void;
  /** `stopped` after an authentication failure, with the reason. */
  readonly status: () => { running: boolean; stoppedReason: string | null; inFlight: number };
}
