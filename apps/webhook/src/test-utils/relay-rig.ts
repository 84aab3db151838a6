import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { type VirtualClock, virtualClock } from '@ccc-kit/sandbox/clock';
import type { SlackEmulatorOptions } from '@ccc-kit/sandbox/slack';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { createMetrics, type WebhookMetrics } from '../http/metrics.ts';
import { createRelay, type Relay, type RelayOptions } from '../relay/relay.ts';
import { historyReader, silentSlackLogger } from '../slack-client.ts';
import { openStore, type Store } from '../store/index.ts';

/** Where the rig's virtual clock starts (epoch ms): times in tests are relative to it. */
export const T0 = Date.UTC(2026, 0, 12, 9);

/** A relay on a virtual clock, a SQLite store in a temp dir, and the sandbox's Slack on the same clock. */
export interface RelayRig {
  readonly clock: VirtualClock;
  readonly sandbox: Sandbox;
  readonly store: Store;
  readonly relay: Relay;
  readonly metrics: WebhookMetrics;
  /** The relay's log lines, parsed (`msg`, `level`, bindings). */
  readonly logs: Record<string, unknown>[];
  /** Stores one call per session, each with one post to `channel`, received now, and wakes the relay. */
  enqueue(channel: string, ...sessionIds: string[]): Promise<void>;
  /** chat.postMessage requests that reached Slack for `channel`: ms after T0, and the session posted. */
  requests(channel: string): { at: number; session: unknown; status: number }[];
  /** `slack_posts_total` by result. */
  posts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * The real WebClient against the sandbox, set up like the webhook's (one attempt per call, 429s thrown):
 * posts and history pages, as io of `clock`.
 */
export function sandboxSlack(
  sandbox: Sandbox,
  clock: VirtualClock,
): Pick<RelayOptions, 'post' | 'readHistoryPage'> {
  const slack = new WebClient(sandbox.credentials.slack.token, {
    slackApiUrl: sandbox.slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: silentSlackLogger,
  });
  const history = historyReader(slack);
  return {
    post: (args) => clock.io(slack.chat.postMessage(args as never)).then((r) => ({ ts: r.ts as string })),
    readHistoryPage: (query, cursor) => clock.io(history(query, cursor)),
  };
}

/** Options of {@link startRelayRig}: relay options to override, and a store wrapper to inject faults. */
export type RelayRigOptions = Partial<RelayOptions> & {
  readonly wrapStore?: (store: Store, clock: VirtualClock) => Store;
  /** Options of the sandbox's Slack emulator (its clock and rate are the rig's unless given). */
  readonly slack?: Omit<SlackEmulatorOptions, 'now'>;
};

/**
 * Starts the rig and its relay at T0. Messages render as their session ID, so Slack's request log tells
 * which message each request carried.
 */
export async function startRelayRig(options: RelayRigOptions = {}): Promise<RelayRig> {
  const { wrapStore = (store: Store) => store, slack, ...overrides } = options;
  const clock = virtualClock(T0);
  const sandbox = await startSandbox({
    slack: { ratePerChannel: Number.POSITIVE_INFINITY, ...slack, now: () => clock.fake.now },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ccc-relay-'));
  const store = await openStore(`sqlite:${join(dir, 'webhook.db')}`);
  const logs: Record<string, unknown>[] = [];
  const metrics = createMetrics();
  const relay = createRelay({
    store: wrapStore(store, clock),
    ...sandboxSlack(sandbox, clock),
    render: (message) => ({ text: message.sessionId }),
    owner: 'rig',
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
    metrics,
    ratePerChannel: 1000,
    maxAttempts: 5,
    backoff: { baseDelayMs: 100, maxDelayMs: 10_000 },
    random: () => 0.5,
    scheduler: clock.scheduler,
    ...overrides,
  });
  relay.start();
  return {
    clock,
    sandbox,
    store,
    relay,
    metrics,
    logs,
    async enqueue(channel, ...sessionIds) {
      await clock.advance(0); // the relay reaches its poll wait first, as in the webhook
      await store.ingest(
        sessionIds.map((sessionId) => ({
          kind: 'cdr' as const,
          dedupeKey: `cdr:${sessionId}`,
          sessionId,
          pushId: null,
          source: 'push' as const,
          body: JSON.stringify({ SessionId: sessionId }),
          receivedAt: clock.fake.now,
          deliveries: [{ channel }],
        })),
      );
      relay.wake();
    },
    requests: (channel) =>
      sandbox.slack
        .requests('chat.postMessage')
        .filter((r) => r.channel === channel)
        .map((r) => ({ at: r.at - T0, session: r.params.text, status: r.status })),
    async posts() {
      const { values } = await metrics.slackPosts.get();
      return Object.fromEntries(values.map((v) => [String(v.labels.result), v.value]));
    },
    async stop() {
      await relay.stop();
      await store.close();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
