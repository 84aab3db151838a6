import type { ClaimedMessage } from '../store/types.ts';
import { afterFailure, beginAttempt, recordSent } from './attempt.ts';
import type { RelayContext } from './context.ts';
import { OUTBOX_EVENT_TYPE, type OutboxMetadata } from './metadata.ts';
import type { OutgoingMessage } from './types.ts';

/** The metadata of the post being updated (its own outbox row), so a later lookup still recognises it. */
const parentMetadata = (message: ClaimedMessage): OutboxMetadata => ({
  event_type: OUTBOX_EVENT_TYPE,
  event_payload: { outbox_id: message.parentId ?? message.id, session_id: message.sessionId, kind: 'post' },
});

async function deadLetter(context: RelayContext, message: ClaimedMessage, reason: string): Promise<void> {
  const { store, owner, metrics, logger } = context.options;
  await store.deadLetter(message.id, owner, reason, message.fence);
  metrics.slackPosts.inc({ result: 'dead' });
  logger.warn({ outboxId: message.id, channel: message.channel }, `post update dead-lettered: ${reason}`);
}

/**
 * Updates a call's post in place (`chat.update`) after a recording or voicemail joined its thread. Each
 * attempt is recorded first, like a post (the claim must still be ours, the channel still held), but an
 * update is idempotent: one whose answer was lost is simply sent again, never looked up. The row is marked
 * sent with the post's `ts`. A post that was never sent (dead) has nothing to update.
 */
export async function deliverUpdate(
  context: RelayContext,
  message: ClaimedMessage,
  rendered: OutgoingMessage,
): Promise<void> {
  const { update, metrics } = context.options;
  const ts = message.threadTs;
  if (!ts) return deadLetter(context, message, 'post_not_sent');
  if (!update) return deadLetter(context, message, 'updates_not_configured');
  for (let attempt = message.attempts + 1; context.state.running; attempt++) {
    if ((await beginAttempt(context, message, attempt)) !== 'go') return;
    const failure = await update({
      channel: message.channel,
      ts,
      text: rendered.text,
      ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
      metadata: parentMetadata(message),
    }).then(
      () => null,
      (error: unknown) => ({ error }),
    );
    if (!failure) {
      await recordSent(context, message, ts);
      metrics.slackPosts.inc({ result: 'updated' });
      return;
    }
    const next = await afterFailure(context, message, attempt, failure.error);
    if (next === 'done') return;
    if (next === 'again') attempt--;
  }
}
