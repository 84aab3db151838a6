import type { ClaimedMessage } from '../store/types.ts';
import type { RelayContext } from './context.ts';
import { classifySlackError } from './slack-errors.ts';
import type { OutgoingMessage } from './types.ts';

/** What to do after a failed post: post again (`again`: a 429, not an attempt; `retry`), or nothing more. */
type NextStep = 'again' | 'retry' | 'done';

/**
 * Slack has the message; only our `sent` mark is missing. A store failure here must not post it again
 * (chat.postMessage has no idempotency key), so the mark is retried, not the post, until it lands or the
 * relay stops (found by the reliability suite: a full disk or a PostgreSQL cut doubled posts). Unlike
 * the other waits, `stop()` waits this one out: a mark lost at shutdown is a post made twice after it.
 */
async function recordSent(context: RelayContext, message: ClaimedMessage, ts: string): Promise<void> {
  const { store, logger, owner } = context.options;
  for (let attempt = 1; ; attempt++) {
    try {
      await store.markSent(message.id, owner, ts);
      return;
    } catch (error) {
      if (!context.state.running) throw error;
      const delay = context.waits.recordDelay(attempt);
      logger.warn(
        { err: error, outboxId: message.id, channel: message.channel, attempt },
        `Slack accepted the message but the store could not record it; retrying the record (not the post) in ${delay} ms`,
      );
      await context.waits.waitOut(delay);
    }
  }
}

/** One `chat.postMessage`; a failure is returned, not thrown. */
function post(context: RelayContext, message: ClaimedMessage, rendered: OutgoingMessage) {
  return context.options
    .post({
      channel: message.channel,
      text: rendered.text,
      ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    })
    .then(
      ({ ts }) => ({ ts }),
      (error: unknown) => ({ error }),
    );
}

/** Counts, logs and waits after a failed post, and says what comes next. */
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
    await store.deadLetter(message.id, owner, failure.reason);
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

/**
 * Delivers one claimed message: render, post, record. Retries happen in place (the channel waits), so a
 * channel's messages are posted in order; a 429 pauses only that channel for `Retry-After`; an auth
 * failure stops everything.
 */
export async function deliver(context: RelayContext, message: ClaimedMessage): Promise<void> {
  const { store, metrics, owner } = context.options;
  let rendered: OutgoingMessage;
  try {
    rendered = context.options.render(message);
  } catch (error) {
    await store.deadLetter(message.id, owner, `render failed: ${(error as Error).message}`);
    metrics.slackPosts.inc({ result: 'dead' });
    return;
  }
  for (let attempt = message.attempts + 1; context.state.running; attempt++) {
    const posted = await post(context, message, rendered);
    if ('ts' in posted) {
      await recordSent(context, message, posted.ts);
      metrics.slackPosts.inc({ result: 'sent' });
      return;
    }
    const next = await afterFailure(context, message, attempt, posted.error);
    if (next === 'done') return;
    if (next === 'again') attempt--; // a 429 is Slack's pacing, not a failed attempt
  }
}
