import type { Audience, BotDeps } from '../deps.ts';
import { sessionStateReply, shareable } from '../render.ts';
import { needDesk } from './backends.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';

/** `/ccc state`: Desk get_session_state, in words (chatbot, queue, agent). */
export async function lookupState(
  deps: BotDeps,
  request: Extract<LookupRequest, { kind: 'state' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  const state = await needDesk(deps).getSessionState(request.query);
  const reply = sessionStateReply(state);
  if (audience === 'channel') return { reply };
  // A customer query is shared as the session it resolved to.
  const sessionId = 'sessionId' in request.query ? request.query.sessionId : state.SessionId;
  return { reply: sessionId ? shareable(reply, { kind: 'state', query: { sessionId } }, deps.now()) : reply };
}
