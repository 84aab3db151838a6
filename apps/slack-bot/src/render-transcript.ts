import { type AsrData, ChatMessage } from '@ccc-kit/schemas';
import { transcriptPreview, transcriptText } from '@ccc-kit/slack-blocks';
import type { KnownBlock } from '@slack/web-api';
import * as v from 'valibot';
import type { TranscriptSource } from './commands/transcript-source.ts';
import type { Reply } from './deps.ts';
import { ephemeral } from './replies.ts';

/** Messages shown in the reply; the file has them all. */
export const PREVIEW_MESSAGES = 10;

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/**
 * A speech-recognition sentence as a chat message, so calls and chats render the same way. DescribeTelRecordAsr
 * only names the speaker (`User`): agent accounts are emails (Tencent's example), the customer side is a
 * number, which the renderers mask.
 */
function asrAsMessage(sentence: AsrData): ChatMessage {
  const speaker = sentence.User ?? '';
  return v.parse(ChatMessage, {
    FromAccount: speaker,
    FromAccountRole: speaker.includes('@') ? 2 : 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: sentence.Message ?? '' } }],
    Timestamp: sentence.Start ?? sentence.Timestamp ?? 0,
  });
}

const messagesOf = (source: TranscriptSource): readonly ChatMessage[] =>
  source.kind === 'chat' ? source.messages : source.sentences.map(asrAsMessage);

const noun = (source: TranscriptSource): string => (source.kind === 'chat' ? 'Chat' : 'Call');

/** The transcript file: one line per message or sentence, `[time] Role sender: text` (numbers masked). */
export function transcriptFile(source: TranscriptSource): {
  filename: string;
  title: string;
  content: string;
} {
  return {
    filename: `transcript-${source.sessionId.replace(/[^\w.-]/g, '_')}.txt`,
    title: `${noun(source)} transcript ${source.sessionId}`,
    content: transcriptText(messagesOf(source)),
  };
}

/** The preview reply (first messages), with a note when the file could not be posted. */
export function transcriptReply(source: TranscriptSource, note: string | undefined): Reply {
  const preview = transcriptPreview(messagesOf(source), PREVIEW_MESSAGES);
  const mrkdwn = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  return {
    text: `${noun(source)} ${source.sessionId}: ${preview.text}`,
    blocks: [
      mrkdwn(`*${noun(source)}* ${code(source.sessionId)}`),
      ...preview.blocks,
      ...(note ? [mrkdwn(`:warning: ${note}`)] : []),
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** A call without speech recognition. */
export const asrNotEnabledReply = (sessionId: string): Reply =>
  ephemeral(
    `Call ${code(sessionId)} has no speech transcript: speech recognition (ASR) is not enabled for it. Offline ASR must be switched on in the CCC console before calls are made.`,
  );
