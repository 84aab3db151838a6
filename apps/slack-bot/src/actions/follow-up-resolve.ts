import { followUpResolveModal, readFollowUpResolveSubmission } from '@ccc-kit/slack-blocks';
import { FOLLOW_UPS_FORBIDDEN } from '../access.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { ephemeral, FOLLOW_UPS_NOT_CONFIGURED } from '../replies.ts';
import type { ActionInput } from './action-input.ts';
import { followUpAnswerText, followUpSession } from './follow-up.ts';

/**
 * **Resolved**: opens the modal asking how it ended (and an optional note). The click's `trigger_id` is
 * valid for 3 seconds, which is why this runs right after the ack, before anything else is asked.
 */
export async function openResolveModal(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const sessionId = await followUpSession(deps, inv, input);
  if (!sessionId || input.value === undefined) return;
  if (!input.triggerId) return inv.respond(ephemeral('Slack sent no trigger for the form: click again.'));
  try {
    await deps.slack.views.open({ trigger_id: input.triggerId, view: followUpResolveModal(input.value) });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message, sessionId }, 'resolve form not opened');
    await inv.respond(
      ephemeral('Slack did not open the form (it may have taken too long): click Resolved again.'),
    );
  }
}

/** What the view submission answers Slack: close the modal, or show an error on one of its fields. */
export type SubmissionAck =
  | { readonly response_action: 'errors'; readonly errors: Record<string, string> }
  | undefined;

/**
 * The submitted form: checks the person again, forwards `resolve` to the webhook, and answers Slack before
 * its 3 s: empty (the modal closes and the post updates) or an error on the form (already resolved, not
 * allowed, webhook unreachable), so the person learns it where they are looking.
 */
export async function submitResolve(deps: BotDeps, userId: string, view: unknown): Promise<SubmissionAck> {
  const error = (text: string): SubmissionAck => ({ response_action: 'errors', errors: { outcome: text } });
  if (!deps.followUps) return error(FOLLOW_UPS_NOT_CONFIGURED);
  if (deps.access.userRefusal(userId)) return error(deps.access.userRefusal(userId) as string);
  if (!(await deps.access.canFollowUp(userId))) return error(FOLLOW_UPS_FORBIDDEN);
  const form = readFollowUpResolveSubmission(view);
  if (!form.ok) {
    deps.logger.info({ user: userId, reason: form.reason }, 'resolve form refused');
    return form.reason.toLowerCase().includes('note')
      ? { response_action: 'errors', errors: { note: form.reason } }
      : error(form.reason);
  }
  const request = {
    action: 'resolve',
    sessionId: form.value.sessionId,
    userId,
    outcome: form.outcome,
    note: form.note,
  } as const;
  const answer = await deps.followUps.change(request);
  if (answer.ok) return undefined;
  if (answer.reason === 'unavailable')
    deps.logger.warn(
      { action: 'resolve', sessionId: request.sessionId, err: answer.detail },
      'follow-up not forwarded',
    );
  return error(followUpAnswerText(answer, 'resolve'));
}
