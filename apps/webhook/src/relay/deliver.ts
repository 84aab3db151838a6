import type { ClaimedMessage } from '../store/types.ts';
import { afterFailure, attemptPost, type NextStep, recordSent } from './attempt.ts';
import type { RelayContext } from './context.ts';
import type { Doubt } from './history-check.ts';
import type { OutgoingMessage } from './types.ts';
import { deliverUpdate } from './update.ts';

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
 * Delivers one claimed message: render, then attempts until one is settled (an update of a call's post
 * goes through `deliverUpdate`). Before an attempt the row is marked in doubt (a crash from here on leaves
 * that record); a message in doubt is looked up in Slack before it is posted again. Retries happen in place
 * (the channel waits), so a channel's messages are posted in order; a 429 pauses only that channel; an auth
 * failure stops everything. `claimedAt` is when this relay claimed the row: a lookup older than that cannot
 * speak for a post of a previous holder.
 */
export async function deliver(
  context: RelayContext,
  message: ClaimedMessage,
  claimedAt: number,
): Promise<void> {
  const rendered = await render(context, message);
  if (!rendered) return;
  try {
    if (message.kind === 'update') await deliverUpdate(context, message, rendered);
    else await deliverPost(context, message, rendered, claimedAt);
  } finally {
    context.state.posting.delete(message.id);
    context.history.forget(message);
  }
}

async function deliverPost(
  context: RelayContext,
  message: ClaimedMessage,
  rendered: OutgoingMessage,
  claimedAt: number,
): Promise<void> {
  const settleMs = context.options.settleMs ?? 0;
  let doubt: Doubt | null = message.inDoubt
    ? {
        since: message.firstAttemptAt ?? message.createdAt,
        notBefore: Math.max(claimedAt, (message.lastAttemptAt ?? 0) + settleMs),
      }
    : null;
  for (let attempt = message.attempts + 1; context.state.running; attempt++) {
    const outcome: { next: NextStep | 'post'; doubt?: Doubt } = doubt
      ? { next: await lookUp(context, message, doubt, attempt) }
      : await attemptPost(context, message, rendered, attempt);
    if (outcome.next === 'done') return;
    if (outcome.next === 'again') attempt--; // a 429 is Slack's pacing, not a failed attempt
    if (outcome.next === 'post') {
      doubt = null; // not in Slack: the next round posts, and does not count as an attempt
      attempt--;
    } else if (outcome.doubt) doubt = outcome.doubt;
  }
}

/**
 * Settles a doubt: waits until Slack must be done with the last attempt (a post answered late), then looks
 * the message up. Found: recorded with Slack's `ts` (`done`). Absent: `post`. A failed lookup is a failed
 * attempt (backoff, dead letter after the last one).
 */
async function lookUp(
  context: RelayContext,
  message: ClaimedMessage,
  doubt: Doubt,
  attempt: number,
): Promise<NextStep | 'post'> {
  const early = doubt.notBefore - context.now();
  if (early > 0) await context.waits.pause(early);
  if (!context.state.running) return 'done';
  const answer = await context.history.check(message, doubt);
  if ('found' in answer) {
    await recordSent(context, message, answer.found);
    return 'done';
  }
  if ('failed' in answer) return afterFailure(context, message, attempt, answer.failed);
  return 'post';
}
