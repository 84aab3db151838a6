import { decodeActionValue, slackDate } from '@ccc-kit/slack-blocks';
import { FOLLOW_UPS_FORBIDDEN } from '../access.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import type { FollowUpAnswer, FollowUpRequest } from '../follow-up-client.ts';
import { ephemeral, FOLLOW_UPS_NOT_CONFIGURED } from '../replies.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

const at = (ms: number | null): string => (ms === null ? '' : ` since ${slackDate(Math.floor(ms / 1000))}`);

/** What the clicker reads after a change: what happened, or why nothing did. */
export function followUpAnswerText(answer: FollowUpAnswer, action: FollowUpRequest['action']): string {
  if (answer.ok) {
    if (action === 'take')
      return answer.changed ? 'You have it: the post now says you will call back.' : 'You already have it.';
    if (action === 'reopen')
      return answer.changed ? 'Reopened: the call needs a follow-up again.' : 'It is already open.';
    if (action === 'callback') return 'The callback is recorded on the post.';
    return 'Resolved: the post now says so.';
  }
  switch (answer.reason) {
    case 'taken':
      return `<@${answer.followUp.takenBy}> already has this call${at(answer.followUp.takenAt)}.`;
    case 'resolved':
      return `This call was already resolved by <@${answer.followUp.resolvedBy}>${at(answer.followUp.resolvedAt)}; press Reopen if it needs more.`;
    case 'not_resolved':
      return 'This call is not resolved: nothing to reopen.';
    case 'no_call':
      return 'This call is not one the webhook posted (or it was removed by retention).';
    case 'unavailable':
      return 'I could not reach the webhook just now: try again in a moment.';
  }
}

/**
 * Checks a follow-up click before anything is asked: configured, the clicker allowed, a value this bot
 * wrote. Returns the call's session id, or answers the clicker and returns undefined.
 */
export async function followUpSession(
  deps: BotDeps,
  inv: Invocation,
  input: ActionInput,
): Promise<string | undefined> {
  if (!deps.followUps) return void (await inv.respond(ephemeral(FOLLOW_UPS_NOT_CONFIGURED)));
  if (!(await deps.access.canFollowUp(inv.userId)))
    return void (await inv.respond(ephemeral(FOLLOW_UPS_FORBIDDEN)));
  const decoded = decodeActionValue(input.value);
  if (!decoded.ok || !('sessionId' in decoded.value)) return void (await inv.respond(invalidButtonReply()));
  return decoded.value.sessionId;
}

/** Forwards a change and tells the clicker, privately, what came of it; `unavailable` is logged. */
export async function forwardFollowUp(
  deps: BotDeps,
  inv: Invocation,
  request: FollowUpRequest,
): Promise<FollowUpAnswer> {
  const answer = await (deps.followUps as NonNullable<BotDeps['followUps']>).change(request);
  if (!answer.ok && answer.reason === 'unavailable')
    deps.logger.warn(
      { action: request.action, sessionId: request.sessionId, err: answer.detail },
      'follow-up not forwarded',
    );
  await inv.respond(ephemeral(followUpAnswerText(answer, request.action)));
  return answer;
}

/** **I'll call back**: takes the call for the clicker; whoever has it already is named, privately. */
export async function takeFollowUp(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const sessionId = await followUpSession(deps, inv, input);
  if (sessionId) await forwardFollowUp(deps, inv, { action: 'take', sessionId, userId: inv.userId });
}

/** **Reopen**: a resolved call needs a follow-up again. */
export async function reopenFollowUp(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const sessionId = await followUpSession(deps, inv, input);
  if (sessionId) await forwardFollowUp(deps, inv, { action: 'reopen', sessionId, userId: inv.userId });
}
