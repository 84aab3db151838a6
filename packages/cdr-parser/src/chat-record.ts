import type { ImCdrPush } from '@ccc-kit/schemas';
import { agentOf } from './call-facts.ts';
import { chatEndStatusInfo, chatOutcomeOf } from './chat-outcomes.ts';
import { CdrParserError, CdrParserErrorCode } from './errors.ts';
import { maskNumber } from './mask.ts';
import { skillGroupOf } from './participants.ts';
import type { ChatRecord, TimelineEvent } from './record-types.ts';
import {
  dateOf,
  display,
  durationsOf,
  ivrKeyEvents,
  ivrKeysOf,
  list,
  orderTimeline,
  seconds,
} from './timeline.ts';

/** Options of {@link toChatRecord}. */
export interface ChatRecordOptions {
  /** Display form of the customer id when it is a number. Default {@link maskNumber}. */
  readonly maskNumber?: ((raw: string) => string) | undefined;
}

function chatTimeline(
  chat: ImCdrPush,
  customer: string,
  agent: string,
  record: Pick<ChatRecord, 'endStatus' | 'skillGroup'>,
): TimelineEvent[] {
  const at = (
    value: number | null | undefined,
    type: TimelineEvent['type'],
    text: string,
  ): TimelineEvent[] => (seconds(value) !== null ? [{ at: dateOf(value), type, text: display(text) }] : []);
  const group = record.skillGroup?.name;
  const events: TimelineEvent[] = [
    { at: dateOf(chat.StartTimestamp), type: 'started', text: display(`Chat started by ${customer}`) },
    ...ivrKeyEvents(list(chat.IVRKeyPressed), [], 'the bot menu'),
    ...at(chat.QueuedTimestamp, 'queued', group ? `Queued in ${group}` : 'Queued'),
    ...at(chat.RingTimestamp, 'ringing', 'Offered to an agent'),
    ...at(chat.AcceptTimestamp, 'answered', `Accepted by ${agent}`),
    {
      at: dateOf(chat.EndedTimestamp),
      type: 'ended',
      text: display(`Chat ended: ${record.endStatus.meaning}`),
    },
  ];
  return orderTimeline(events);
}

/**
 * Turns a validated IM CDR push (`action=imcdr`) into a {@link ChatRecord}: outcome from the IM end status
 * (see `CHAT_OUTCOMES`), bot/queue/agent durations, a timeline; the customer id is masked when a number.
 *
 * @throws {CdrParserError} `cdr_parser_invalid_input` when given something without a `SessionId`.
 * @example
 * const result = parsePush({ query: '?action=imcdr&version=1', body });
 * if (result.ok && result.push.kind === 'imcdr') console.log(toChatRecord(result.push.payload).outcome);
 */
export function toChatRecord(chat: ImCdrPush, options: ChatRecordOptions = {}): ChatRecord {
  const sessionId = (chat as { SessionId?: unknown } | null)?.SessionId;
  if (typeof sessionId !== 'string' || sessionId === '')
    throw new CdrParserError(
      CdrParserErrorCode.InvalidInput,
      'toChatRecord needs a validated IM CDR push (parsePush(...).push.payload) with a SessionId',
    );
  const mask = options.maskNumber ?? maskNumber;
  const agent = agentOf(chat.SeatUser);
  const id = { raw: chat.UserId ?? '', masked: mask(chat.UserId ?? '') };
  const nickname = chat.UserNickName?.trim() || null;
  const skillGroup = skillGroupOf(chat.QueuedSkillGroupId, chat.QueuedSkillGroupName);
  const endStatus = chatEndStatusInfo(chat.EndStatusString);
  const moments = {
    start: seconds(chat.StartTimestamp),
    queued: seconds(chat.QueuedTimestamp),
    firstRing: seconds(chat.RingTimestamp),
    accept: seconds(chat.AcceptTimestamp),
    end: seconds(chat.EndedTimestamp),
  };
  const customerName = nickname ?? id.masked;
  const agentName = agent?.name ?? agent?.email ?? 'an agent';
  return {
    kind: 'chat',
    sessionId,
    sdkAppId: chat.SdkAppId ?? null,
    customer: { id, nickname },
    agent,
    skillGroup,
    outcome: chatOutcomeOf(chat.EndStatusString),
    endStatus,
    startedAt: dateOf(chat.StartTimestamp),
    endedAt: dateOf(chat.EndedTimestamp),
    durations: durationsOf(moments, true),
    timeline: chatTimeline(chat, customerName, agentName, { endStatus, skillGroup }),
    ivrKeys: ivrKeysOf(list(chat.IVRKeyPressed), []),
    remark: chat.UserRemark ?? null,
    clientData: chat.ClientData ?? null,
  };
}
