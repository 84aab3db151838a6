import type { Audience, BotDeps } from '../deps.ts';
import { BotError, BotErrorCode } from '../errors.ts';
import { emailOf } from '../people.ts';
import { shareable } from '../render.ts';
import { callsReply } from '../render-calls.ts';
import { fetchCallsPage, type ResolvedCallsQuery } from './calls-page.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';

type CallsRequest = Extract<LookupRequest, { kind: 'calls' }>;

/** The request with its agent known by email: an @mention is looked up in Slack (`users.info`). */
async function resolve(deps: BotDeps, request: CallsRequest): Promise<CallsRequest & ResolvedCallsQuery> {
  const { filter } = request;
  if (filter.kind !== 'mention') return { ...request, filter };
  const found = await emailOf(deps, filter.userId);
  if (!found.ok) throw new BotError(BotErrorCode.PersonUnknown, found.reason);
  return { ...request, filter: { kind: 'agent', email: found.email } };
}

/**
 * `/ccc calls` and its More button: a page of a customer's calls (by number) or an agent's (by email or
 * @mention), newest first, each with a Details button.
 */
export async function lookupCalls(
  deps: BotDeps,
  request: CallsRequest,
  audience: Audience,
): Promise<LookupOutcome> {
  const resolved = await resolve(deps, request);
  const page = await fetchCallsPage(deps, resolved);
  const reply = callsReply(page, resolved, audience === 'channel');
  return { reply: audience === 'ephemeral' ? shareable(reply, resolved, deps.now()) : reply };
}
