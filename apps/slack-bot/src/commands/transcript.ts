import type { Audience, BotDeps, Invocation } from '../deps.ts';
import { shareable } from '../render.ts';
import { callWithoutTranscriptReply } from '../render-asr.ts';
import {
  nounOf,
  privateDeliveryNote,
  sharedComment,
  sharedReply,
  transcriptFile,
  transcriptReply,
} from '../render-transcript.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';
import { sendTranscriptToUser } from './transcript-dm.ts';
import { fetchTranscript, isShowable, type ShowableSource } from './transcript-source.ts';
import { uploadTranscript } from './transcript-upload.ts';

/**
 * Share: the whole transcript as a file in the channel of the click, with who shared it. The answer goes
 * to the clicker alone (done, or why not: nothing is half-shared).
 */
async function shareInChannel(
  deps: BotDeps,
  inv: Invocation,
  source: ShowableSource,
): Promise<LookupOutcome> {
  const outcome = inv.channelId
    ? await uploadTranscript(deps, inv.channelId, transcriptFile(source), sharedComment(source, inv.userId))
    : ({ ok: false, cannotPost: true, error: 'no channel' } as const);
  deps.logger.info({ user: inv.userId, channel: inv.channelId, shared: outcome.ok }, 'transcript shared');
  return { reply: sharedReply(source, outcome, deps.botName()), note: true };
}

/**
 * `/ccc transcript`: private by default. The requester gets a preview in an ephemeral reply and the whole
 * transcript as a file in their direct messages with the bot; the channel gets the file only when they press
 * Share (`audience: 'channel'`). Call transcripts need the recording permission (checked by
 * `fetchTranscript`, again on Share).
 */
export async function lookupTranscript(
  deps: BotDeps,
  inv: Invocation,
  request: Extract<LookupRequest, { kind: 'transcript' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  const source = await fetchTranscript(deps, inv.userId, request.sessionId);
  if (!isShowable(source))
    return { reply: callWithoutTranscriptReply(request.sessionId, source.asr), note: true };
  // An empty chat: say so, without an empty file.
  if (source.kind === 'chat' && source.messages.length === 0)
    return { reply: transcriptReply(source, undefined), note: true };
  if (audience === 'channel') return shareInChannel(deps, inv, source);
  const outcome = await sendTranscriptToUser(deps, inv, transcriptFile(source), {
    noun: nounOf(source).toLowerCase(),
    sessionId: request.sessionId,
  });
  const reply = transcriptReply(source, privateDeliveryNote(outcome, deps.botName()));
  return { reply: shareable(reply, request, deps.now()) };
}
