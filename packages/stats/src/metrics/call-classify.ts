import { missedCallOfUui } from '@ccc-kit/cdr-parser';
import { causeOfStatus, causeTable } from './cause-table.ts';
import type { StatsCall } from './records.ts';
import { wholeSeconds } from './wait-histogram.ts';

/**
 * Slots of a call row's counters. Inbound buckets (`Answered` … `Unknown`) partition the offered calls and
 * outbound ones (`Connected` … `OutOther`) the calls made: every call lands in exactly one.
 */
export const Slot = {
  Answered: 0,
  NoAgent: 1,
  AbandonedInQueue: 2,
  AbandonedInIvr: 3,
  OutsideHours: 4,
  AgentDidNotAnswer: 5,
  MissedOther: 6,
  IvrOnly: 7,
  AiHandled: 8,
  Blocked: 9,
  Failed: 10,
  Unknown: 11,
  Connected: 12,
  NotAnswered: 13,
  OutBlocked: 14,
  OutFailed: 15,
  OutOther: 16,
  Voicemail: 17,
  AnsweredWithinServiceLevel: 18,
  InboundTalk: 19,
  OutboundTalk: 20,
  Callbacks: 21,
  CallbacksConnected: 22,
} as const;
/** Number of counters in a call row. */
export const SLOTS = 23;

/** `EndStatusString` → missed cause. */
const CAUSES = causeTable([
  ['noSeatOnline', Slot.NoAgent],
  ['waitingGiveUp', Slot.AbandonedInQueue],
  ['ivrGiveUp', Slot.AbandonedInIvr],
  ['notWorkTime', Slot.OutsideHours],
  // An agent was rung and nobody picked up: by timeout (seatGiveUp) or before the caller hung up (ringingGiveUp).
  ['seatGiveUp', Slot.AgentDidNotAnswer],
  ['ringingGiveUp', Slot.AgentDidNotAnswer],
]);

/** Missed cause of a call that did not reach an agent: from its end status, else from its outcome. */
function causeOf(call: StatsCall): number {
  const cause = causeOfStatus(CAUSES, call.endStatus?.raw);
  if (cause !== undefined) return cause;
  if (call.outcome === 'abandoned_in_ivr') return Slot.AbandonedInIvr;
  return call.outcome === 'outside_hours' ? Slot.OutsideHours : Slot.MissedOther;
}

/** The inbound bucket of a call (see the README's Definitions). */
export function inboundSlot(call: StatsCall): number {
  switch (call.outcome) {
    case 'answered':
      return Slot.Answered;
    case 'missed':
    case 'abandoned_in_ivr':
    case 'outside_hours':
    case 'voicemail':
      return causeOf(call);
    case 'ivr_only':
      return Slot.IvrOnly;
    case 'ai_handled':
      return Slot.AiHandled;
    case 'blocked':
      return Slot.Blocked;
    case 'failed':
      return Slot.Failed;
    default:
      // `unknown`, and `not_answered`, which only outbound statuses give.
      return Slot.Unknown;
  }
}

/** The outbound bucket of a call. */
export function outboundSlot(call: StatsCall): number {
  switch (call.outcome) {
    case 'answered':
      return Slot.Connected;
    case 'not_answered':
      return Slot.NotAnswered;
    case 'blocked':
      return Slot.OutBlocked;
    case 'failed':
      return Slot.OutFailed;
    default:
      return Slot.OutOther;
  }
}

/** Inbound buckets whose callers reached the queue: their wait counts, and they make the service level's denominator. */
export function reachedQueue(slot: number): boolean {
  return (
    slot === Slot.Answered ||
    slot === Slot.NoAgent ||
    slot === Slot.AbandonedInQueue ||
    slot === Slot.AgentDidNotAnswer
  );
}

/** What one call adds to each of its rows, computed once per call and reused (no allocation per call). */
export interface CallContribution {
  inbound: boolean;
  slot: number;
  /** Queue entry → answer or hang-up (`queueWait + ring`), or -1 when the caller never reached the queue. */
  wait: number;
  talk: number;
  voicemail: boolean;
  callback: boolean;
}

/** Fills `into` with what `call` contributes and returns it. */
export function classifyCall(call: StatsCall, into: CallContribution): CallContribution {
  const inbound = call.direction !== 'outbound';
  const slot = inbound ? inboundSlot(call) : outboundSlot(call);
  const durations = call.durations;
  into.inbound = inbound;
  into.slot = slot;
  into.wait =
    inbound && reachedQueue(slot) ? wholeSeconds(durations?.queueWait) + wholeSeconds(durations?.ring) : -1;
  into.talk = wholeSeconds(durations?.talk);
  into.voicemail = inbound && call.outcome === 'voicemail';
  into.callback = !inbound && call.uui != null && missedCallOfUui(call.uui) !== null;
  return into;
}
