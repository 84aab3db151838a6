import { type CallRecord, maskNumber, toCallRecord } from '@ccc-kit/cdr-parser';
import {
  type CdrPush,
  type DescribeSessionDetailResponse,
  endStatusByCode,
  type SessionEvent,
} from '@ccc-kit/schemas';

// The one place DescribeSessionDetail is mapped onto the CDR push shape cdr-parser reads: same facts, a few
// different names (`StartTimeStamp`, numeric `EndStatus`, `StaffUserId`, `UUI`, keys as objects).

/** The signed, time-limited link fields of a detail: callers may strip them before rendering. */
type LinkField = 'RecordURL' | 'CustomRecordURL' | 'AsrURL' | 'VoicemailRecordURL' | 'VoicemailAsrURL';
// `Omit` over a loose (index-signature) type keeps only the index signature; this keeps the known keys.
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/**
 * A DescribeSessionDetail `Response`, with or without its signed links (a bot that hands recordings out
 * only through a button can drop them before rendering).
 */
export type SessionDetailInput = Without<DescribeSessionDetailResponse, LinkField> &
  Partial<Pick<DescribeSessionDetailResponse, LinkField>>;

const CALL_TYPE_DIRECTION: Readonly<Record<number, 0 | 1>> = { 1: 1, 2: 0, 3: 0, 5: 1 };

/** A field the detail's documentation does not list, read through the loose response's index signature. */
const undocumented = (detail: SessionDetailInput, field: string): string | undefined => {
  const value: unknown = detail[field];
  return typeof value === 'string' ? value : undefined;
};

function toCdr(detail: SessionDetailInput, sessionId: string, agentName: string | undefined): CdrPush {
  const staff = detail.StaffUserId?.trim();
  const name = agentName?.trim();
  const endStatus =
    detail.EndStatus == null
      ? undefined
      : (endStatusByCode(detail.EndStatus)?.name ?? String(detail.EndStatus));
  const voicemail = (detail.VoicemailRecordURL?.length ?? 0) > 0;
  return {
    SessionId: sessionId,
    Caller: detail.Caller,
    Callee: detail.Callee,
    // Not in DescribeSessionDetail's documentation, but DescribeTelCdr and DescribeTelSession send them when
    // number protection empties Caller/Callee: passed on when present, so the call shows "protected number".
    ProtectedCaller: undocumented(detail, 'ProtectedCaller'),
    ProtectedCallee: undocumented(detail, 'ProtectedCallee'),
    CallType: detail.CallType,
    Direction: detail.CallType == null ? undefined : CALL_TYPE_DIRECTION[detail.CallType],
    StartTimestamp: detail.StartTimeStamp,
    RingTimestamp: detail.RingTimestamp,
    AcceptTimestamp: detail.AcceptTimestamp,
    EndedTimestamp: detail.EndedTimestamp,
    QueuedTimestamp: detail.QueuedTimestamp,
    SeatUser: staff
      ? { Mail: staff, UserId: staff, ...(name ? { Name: name } : {}), SkillGroupNameList: [] }
      : undefined,
    EndStatusString: voicemail && endStatus === undefined ? 'ok' : endStatus,
    HungUpSide: detail.HungUpSide,
    QueuedSkillGroupId: detail.QueuedSkillGroupId,
    QueuedSkillGroupName: detail.QueuedSkillGroupName,
    IVRKeyPressed: [],
    IVRKeyPressedEx: detail.IVRKeyPressed,
    PostIVRKeyPressed: detail.PostIVRKeyPressed,
    PostIVRKeyPressedEx: [],
    ServeParticipants: detail.ServeParticipants,
    UUI: detail.UUI,
    // The voicemail reaches cdr-parser through its `voicemail` option (outcome and timeline), not as links.
    VoicemailRecordURL: [],
    SysHangupReason: detail.SysHangupReason,
    SysHangupReasonString: detail.SysHangupReasonString,
  };
}

const EVENT_WORDS: Readonly<Record<string, string>> = {
  StaffHold: 'put the customer on hold',
  StaffUnhold: 'resumed the call',
  StaffMute: 'muted the microphone',
  StaffUnmute: 'unmuted the microphone',
};

function eventText(event: SessionEvent, mask: (raw: string) => string): string {
  const staffs = event.StaffEventDetail?.Staffs ?? [];
  const who = staffs.map((s) => s.Mail || (s.StaffNumber ? `#${s.StaffNumber}` : '')).filter(Boolean);
  const words = EVENT_WORDS[event.EventType ?? ''] ?? `event ${event.EventType ?? 'unknown'}`;
  return `${who.length ? mask(who.join(', ')) : 'Agent'} ${words}`;
}

/** One line of a call's detailed timeline. */
export interface DetailEvent {
  readonly at: Date | null;
  /** Display text; numbers already masked unless `showNumbers`. */
  readonly text: string;
}

/**
 * Merges the hold/mute events (not part of a CDR push) into cdr-parser's timeline. An untimed event of that
 * timeline keeps its place after the event before it; a hold at the same second as another event goes after it.
 */
function mergeTimeline(
  base: readonly DetailEvent[],
  events: readonly SessionEvent[],
  mask: (raw: string) => string,
): DetailEvent[] {
  let last = Number.NEGATIVE_INFINITY;
  const keyed = base.map((event, index) => {
    if (event.at) last = event.at.getTime();
    return { event, key: last, rank: 0, index };
  });
  events.forEach((e, index) => {
    const at = e.Timestamp ? new Date(e.Timestamp * 1000) : null;
    keyed.push({ event: { at, text: eventText(e, mask) }, key: at?.getTime() ?? last, rank: 1, index });
  });
  keyed.sort((a, b) => a.key - b.key || a.rank - b.rank || a.index - b.index);
  return keyed.map((k) => k.event);
}

/** Seconds on hold, pairing each `StaffHold` with the next `StaffUnhold` (or the end of the call). */
function holdSeconds(detail: SessionDetailInput): number {
  let total = 0;
  let heldAt: number | null = null;
  const sorted = [...detail.Events].sort((a, b) => (a.Timestamp ?? 0) - (b.Timestamp ?? 0));
  for (const e of sorted) {
    if (e.EventType === 'StaffHold' && e.Timestamp) heldAt ??= e.Timestamp;
    if (e.EventType === 'StaffUnhold' && e.Timestamp && heldAt !== null) {
      total += Math.max(0, e.Timestamp - heldAt);
      heldAt = null;
    }
  }
  if (heldAt !== null && detail.EndedTimestamp) total += Math.max(0, detail.EndedTimestamp - heldAt);
  return total;
}

/** Options of {@link detailToCallRecord}. */
export interface DetailRecordOptions {
  /** The session id asked for (the response does not repeat it). */
  readonly sessionId: string;
  readonly showNumbers?: boolean | undefined;
  /** The agent's name, which the detail lacks (it has only `StaffUserId`, the email); see `callDetailsMessage`. */
  readonly agentName?: string | undefined;
}

/** A call detail read through cdr-parser, plus what only DescribeSessionDetail carries. */
export interface CallDetail {
  readonly record: CallRecord;
  /** cdr-parser's timeline with the hold/mute events merged in. */
  readonly timeline: readonly DetailEvent[];
  /** Seconds the customer spent on hold. */
  readonly holdSeconds: number;
}

/**
 * Reads a DescribeSessionDetail `Response` with cdr-parser's `toCallRecord` (same outcomes, durations,
 * masking and timeline as a pushed CDR), then adds the hold/mute events only the detail carries.
 */
export function detailToCallRecord(detail: SessionDetailInput, options: DetailRecordOptions): CallDetail {
  const mask = options.showNumbers ? (raw: string) => raw : maskNumber;
  const voicemailUrl = detail.VoicemailRecordURL?.[0];
  const record = toCallRecord(toCdr(detail, options.sessionId, options.agentName), {
    maskNumber: mask,
    voicemail: voicemailUrl
      ? { SessionId: options.sessionId, RecordURL: voicemailUrl, Timestamp: detail.EndedTimestamp }
      : undefined,
  });
  // Like cdr-parser's `hasRecording`: a call link counts only once the customer was connected (an
  // unanswered call's file holds no conversation); a voicemail always does.
  const connected = (detail.AcceptTimestamp ?? 0) > 0;
  const callLinks =
    Boolean(detail.RecordURL || detail.CustomRecordURL) ||
    detail.ServeParticipants.some((p) => p.RecordId || p.RecordURL || p.CustomRecordURL);
  const hasRecording =
    record.hasRecording || (connected && callLinks) || Boolean(detail.VoicemailRecordURL?.length);
  return {
    record: { ...record, hasRecording },
    timeline: mergeTimeline(record.timeline, detail.Events, mask),
    holdSeconds: holdSeconds(detail),
  };
}
