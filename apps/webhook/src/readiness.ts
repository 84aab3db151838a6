import type { Logger } from 'pino';
import type { Relay } from './relay/types.ts';
import type { GroupCommitter, Store } from './store/index.ts';

/**
 * Why `/readyz` answers 503: a fixed word, never an error's text (the probe is open to anyone who reaches
 * the port, and a database error names hosts, users and tables).
 * - `relay_stopped`: Slack refused the bot token (`invalid_auth`, `token_revoked`); nothing is posted until
 *   SLACK_BOT_TOKEN is fixed and the webhook restarted.
 * - `commits_stalled`: a push has waited longer than COMMIT_STALL_TIMEOUT for its commit.
 * - `database`: the store does not answer a ping.
 */
export type NotReadyReason = 'relay_stopped' | 'commits_stalled' | 'database';

/** What {@link createReadiness} watches. */
export interface ReadinessDeps {
  readonly store: Pick<Store, 'ping'>;
  readonly committer: Pick<GroupCommitter, 'oldestPendingMs'>;
  readonly relay: Pick<Relay, 'status'>;
  /** A push waiting longer than this for its commit makes the webhook not ready; default 10,000 ms. */
  readonly commitStallMs?: number | undefined;
  readonly logger: Logger;
}

/**
 * The readiness check behind `/readyz`: null when ready, else the reason. The causes (the database's
 * error) are logged once per change of state, for the operator, instead of being answered.
 *
 * @example
 * const ready = createReadiness({ store, committer, relay, commitStallMs: 10_000, logger });
 * const reason = await ready(); // null, or 'relay_stopped' | 'commits_stalled' | 'database'
 */
export function createReadiness(deps: ReadinessDeps): () => Promise<NotReadyReason | null> {
  let last: NotReadyReason | null = null;
  const report = (reason: NotReadyReason | null, cause?: unknown): NotReadyReason | null => {
    if (reason !== last && reason) deps.logger.warn({ reason, err: cause }, `not ready: ${reason}`);
    else if (reason !== last) deps.logger.info('ready again');
    last = reason;
    return reason;
  };
  return async () => {
    if (deps.relay.status().stoppedReason) return report('relay_stopped');
    if (deps.committer.oldestPendingMs() > (deps.commitStallMs ?? 10_000)) return report('commits_stalled');
    try {
      await deps.store.ping();
      return report(null);
    } catch (error) {
      return report('database', error);
    }
  };
}
