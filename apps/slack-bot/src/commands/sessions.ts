import type { Audience, BotDeps } from '../deps.ts';
import { sessionListReply, shareable } from '../render.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';
import { fetchSessionsPage } from './sessions-page.ts';

/** `/ccc sessions` and its More button: one page of recent chat sessions, newest first. */
export async function lookupSessions(
  deps: BotDeps,
  request: Extract<LookupRequest, { kind: 'sessions' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  const page = await fetchSessionsPage(deps, request);
  const reply = sessionListReply(page, request);
  return { reply: audience === 'ephemeral' ? shareable(reply, request, deps.now()) : reply };
}
