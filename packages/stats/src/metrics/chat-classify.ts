import { causeOfStatus, causeTable } from './cause-table.ts';
import type { StatsChat } from './records.ts';
import { wholeSeconds } from './wait-histogram.ts';

/** Slots of a chat row's counters; `AnsweredByAgent` … `Unknown` partition the sessions. */
export const ChatSlot = {
  AnsweredByAgent: 0,
  AnsweredByBot: 1,
  NoAgent: 2,
  AbandonedInQueue: 3,
  AbandonedInBot: 4,
  OutsideHours: 5,
  AgentDidNotAnswer: 6,
  MissedOther: 7,
  TimedOut: 8,
  Failed: 9,
  Unknown: 10,
  Rated: 11,
  RatingTotal: 12,
  AgentTalk: 13,
} as const;
/** Number of counters in a chat row. */
export const CHAT_SLOTS = 14;

/** IM `EndStatusString` → missed cause. */
const CAUSES = causeTable([
  ['noSeatOnline', ChatSlot.NoAgent],
  // "Customer left while an agent was being assigned": waiting for an agent is what a chat queue is.
  ['ringingGiveUp', ChatSlot.AbandonedInQueue],
  ['ivrGiveUp', ChatSlot.AbandonedInBot],
  ['notWorkTime', ChatSlot.OutsideHours],
  ['seatGiveUp', ChatSlot.AgentDidNotAnswer],
]);

function causeOf(chat: StatsChat): number {
  const cause = causeOfStatus(CAUSES, chat.endStatus?.raw);
  if (cause !== undefined) return cause;
  if (chat.outcome === 'abandoned_in_ivr') return ChatSlot.AbandonedInBot;
  return chat.outcome === 'outside_hours' ? ChatSlot.OutsideHours : ChatSlot.MissedOther;
}

/** An agent took part: `SeatUser` names one, or there was time with an agent. */
const withAgent = (chat: StatsChat): boolean => chat.agent != null || wholeSeconds(chat.durations?.talk) > 0;

/** The bucket of a chat session (see the README's Definitions). */
export function chatSlot(chat: StatsChat): number {
  switch (chat.outcome) {
    case 'answered':
    case 'transferred':
      return withAgent(chat) ? ChatSlot.AnsweredByAgent : ChatSlot.AnsweredByBot;
    case 'timed_out':
      return withAgent(chat) ? ChatSlot.AnsweredByAgent : ChatSlot.TimedOut;
    case 'ivr_only':
      return ChatSlot.AnsweredByBot;
    case 'missed':
    case 'abandoned_in_ivr':
    case 'outside_hours':
      return causeOf(chat);
    case 'failed':
      return ChatSlot.Failed;
    default:
      return ChatSlot.Unknown;
  }
}

/** Buckets whose customers reached the queue: their wait counts. */
export function chatReachedQueue(slot: number): boolean {
  return (
    slot === ChatSlot.AnsweredByAgent ||
    slot === ChatSlot.NoAgent ||
    slot === ChatSlot.AbandonedInQueue ||
    slot === ChatSlot.AgentDidNotAnswer
  );
}

/** What one chat adds to each of its rows (one reused object per aggregator). */
export interface ChatContribution {
  slot: number;
  /** Queue entry → accept or end (`queueWait + ring`); -1 when the customer never reached the queue. */
  wait: number;
  talk: number;
  /** The rating, or `NaN` when the chat was not rated. */
  rating: number;
}

/** Fills `into` with what `chat` contributes and returns it. */
export function classifyChat(chat: StatsChat, into: ChatContribution): ChatContribution {
  const slot = chatSlot(chat);
  const durations = chat.durations;
  into.slot = slot;
  into.wait = chatReachedQueue(slot)
    ? wholeSeconds(durations?.queueWait) + wholeSeconds(durations?.ring)
    : -1;
  into.talk = wholeSeconds(durations?.talk);
  const rating = chat.satisfaction;
  into.rating = typeof rating === 'number' && Number.isFinite(rating) ? rating : Number.NaN;
  return into;
}
