/** Direction of a call, from `Direction` (0 inbound, 1 outbound) or, when missing, `CallType`. */
export type CallDirection = 'inbound' | 'outbound';

/**
 * What happened to a call, for people and routing rules. Every `EndStatusString` maps to exactly one
 * (see `OUTCOMES`); `voicemail` only comes from an attached voicemail push.
 */
export type CallOutcome =
  | 'answered'
  | 'missed'
  | 'outside_hours'
  | 'abandoned_in_ivr'
  | 'ivr_only'
  | 'not_answered'
  | 'blocked'
  | 'failed'
  | 'ai_handled'
  | 'voicemail'
  | 'unknown';

/** What happened to a chat session (IM `EndStatusString`, see `CHAT_OUTCOMES`). */
export type ChatOutcome =
  | 'answered'
  | 'timed_out'
  | 'transferred'
  | 'missed'
  | 'abandoned_in_ivr'
  | 'ivr_only'
  | 'outside_hours'
  | 'failed'
  | 'unknown';

/** A phone number as received and as shown to people. */
export interface PhoneNumber {
  /** As Tencent sent it (`0086…`), `''` when absent or hidden by number protection. Never show this to people. */
  readonly raw: string;
  /**
   * Display form, masked by default (`+86 184****7605`); `protected number` when Tencent's number
   * protection hid it, `unknown` when absent.
   */
  readonly masked: string;
  /**
   * Only when number protection hid the number: Tencent's protected form (`ProtectedCaller`/`ProtectedCallee`,
   * an id such as `139abcdefg`). Not shown by the Slack layer.
   */
  readonly protectedId?: string;
}

/** The agent of a call or chat (`SeatUser`, the last agent when transferred). */
export interface AgentInfo {
  readonly name: string | null;
  readonly email: string | null;
  readonly staffNumber: string | null;
}

/** A skill group reference; either part may be unknown. */
export interface SkillGroupRef {
  readonly id: number | null;
  readonly name: string | null;
}

/** The end status as sent and as Tencent explains it. */
export interface EndStatusInfo {
  /** `EndStatusString` verbatim, `null` when absent. */
  readonly raw: string | null;
  /** Numeric `EndStatus` of the same row in Tencent's table, `null` for push-only or unknown strings. */
  readonly code: number | null;
  /** Tencent's meaning in words; `Unknown end status "x"` for values not in the table. */
  readonly meaning: string;
}

/** Whole seconds spent in each phase; 0 when the phase never happened. Never negative. */
export interface Durations {
  /** Start → queue entry (or first ring/answer/end when never queued). Inbound only. */
  readonly ivr: number;
  /** Queue entry → first agent ring (or answer/end). Inbound only. */
  readonly queueWait: number;
  /** First ring → answer (or end when never answered). Outbound: the customer's phone ringing. */
  readonly ring: number;
  /** Answer → end. */
  readonly talk: number;
  /** Start → end. */
  readonly total: number;
}

/** Kinds of {@link TimelineEvent}. */
export type TimelineEventType =
  | 'started'
  | 'ivr_key'
  | 'queued'
  | 'ringing'
  | 'answered'
  | 'not_answered'
  | 'transferred'
  | 'survey'
  | 'voicemail'
  | 'ended';

/** One step of a call or chat, in words. */
export interface TimelineEvent {
  /** `null` when Tencent gave no time; such events sit right after the step that precedes them. */
  readonly at: Date | null;
  readonly type: TimelineEventType;
  /** Ready to show: numbers already masked. */
  readonly text: string;
}

/** An IVR key press (or keyword hit), masked like free text. */
export interface IvrKey {
  readonly key: string;
  readonly label: string | null;
}

/** The satisfaction survey answer (post-call IVR). */
export interface Satisfaction {
  readonly key: string;
  readonly label: string | null;
}

/** One service track of a call (`ServeParticipants`, sorted by `Sequence`). */
export interface CallParticipant {
  readonly sequence: number | null;
  /** `staffSeat`, `staffPhoneSeat`, `outboundSeat`, … verbatim. */
  readonly type: string | null;
  readonly typeLabel: string;
  /** Agent name when the participant is the `SeatUser`, else `null`. */
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: PhoneNumber | null;
  readonly skillGroup: SkillGroupRef | null;
  readonly startedAt: Date | null;
  readonly rangAt: Date | null;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly answered: boolean;
  /** This leg's outcome (from its own `EndStatusString`, else from its timestamps). */
  readonly outcome: CallOutcome;
  readonly endStatus: EndStatusInfo;
  /** Display forms (masked when numbers). */
  readonly transferredFrom: string | null;
  readonly transferredTo: string | null;
  readonly hasRecording: boolean;
}

/** The normalised phone call: everything the Slack layer shows, without the raw payload. */
export interface CallRecord {
  readonly kind: 'call';
  readonly sessionId: string;
  readonly sdkAppId: number | null;
  readonly direction: CallDirection;
  readonly callType: number | null;
  readonly callTypeLabel: string;
  readonly caller: PhoneNumber;
  readonly callee: PhoneNumber;
  readonly agent: AgentInfo | null;
  readonly skillGroup: SkillGroupRef | null;
  readonly outcome: CallOutcome;
  readonly endStatus: EndStatusInfo;
  readonly hungUpBy: 'agent' | 'customer' | 'system' | null;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  readonly durations: Durations;
  readonly timeline: readonly TimelineEvent[];
  readonly participants: readonly CallParticipant[];
  /** Number of transfers seen in `ServeParticipants`. */
  readonly transfers: number;
  readonly satisfaction: Satisfaction | null;
  /** `City, Province, Country` from `TelLocation`, else `CallerLocation`. */
  readonly location: string | null;
  readonly ivrKeys: readonly IvrKey[];
  /**
   * True when the customer was connected (`AcceptTimestamp` set) and the push or a participant has a
   * `RecordId` (the Slack "Recording" button): an unanswered call's recording holds no conversation.
   */
  readonly hasRecording: boolean;
  /** `Uui` verbatim (not masked: mask with `maskText` before showing). */
  readonly uui: string | null;
  /** `UserRemark` verbatim (Tencent already masks numbers there). */
  readonly remark: string | null;
  /** The attached voicemail, when `toCallRecord` was given one. */
  readonly voicemail: { readonly url: string; readonly at: Date | null } | null;
}

/**
 * What {@link CallRecord} says about a call without rendering anything (`toCallFacts`): the same fields,
 * with the caller and callee as raw (unmasked) numbers, and their number-protection forms.
 */
export type CallFacts = Pick<
  CallRecord,
  | 'sessionId'
  | 'direction'
  | 'agent'
  | 'skillGroup'
  | 'outcome'
  | 'endStatus'
  | 'hungUpBy'
  | 'startedAt'
  | 'endedAt'
  | 'durations'
> & {
  /** `Caller` as sent, `''` when absent (or hidden by number protection). */
  readonly caller: string;
  readonly callee: string;
  /** `ProtectedCaller` trimmed, when Tencent's number protection sent one (then `caller` is usually `''`). */
  readonly protectedCaller: string | null;
  readonly protectedCallee: string | null;
};

/** The normalised chat session (IM CDR push). */
export interface ChatRecord {
  readonly kind: 'chat';
  readonly sessionId: string;
  readonly sdkAppId: number | null;
  /** `UserId` (masked like a number when it is one) and `UserNickName`. */
  readonly customer: { readonly id: PhoneNumber; readonly nickname: string | null };
  readonly agent: AgentInfo | null;
  readonly skillGroup: SkillGroupRef | null;
  readonly outcome: ChatOutcome;
  readonly endStatus: EndStatusInfo;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  /** `ivr` is the bot flow, `talk` the time with an agent. */
  readonly durations: Durations;
  readonly timeline: readonly TimelineEvent[];
  readonly ivrKeys: readonly IvrKey[];
  readonly remark: string | null;
  /** `ClientData` verbatim. */
  readonly clientData: string | null;
}

/** How loud the Slack post should be. */
export type Severity = 'info' | 'warning' | 'alert';

/** A `[label, value]` pair shown under a summary title. */
export type Fact = readonly [label: string, value: string];

/** The words the Slack layer shows for a record. */
export interface Summary {
  /** At most 150 characters (a Slack header). */
  readonly title: string;
  readonly severity: Severity;
  /** Values at most 300 characters, every number masked. */
  readonly facts: readonly Fact[];
}
