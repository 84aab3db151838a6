import { VOICEMAILS_FORBIDDEN } from '../access.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { noVoicemailReply, voicemailReply } from '../render.ts';
import type { ActionInput } from './action-input.ts';
import { hearableCall } from './hearable-call.ts';

/**
 * "Play voicemail" on a voicemail thread reply or on a call post whose thread has one: fresh
 * DescribeSessionDetail `VoicemailRecordURL` links (all of them, numbered when several), ephemeral. A
 * voicemail is a recording of the caller, so only users allowed to hear recordings get it; the links are
 * never stored, logged or shared.
 */
export async function playVoicemail(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const call = await hearableCall(deps, inv, input, { what: 'voicemail', refusal: VOICEMAILS_FORBIDDEN });
  if (!call) return;
  const urls = call.detail.VoicemailRecordURL.filter((url) => url !== '');
  deps.logger.info(
    { user: inv.userId, sessionId: call.sessionId, found: urls.length },
    'voicemail link requested',
  );
  await inv.respond(
    urls.length > 0 ? voicemailReply(call.sessionId, urls) : noVoicemailReply(call.sessionId),
  );
}
