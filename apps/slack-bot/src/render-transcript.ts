import { type AsrData, ChatMessage } from '@ccc-kit/schemas';
import { transcriptPreview, transcriptText } from '@ccc-kit/slack-blocks';
import type { KnownBlock } from '@slack/web-api';
import * as v from 'valibot';
import type { CallFacts } from './commands/call-facts.ts';
import { speakerRole } from './commands/speakers.ts';
import type { ShowableSource } from './commands/transcript-source.ts';
import type { TranscriptFile, UploadOutcome } from './commands/transcript-upload.ts';
import type { Reply } from './deps.ts';
import { ephemeral } from './replies.ts';

/** Messages shown in the reply; the file has them all. */
export const PREVIEW_MESSAGES = 10;

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

// Desk's FromAccountRole: 1 customer, 2 agent; a speaker the call's records do not name has no role.
const ROLE_CODES = { customer: 1, agent: 2, unknown: undefined } as const;

/**
 * A speech-recognition sentence as a chat message, so calls and chats render the same way. The speaker's
 * role comes from the call's own records (agent accounts and numbers, the customer's number), never from the
 * shape of `User`; the renderers mask numbers.
 */
function asrAsMessage(sentence: AsrData, facts: CallFacts | undefined): ChatMessage {
  return v.parse(ChatMessage, {
    FromAccount: sentence.User ?? '',
    FromAccountRole: ROLE_CODES[speakerRole(facts, sentence.User)],
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: sentence.Message ?? '' } }],
    Timestamp: sentence.Start ?? sentence.Timestamp ?? 0,
  });
}

const messagesOf = (source: ShowableSource): readonly ChatMessage[] =>
  source.kind === 'chat'
    ? source.messages
    : source.asr.sentences.map((s) => asrAsMessage(s, source.asr.facts));

/** `Chat` or `Call`. */
export const nounOf = (source: { readonly kind: 'chat' | 'call' }): string =>
  source.kind === 'chat' ? 'Chat' : 'Call';

/** The transcript file: one line per message or sentence, `[time] Role sender: text` (numbers masked). */
export function transcriptFile(source: ShowableSource): TranscriptFile {
  return {
    filename: `transcript-${source.sessionId.replace(/[^\w.-]/g, '_')}.txt`,
    title: `${nounOf(source)} transcript ${source.sessionId}`,
    content: transcriptText(messagesOf(source)),
  };
}

/** The preview reply (first messages), with a note under it (where the file went, or why it did not). */
export function transcriptReply(source: ShowableSource, note: string | undefined): Reply {
  const preview = transcriptPreview(messagesOf(source), PREVIEW_MESSAGES);
  const mrkdwn = (text: string): KnownBlock => ({
    type: 'context',
    elements: [{ type: 'mrkdwn', text, verbatim: true }],
  });
  return {
    text: `${nounOf(source)} ${source.sessionId}: ${preview.text}`,
    blocks: [
      mrkdwn(`*${nounOf(source)}* ${code(source.sessionId)}`),
      ...preview.blocks,
      ...(note ? [mrkdwn(note)] : []),
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** The note under a preview: the file is in the requester's direct messages, or why it is not. */
export function privateDeliveryNote(outcome: UploadOutcome, botName: string): string {
  if (outcome.ok)
    return `:lock: The full transcript is in your direct messages with @${botName}: only you can see it. *Share to channel* posts it here for everyone.`;
  return `:warning: I couldn't send you the transcript file in a direct message (${outcome.error}); the preview above is all I can show.`;
}

/** The answer to Share: the file is in the channel now, or why it could not be posted. */
export function sharedReply(source: ShowableSource, outcome: UploadOutcome, botName: string): Reply {
  if (outcome.ok)
    return ephemeral(
      `Shared: the ${nounOf(source).toLowerCase()} transcript of ${code(source.sessionId)} is now in this channel.`,
    );
  if (outcome.cannotPost)
    return ephemeral(
      `I can't post files in this channel — invite me with /invite @${botName}, then press Share again. Nothing was shared.`,
    );
  return ephemeral(`I couldn't share the transcript file (${outcome.error}). Nothing was shared.`);
}

/** The first comment of a shared transcript file: what it is and who shared it. */
export const sharedComment = (source: ShowableSource, userId: string): string =>
  `${nounOf(source)} transcript ${code(source.sessionId)}, shared by <@${userId}>.`;
