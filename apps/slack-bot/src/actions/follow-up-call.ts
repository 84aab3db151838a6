import { callbackUui, maskNumber } from '@ccc-kit/cdr-parser';
import { decodeActionValue } from '@ccc-kit/slack-blocks';
import type { BotDeps, Invocation } from '../deps.ts';
import { describeFailure } from '../failures.ts';
import { ephemeral, notConfiguredReply } from '../replies.ts';
import type { ActionInput } from './action-input.ts';
import { agentOf, callOutRefusal, customerOf } from './callback-target.ts';
import { followUpAnswerText, followUpSession } from './follow-up.ts';

/**
 * **Call back now**: a dual call from the clicker's own CCC agent account (Tencent rings their mobile, then
 * the customer). In order, each step answering the clicker privately when it stops: who they are in CCC,
 * whom to call, take the call (refused when someone else has it), CreateCallOutSession (never retried:
 * it rings phones), then the webhook records the callback so the post says who is calling back. The
 * callback's own CDR later closes the missed call by itself.
 */
export async function callBackNow(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const sessionId = await followUpSession(deps, inv, input);
  const followUps = deps.followUps;
  if (!sessionId || !followUps) return;
  const decoded = decodeActionValue(input.value);
  if (!decoded.ok) return;
  const ccc = deps.ccc;
  if (!ccc) return inv.respond(notConfiguredReply('call'));
  try {
    const agent = await agentOf(deps, ccc, inv.userId);
    if (!agent.ok) return inv.respond(ephemeral(agent.reason));
    const customer = await customerOf(ccc, sessionId, decoded.value);
    if (!customer.ok) return inv.respond(ephemeral(customer.reason));
    const taken = await followUps.change({ action: 'take', sessionId, userId: inv.userId });
    if (!taken.ok) return inv.respond(ephemeral(followUpAnswerText(taken, 'take')));
    const uui = callbackUui(sessionId);
    const call = await ccc.createCallOutSession({
      userId: agent.value.mail,
      callee: customer.value.callee,
      uui,
    });
    const recorded = await followUps.change({
      action: 'callback',
      sessionId,
      userId: inv.userId,
      callbackSession: call.SessionId,
    });
    if (!recorded.ok)
      deps.logger.warn(
        { sessionId, callback: call.SessionId, reason: recorded.reason },
        'callback not recorded',
      );
    const phone = maskNumber(agent.value.phone);
    await inv.respond(
      ephemeral(
        `Calling you on ${phone} now; when you answer, Tencent calls the customer (${customer.value.masked}). The post updates when the call ends.`,
      ),
    );
  } catch (error) {
    const refusal = callOutRefusal(error);
    deps.logger.warn({ err: describeFailure(error), sessionId, user: inv.userId }, 'call back failed');
    await inv.respond(
      ephemeral(
        refusal ??
          'The call could not be started (Tencent did not answer as expected): try again, or call from the workstation.',
      ),
    );
  }
}
