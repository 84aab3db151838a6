/** `CallType` of a voice call (DescribeTelCdr / DescribeSessionDetail / CDR push). */
export const CallType = {
  Outbound: 1,
  Inbound: 2,
  AudioInbound: 3,
  PredictiveOutbound: 5,
  Internal: 6,
} as const;
/** Known `CallType` values. */
export type CallType = (typeof CallType)[keyof typeof CallType];

/** Human labels of {@link CallType}, from Tencent's field documentation. */
export const CallTypeLabel: Readonly<Record<CallType, string>> = {
  1: 'Outbound call',
  2: 'Inbound call',
  3: 'Audio (VoIP) inbound call',
  5: 'Predictive outbound call',
  6: 'Internal call between agents',
};

/** Label of a call type; unknown values stay visible as `Call type N`. */
export const callTypeLabel = (value: number | null | undefined): string =>
  value == null ? 'Unknown call type' : (CallTypeLabel[value as CallType] ?? `Call type ${value}`);

/** `Direction` of a call: 0 inbound, 1 outbound. */
export const Direction = { Inbound: 0, Outbound: 1 } as const;
/** Known `Direction` values. */
export type Direction = (typeof Direction)[keyof typeof Direction];

/** `HungUpSide`: who ended the call (`seat` = agent). */
export const HungUpSide = { Seat: 'seat', User: 'user', System: 'system' } as const;
/** Known `HungUpSide` values. */
export type HungUpSide = (typeof HungUpSide)[keyof typeof HungUpSide];
/** Human labels of {@link HungUpSide}. */
export const HungUpSideLabel: Readonly<Record<HungUpSide, string>> = {
  seat: 'Agent',
  user: 'Customer',
  system: 'System',
};

/** `ServeParticipant.Type` / `TransferToType` values seen in the docs. */
export const ParticipantType = {
  StaffSeat: 'staffSeat',
  OutboundSeat: 'outboundSeat',
  StaffPhoneSeat: 'staffPhoneSeat',
  MiniProgramSeat: 'miniProgramSeat',
} as const;
/** Known participant types. */
export type ParticipantType = (typeof ParticipantType)[keyof typeof ParticipantType];
/** Human labels of {@link ParticipantType} (meanings inferred from the names; Tencent does not explain them). */
export const ParticipantTypeLabel: Readonly<Record<ParticipantType, string>> = {
  staffSeat: 'Agent (web workstation)',
  outboundSeat: 'External line',
  staffPhoneSeat: 'Agent (phone)',
  miniProgramSeat: 'Agent (mini program)',
};

/** `SessionEvent.EventType` values (DescribeSessionDetail `Events`). */
export const SessionEventType = {
  StaffHold: 'StaffHold',
  StaffUnhold: 'StaffUnhold',
  StaffMute: 'StaffMute',
  StaffUnmute: 'StaffUnmute',
} as const;
/** Known session event types. */
export type SessionEventType = (typeof SessionEventType)[keyof typeof SessionEventType];

/** `PSTNSession.SessionStatus` values (DescribeTelSession). */
export const SessionStatus = {
  Ringing: 'ringing',
  SeatJoining: 'seatJoining',
  InProgress: 'inProgress',
  Finished: 'finished',
} as const;
/** Known session statuses. */
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];
