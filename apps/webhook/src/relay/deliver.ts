import type { ClaimedMessage, HeldClaim } from '../store/types.ts';
import type { RelayContext } from './context.ts';
import type { Doubt } from './history-check.ts';
import { mayHavePosted, outboxMetadata } from './metadata.ts';
import { classifySlackError } from './slack-errors.ts';
import type { OutgoingMessage } from './types.ts';

/** What to do after a failed post: post again (`again`: a 429, not an attempt; `retry`), or nothing more. */
type NextStep = 'again' | 'retry' | 'done';

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
async function recordSent(context: RelayContext, message: ClaimedMessage, ts: string): Promise<void> {
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
async function beginAttempt(
  context: RelayContext,
  message: ClaimedMessage,
): Promise<'go' | 'lost' | 'stopped'> {
  const { store, logger } = context.options;
  for (let attempt = 1; context.state.running; attempt++) {
    try {
      const guard = context.options.channelLease?.guardMs;
      const held = await store.beginAttempt(heldClaim(context, message), {
        at: context.now(),
        leaseMs: context.leaseMs,
        ...(guard === undefined ? {} : { channelGuardMs: guard }),
      });
      return held ? 'go' : 'lost';
    } catch (error) {
      const delay = context.waits.recordDelay(attempt);
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
async function afterFailure(
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

/** Renders `message`; a body that cannot be rendered never will be, so it is dead-lettered. */
async function render(context: RelayContext, message: ClaimedMessage): Promise<OutgoingMessage | null> {
  const { store, metrics, owner } = context.options;
  try {
    return context.options.render(message);
  } catch (error) {
    await store.deadLetter(message.id, owner, `render failed: ${(error as Error).message}`, message.fence);
    metrics.slackPosts.inc({ result: 'dead' });
    return null;
  }
}

/**
 * Delivers one claimed message: render, then attempts until one is settled. Before an attempt the row is
 * marked in doubt (a crash from here on leaves that record); a message in doubt is looked up in Slack
 * before it is posted again. Retries happen in place (the channel waits), so a channel's messages are
 * posted in order; a 429 pauses only that channel; an auth failure stops everything. `claimedAt` is when
 * this relay claimed the row: a lookup older than that cannot speak for a post of a previous holder.
 */
export async function deliver(
  context: RelayContext,
  message: ClaimedMessage,
  claimedAt: number,
): Promise<void> {
  const rendered = await render(context, message);
  if (!rendered) return;
  const { metrics, logger } = context.options;
  const settled = (attemptAt: number) => attemptAt + (context.options.settleMs ?? 0);
  let doubt: Doubt | null = message.inDoubt
    ? {
        since: message.firstAttemptAt ?? message.createdAt,
        notBefore: Math.max(claimedAt, settled(message.lastAttemptAt ?? 0)),
      }
    : null;
  try {
    for (let attempt = message.attempts + 1; context.state.running; attempt++) {
      if (doubt) {
        // Slack may still be working on the last attempt (a post answered late): wait until it cannot be.
        const early = doubt.notBefore - context.now();
        if (early > 0) await context.waits.pause(early);
        if (!context.state.running) return;
        const answer = await context.history.check(message, doubt);
        if ('found' in answer) return await recordSent(context, message, answer.found);
        if ('failed' in answer) {
          const next = await afterFailure(context, message, attempt, answer.failed);
          if (next === 'done') return;
          if (next === 'again') attempt--;
          continue;
        }
        doubt = null;
      }
      const begun = await beginAttempt(context, message);
      if (begun === 'lost') {
        metrics.slackPosts.inc({ result: 'claim_lost' });
        logger.warn({ outboxId: message.id, channel: message.channel }, 'claim taken over; not posting');
      }
      if (begun !== 'go') return;
      const startedAt = context.now();
      context.state.posting.add(message.id);
      const posted = await post(context, message, rendered);
      if ('ts' in posted) {
        await recordSent(context, message, posted.ts);
        metrics.slackPosts.inc({ result: 'sent' });
        return;
      }
      if (mayHavePosted(posted.error)) {
        doubt = { since: startedAt, notBefore: Math.max(context.now(), settled(startedAt)) };
        context.history.expect(message, startedAt);
      }
      const next = await afterFailure(context, message, attempt, posted.error);
      if (next === 'done') return;
      if (next === 'again') attempt--; // a 429 is Slack's pacing, not a failed attempt
    }
  } finally {
    context.state.posting.delete(message.id);
    context.history.forget(message);
  }
}
