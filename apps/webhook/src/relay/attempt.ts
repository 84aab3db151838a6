import type { ClaimedMessage, HeldClaim } from '../store/types.ts';
import type { RelayContext } from './context.ts';
import type { Doubt } from './history-check.ts';
import { mayHavePosted, outboxMetadata } from './metadata.ts';
import { classifySlackError } from './slack-errors.ts';
import type { OutgoingMessage } from './types.ts';

/** What to do after a failed post: post again (`again`: a 429, not an attempt; `retry`), or nothing more. */
export type NextStep = 'again' | 'retry' | 'done';

const heldClaim = (context: RelayContext, message: ClaimedMessage): HeldClaim => ({
  id: message.id,
  owner: context.options.owner,
  fence: message.fence,
});

/**
 * Slack has the message; only our `sent` mark is missing. A store failure here must not post it again
 * (chat.postMessage has no idempotency key), so the mark is retried, not the post, until it lands or the
 * relay stops (found by the reliability suite: a full disk or a PostgreSQL cut doubled posts). A mark
 * refused because the claim was taken over is fine: the row is in doubt, so its new holder finds the
 * message in Slack instead of posting it again.
 */
export async function recordSent(context: RelayContext, message: ClaimedMessage, ts: string): Promise<void> {
  const { store, logger, owner } = context.options;
  const log = { outboxId: message.id, channel: message.channel };
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await store.markSent(message.id, owner, ts, message.fence)))
        logger.warn(
          log,
          'posted, but the claim was taken over meanwhile; its new holder finds the post in Slack',
        );
      return;
    } catch (error) {
      if (!context.state.running) throw error;
      const delay = context.waits.recordDelay(attempt);
      logger.warn(
        { ...log, err: error, attempt },
        `Slack accepted the message but the store could not record it; retrying the record (not the post) in ${delay} ms`,
      );
      await context.waits.waitOut(delay);
    }
  }
}

/**
 * Records durably that a post is about to start (the row is in doubt until settled) and renews its lease.
 * `lost` when the claim was taken over (nothing may be posted); a store failure is retried until the relay
 * stops, since posting without the record could post twice after a crash.
 */
export async function beginAttempt(
  context: RelayContext,
  message: ClaimedMessage,
  attempt: number,
): Promise<'go' | 'lost' | 'stopped'> {
  const { store, logger } = context.options;
  for (let retry = 1; context.state.running; retry++) {
    try {
      const guard = context.options.channelLease?.guardMs;
      const held = await store.beginAttempt(heldClaim(context, message), {
        at: context.now(),
        leaseMs: context.leaseMs,
        attempt,
        ...(guard === undefined ? {} : { channelGuardMs: guard }),
      });
      return held ? 'go' : 'lost';
    } catch (error) {
      const delay = context.waits.recordDelay(retry);
      logger.warn({ err: error, outboxId: message.id }, `cannot record the attempt; retrying in ${delay} ms`);
      await context.waits.pause(delay);
    }
  }
  return 'stopped';
}

/** One `chat.postMessage` carrying the outbox metadata; a failure is returned, not thrown. */
function post(context: RelayContext, message: ClaimedMessage, rendered: OutgoingMessage) {
  return context.options
    .post({
      channel: message.channel,
      text: rendered.text,
      ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      metadata: outboxMetadata(message),
    })
    .then(
      ({ ts }) => ({ ts }),
      (error: unknown) => ({ error }),
    );
}

/** Counts, logs and waits after a failed post or lookup, and says what comes next. */
export async function afterFailure(
  context: RelayContext,
  message: ClaimedMessage,
  attempt: number,
  error: unknown,
): Promise<NextStep> {
  const { store, logger, metrics, owner, maxAttempts } = context.options;
  const failure = classifySlackError(error);
  const log = { outboxId: message.id, sessionId: message.sessionId, channel: message.channel, attempt };
  if (failure.action === 'stop') {
    context.stopForAuth(failure.reason);
    return 'done';
  }
  if (failure.action === 'wait') {
    metrics.slackPosts.inc({ result: 'rate_limited' });
    logger.warn(log, `Slack ${failure.reason}: channel paused`);
    await context.waits.pause(failure.ms);
    return 'again';
  }
  if (failure.action === 'dead' || attempt >= maxAttempts) {
    await store.deadLetter(message.id, owner, failure.reason, message.fence);
    metrics.slackPosts.inc({ result: 'dead' });
    logger.error(log, `message dead-lettered: ${failure.reason}`);
    return 'done';
  }
  metrics.slackPosts.inc({ result: 'retried' });
  const delay = context.waits.retryDelay(attempt);
  logger.warn(log, `Slack post failed (${failure.reason}); retrying in ${Math.round(delay)} ms`);
  await context.waits.pause(delay);
  return 'retry';
}

/** How an attempt ended: what comes next, and the doubt it left when it may have posted. */
export interface AttemptOutcome {
  readonly next: NextStep;
  readonly doubt?: Doubt;
}

/**
 * One attempt: recorded in doubt first (dropped when the claim was taken over), then posted and recorded.
 * A failure that may have posted leaves a doubt: Slack is looked up before the next attempt.
 */
export async function attemptPost(
  context: RelayContext,
  message: ClaimedMessage,
  rendered: OutgoingMessage,
  attempt: number,
): Promise<AttemptOutcome> {
  const { metrics, logger } = context.options;
  const begun = await beginAttempt(context, message, attempt);
  if (begun === 'lost') {
    metrics.slackPosts.inc({ result: 'claim_lost' });
    logger.warn({ outboxId: message.id, channel: message.channel }, 'claim taken over; not posting');
  }
  if (begun !== 'go') return { next: 'done' };
  const startedAt = context.now();
  context.state.posting.add(message.id);
  const posted = await post(context, message, rendered);
  if ('ts' in posted) {
    await recordSent(context, message, posted.ts);
    metrics.slackPosts.inc({ result: 'sent' });
    return { next: 'done' };
  }
  const doubt = mayHavePosted(posted.error)
    ? { since: startedAt, notBefore: Math.max(context.now(), startedAt + (context.options.settleMs ?? 0)) }
    : undefined;
  if (doubt) context.history.expect(message, startedAt);
  return { next: await afterFailure(context, message, attempt, posted.error), ...(doubt ? { doubt } : {}) };
}
