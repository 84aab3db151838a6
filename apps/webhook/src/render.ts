import { toCallRecord, toChatRecord } from '@ccc-kit/cdr-parser';
import { parseCdrPush, parseImCdrPush, parseRecordPush, parseVoicemailPush } from '@ccc-kit/schemas';
import {
  callSummaryMessage,
  chatSummaryMessage,
  recordingReadyMessage,
  type SlackMessage,
  voicemailMessage,
} from '@ccc-kit/slack-blocks';
import type { ClaimedMessage } from './store/index.ts';

/** How the relay renders: the same options for every message. */
export interface RenderOptions {
  readonly timeZone: string;
}

/** `U…`/`W…` are users, `S…` user groups: Slack needs different tokens to notify them. */
const mentionToken = (id: string): string => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`);

/** Puts the rule's mention in front of an alert so the people on duty get notified. */
function withMention(message: SlackMessage, mention: string | null): SlackMessage {
  if (!mention) return message;
  const tokens = mention.split(',').map(mentionToken).join(' ');
  return {
    ...message,
    text: `${tokens} ${message.text}`,
    blocks: [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text: tokens } },
      ...message.blocks,
    ].slice(0, 50),
  };
}

/**
 * Renders a claimed outbox row from the raw body stored at ingest (parsing happens here, not in the ack
 * path). Throws when the body cannot be rendered; the relay dead-letters such a row.
 */
export function renderMessage(message: ClaimedMessage, options: RenderOptions): SlackMessage {
  const body: unknown = JSON.parse(message.body);
  const render = { timeZone: options.timeZone };
  switch (message.inboxKind) {
    case 'cdr':
      return withMention(callSummaryMessage(toCallRecord(parseCdrPush(body)), render), message.mention);
    case 'imcdr':
      return withMention(chatSummaryMessage(toChatRecord(parseImCdrPush(body)), render), message.mention);
    case 'voicemail':
      return withMention(voicemailMessage(parseVoicemailPush(body), render), message.mention);
    case 'record':
      return recordingReadyMessage(parseRecordPush(body), render);
  }
}
