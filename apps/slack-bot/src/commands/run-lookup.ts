import { randomUUID } from 'node:crypto';
import type { Audience, BotDeps, Invocation, Reply } from '../deps.ts';
import { isBotError } from '../errors.ts';
import { describeFailure, isSessionNotFound } from '../failures.ts';
import { failureReply, notFoundReply } from '../render.ts';
import { ephemeral } from '../replies.ts';
import { lookupCall } from './call.ts';
import { lookupCalls } from './calls.ts';
import { lookupMissed } from './missed.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';
import { lookupSessions } from './sessions.ts';
import { lookupState } from './state.ts';
import { lookupStats } from './stats.ts';
import { lookupTranscript } from './transcript.ts';

async function answer(
  deps: BotDeps,
  inv: Invocation,
  request: LookupRequest,
  audience: Audience,
): Promise<LookupOutcome> {
  switch (request.kind) {
    case 'state':
      return lookupState(deps, request, audience);
    case 'transcript':
      return lookupTranscript(deps, inv, request, audience);
    case 'call':
      return lookupCall(deps, request, audience);
    case 'sessions':
      return lookupSessions(deps, request, audience);
    case 'calls':
      return lookupCalls(deps, request, audience);
    case 'missed':
      return lookupMissed(deps, request, audience);
    case 'stats':
      return lookupStats(deps, inv, request, audience);
  }
}

/**
 * Runs a lookup and answers through the response URL: ephemeral with a Share button, or in the channel.
 * Failures become friendly replies (not found, not configured, Tencent errors) and are logged with
 * Tencent's request id.
 */
export async function runLookup(
  deps: BotDeps,
  inv: Invocation,
  request: LookupRequest,
  audience: Audience,
  options: { readonly replaceOriginal?: boolean } = {},
): Promise<void> {
  let reply: Reply;
  try {
    const outcome = await answer(deps, inv, request, audience);
    const inChannel = audience === 'channel' && !outcome.note;
    reply = { ...outcome.reply, response_type: inChannel ? 'in_channel' : 'ephemeral' };
  } catch (error) {
    reply = replyForFailure(deps, inv, request, error);
  }
  await inv.respond(options.replaceOriginal ? { ...reply, replace_original: true } : reply);
}

/** The reply to a failed lookup; logs it (with Tencent's request id) unless it is a plain "not found". */
export function replyForFailure(
  deps: BotDeps,
  inv: Invocation,
  request: LookupRequest,
  error: unknown,
): Reply {
  const facts = describeFailure(error);
  if (isSessionNotFound(error)) {
    deps.logger.info({ ...facts, lookup: request.kind, user: inv.userId }, 'session not found');
    return notFoundReply(request);
  }
  if (isBotError(error)) return ephemeral(error.message);
  // Desk answers carry no request id: the reference shown to the user is logged instead.
  const reference = typeof facts.requestId === 'string' ? facts.requestId : randomUUID().slice(0, 8);
  deps.logger.warn({ ...facts, reference, lookup: request.kind, user: inv.userId }, 'lookup failed');
  return failureReply(error, reference);
}
