import type { BackoffPolicy, Scheduler } from '@ccc-kit/timers';
import type { Logger } from 'pino';
import type { WebhookMetrics } from '../http/metrics.ts';
import type { ClaimedMessage, Store } from '../store/types.ts';
import type { OutboxMetadata, PostedMessage } from './metadata.ts';

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
  metadata: OutboxMetadata;
}) => Promise<{ ts: string }>;

/**
 * `chat.update` of one of our posts (the relay keeps its metadata). Updating is idempotent, so a lost
 * answer is simply updated again: no lookup needed.
 */
export type UpdateMessage = (args: {
  channel: string;
  ts: string;
  text: string;
  blocks?: readonly unknown[];
  metadata: OutboxMetadata;
}) => Promise<void>;

/** The window of a history lookup: a channel's messages, or a thread's replies, between two times (ms). */
export interface HistoryQuery {
  readonly channel: string;
  /** The thread's parent `ts` (conversations.replies), or null for the channel (conversations.history). */
  readonly threadTs: string | null;
  readonly oldest: number;
  readonly latest: number;
}

/**
 * Reads one page of a history lookup (`cursor` undefined for the first): our messages on it, and the next
 * cursor. Throws Slack's errors as `@slack/web-api` does (a 429 is waited out and the page read again).
 */
export type ReadHistoryPage = (
  query: HistoryQuery,
  cursor: string | undefined,
) => Promise<{ posted: readonly PostedMessage[]; next: string | undefined }>;

/** Options of `createRelay`. */
export interface RelayOptions {
  readonly store: Store;
  readonly post: PostMessage;
  /** Updates a call's post when its thread grows; without it such updates are dead-lettered. */
  readonly update?: UpdateMessage;
  /** Renders a claimed row; a throw dead-letters the row (a body that cannot be rendered never will be). */
  readonly render: (message: ClaimedMessage) => OutgoingMessage;
  /** Identifies this instance's leases; stable across restarts of one replica (e.g. the host name). */
  readonly owner: string;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  /** Messages per second per channel (Slack allows about 1). */
  readonly ratePerChannel: number;
  readonly maxAttempts: number;
  /**
   * Looks a message in doubt up in Slack before posting it again (`main.ts` adapts conversations.history
   * and conversations.replies). Without it, or without the scopes, a message in doubt is posted again: a
   * possible duplicate, counted and warned about.
   */
  readonly readHistoryPage?: ReadHistoryPage;
  /**
   * How long after an attempt started Slack may still post it (an answer that comes after our timeout):
   * a lookup waits until then, or it could miss a post still on its way. Default 0; the webhook uses twice
   * SLACK_TIMEOUT.
   */
  readonly settleMs?: number;
  /**
   * PostgreSQL replicas: relay only the channels this replica owns (one sender per channel deployment-wide),
   * each held `leaseMs` and renewed by every claim; a post starts only while the channel stays held for
   * `guardMs` more (the Slack call's timeout). Unset: no channel ownership (SQLite, one instance).
   */
  readonly channelLease?: { readonly leaseMs: number; readonly guardMs: number };
  readonly leaseMs?: number;
  readonly pollMs?: number;
  /** Retry waits of a failed post; default 500 ms doubling up to 60 s, with jitter. */
  readonly backoff?: BackoffPolicy;
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
   * backoff ends at once. With `timeoutMs`, it returns by then: a post still on the wire keeps its claim
   * (in doubt: its next holder looks in Slack before posting it again), everything else is released.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Claims now instead of at the next poll (called after each ingest batch). */
  wake(): void;
  /** `stopped` after an authentication failure, with the reason. */
  readonly status: () => { running: boolean; stoppedReason: string | null; inFlight: number };
}
