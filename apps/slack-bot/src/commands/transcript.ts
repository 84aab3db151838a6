import type { Audience, BotDeps, Invocation } from '../deps.ts';
import { shareable } from '../render.ts';
import { asrNotEnabledReply, transcriptFile, transcriptReply } from '../render-transcript.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';
import { fetchTranscript } from './transcript-source.ts';
import { uploadTranscript } from './transcript-upload.ts';

/**
 * `/ccc transcript`: a preview in the reply, and the whole transcript as a text file in the conversation
 * of the command (only the first time: sharing posts the preview, the file is already there).
 */
export async function lookupTranscript(
  deps: BotDeps,
  inv: Invocation,
  request: Extract<LookupRequest, { kind: 'transcript' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  const source = await fetchTranscript(deps, request.sessionId);
  if (source.kind === 'call' && source.sentences.length === 0)
    return { reply: asrNotEnabledReply(request.sessionId), note: true };
  // An empty chat: say so, without an empty file.
  if (source.kind === 'chat' && source.messages.length === 0)
    return { reply: transcriptReply(source, undefined), note: true };
  if (audience === 'channel') return { reply: transcriptReply(source, undefined) };
  const outcome = await uploadTranscript(deps, { channelId: inv.channelId, ...transcriptFile(source) });
  const reply = transcriptReply(source, outcome.ok ? undefined : outcome.note);
  return { reply: shareable(reply, request, deps.now()) };
}
