import {
  type CallFacts,
  missedCallOfUui,
  toCallFacts,
  toCallRecord,
  toChatRecord,
} from '@ccc-kit/cdr-parser';
import { parseCdrPush, parseImCdrPush, parseRecordPush, parseVoicemailPush } from '@ccc-kit/schemas';
import {
  type CallPostStyle,
  callSummaryMessage,
  chatSummaryMessage,
  type FollowUpReach,
  type FollowUpView,
  OPEN_FOLLOW_UP,
  recordingReadyMessage,
  type SlackMessage,
  voicemailMessage,
} from '@ccc-kit/slack-blocks';
import type { ClaimedMessage } from './store/index.ts';

/** How the relay renders: the same options for every message. */
export interface RenderOptions {
  readonly timeZone: string;
  /** Missed-call posts carry the follow-up state and buttons (the webhook has `INTERNAL_TOKEN`). */
  readonly followUps?: boolean;
  /** The look of a call's post in a channel (the routes' `style`); compact when absent. */
  readonly postStyle?: (call: CallFacts, channel: string) => CallPostStyle;
}

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));

/** How a later call reached the customer, from the detail stored with the follow-up (our own JSON). */
function reachOf(at: number | null, detail: string | null): FollowUpReach | null {
  if (at === null || detail === null) return null;
  const parsed = JSON.parse(detail) as { agent?: unknown; direction?: unknown; talkSeconds?: unknown };
  const direction =
    parsed.direction === 'inbound' || parsed.direction === 'outbound' ? parsed.direction : null;
  return {
    at: Math.floor(at / 1000),
    agent: typeof parsed.agent === 'string' ? parsed.agent : null,
    direction,
    talkSeconds: typeof parsed.talkSeconds === 'number' ? parsed.talkSeconds : 0,
  };
}

/** The claimed follow-up as the post shows it (times in Unix seconds); open when nobody acted. */
function followUpView(message: ClaimedMessage): FollowUpView {
  const row = message.followUp;
  if (!row) return OPEN_FOLLOW_UP;
  const { reachedAt, reachedDetail, ...rest } = row;
  return {
    ...rest,
    takenAt: seconds(row.takenAt),
    resolvedAt: seconds(row.resolvedAt),
    callbackAt: seconds(row.callbackAt),
    reached: reachOf(reachedAt, reachedDetail),
  };
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

/** The call's post: its thread counts say which recordings and voicemails joined it. */
function callPost(body: string, message: ClaimedMessage, options: RenderOptions): SlackMessage {
  const cdr = parseCdrPush(JSON.parse(body));
  const record = toCallRecord(cdr);
  const followUp = options.followUps ? { followUp: followUpView(message) } : {};
  const missed = missedCallOfUui(record.uui);
  const callbackOf = missed ? { callbackOf: { sessionId: missed } } : {};
  return callSummaryMessage(record, {
    timeZone: options.timeZone,
    style: options.postStyle?.(toCallFacts(cdr), message.channel) ?? 'compact',
    thread: message.thread,
    ...followUp,
    ...callbackOf,
  });
}

/**
 * Renders a claimed outbox row from the raw body stored at ingest (parsing happens here, not in the ack
 * path). An update renders its parent, the call's post, again with what its thread holds now. Throws when
 * the body cannot be rendered; the relay dead-letters such a row.
 */
export function renderMessage(message: ClaimedMessage, options: RenderOptions): SlackMessage {
  const render = { timeZone: options.timeZone };
  if (message.kind === 'update') {
    if (!message.parent) throw new Error('the post to update has no stored call');
    return withMention(callPost(message.parent.body, message, options), message.parent.mention);
  }
  const body: unknown = JSON.parse(message.body);
  switch (message.inboxKind) {
    case 'cdr':
      return withMention(callPost(message.body, message, options), message.mention);
    case 'imcdr':
      return withMention(chatSummaryMessage(toChatRecord(parseImCdrPush(body)), render), message.mention);
    case 'voicemail':
      return withMention(voicemailMessage(parseVoicemailPush(body), render), message.mention);
    case 'record':
      return recordingReadyMessage(parseRecordPush(body), render);
  }
}
