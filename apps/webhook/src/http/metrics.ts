import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Results of the push counter and the ack histogram: a fixed set, like the `action` label (see
 * `request-values.ts`), so no request can add a series.
 */
export type PushResult =
  | 'stored'
  | 'duplicate'
  | 'rejected'
  | 'unauthorized'
  | 'too_large'
  | 'aborted'
  | 'unavailable';

/** The webhook's Prometheus metrics, on their own registry (no global state). */
export interface WebhookMetrics {
  readonly registry: Registry;
  readonly pushes: Counter<'action' | 'result'>;
  readonly ackSeconds: Histogram<'result'>;
  readonly slackPosts: Counter<'result'>;
  readonly historyChecks: Counter<'result'>;
  readonly historyCalls: Counter;
  readonly outboxDepth: Gauge<'state'>;
  readonly quarantined: Gauge;
  readonly quarantineEvicted: Counter;
  readonly prunedSessions: Counter;
  readonly reconcileFound: Counter<'kind'>;
  readonly followUps: Counter<'action' | 'result'>;
  readonly followUpsWaiting: Gauge<'state'>;
  readonly followUpResolveSeconds: Histogram<'by'>;
}

/** Creates the metric set. */
export function createMetrics(): WebhookMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    pushes: new Counter({
      name: 'ccc_webhook_pushes_total',
      help: 'Pushes received, by action (cdr, imcdr, record, voicemail, other) and result (stored, duplicate, rejected, unauthorized, too_large, aborted, unavailable)',
      labelNames: ['action', 'result'],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'ccc_webhook_ack_seconds',
      help: 'Time from request start to reply, by result',
      labelNames: ['result'],
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    followUpsWaiting: new Gauge({
      name: 'ccc_webhook_follow_ups_waiting',
      help: 'Missed calls waiting for a callback, by state: open (nobody has it) or taken (someone will call back)',
      labelNames: ['state'],
      registers,
    }),
    followUpResolveSeconds: new Histogram({
      name: 'ccc_webhook_follow_up_resolve_seconds',
      help: 'Time from a missed call to its resolution, by who resolved it: person (Resolved in Slack) or call (a later call reached the customer). Each resolution is counted by one replica: sum across replicas.',
      labelNames: ['by'],
      // Minutes to days: a support team's callbacks, not a request's latency.
      buckets: [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200],
      registers,
    }),
    followUps: new Counter({
      name: 'ccc_webhook_follow_ups_total',
      help: 'Follow-up changes forwarded by the bot, by action (take, resolve, reopen) and result (applied, unchanged, taken, resolved, not_resolved, no_call, unauthorized)',
      labelNames: ['action', 'result'],
      registers,
    }),
    slackPosts: new Counter({
      name: 'ccc_webhook_slack_posts_total',
      help: 'Slack API calls of the relay, by result (sent, updated, retried, rate_limited, dead, claim_lost)',
      labelNames: ['result'],
      registers,
    }),
    historyChecks: new Counter({
      name: 'ccc_webhook_history_checks_total',
      help: 'In-doubt messages looked up in Slack before posting again, by result (found, absent, no_scope, failed)',
      labelNames: ['result'],
      registers,
    }),
    historyCalls: new Counter({
      name: 'ccc_webhook_history_calls_total',
      help: 'conversations.history / conversations.replies pages read for in-doubt messages',
      registers,
    }),
    outboxDepth: new Gauge({
      name: 'ccc_webhook_outbox_messages',
      help: 'Outbox rows not delivered yet, by state: pending, sending, dead (dead letters)',
      labelNames: ['state'],
      registers,
    }),
    quarantined: new Gauge({
      name: 'ccc_webhook_quarantine_rows',
      help: 'Quarantined pushes kept',
      registers,
    }),
    quarantineEvicted: new Counter({
      name: 'ccc_webhook_quarantine_evicted_total',
      help: 'Quarantined pushes deleted, oldest first, to stay within QUARANTINE_MAX_ROWS',
      registers,
    }),
    prunedSessions: new Counter({
      name: 'ccc_webhook_pruned_sessions_total',
      help: 'Sessions deleted by retention (every push older than RETENTION_DAYS, every message sent)',
      registers,
    }),
    reconcileFound: new Counter({
      name: 'ccc_webhook_reconcile_found_total',
      help: 'Sessions found by reconciliation that no push had delivered, by kind (cdr: calls, imcdr: chats)',
      labelNames: ['kind'],
      registers,
    }),
  };
}
