import * as v from 'valibot';
import type { HungUpSide } from '../enums/call.ts';
import { list, openString, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { optNumberText } from '../limits.ts';
import { IvrKeyPressedElement, ServeParticipant, SessionEvent } from './common.ts';

/** DescribeSessionDetail request. Note `StartTimestamp` here vs `StartTimeStamp` in the response. */
export const DescribeSessionDetailRequest = v.object({
  /** Application id. */
  SdkAppId: v.number(),
  /** Call session id. */
  SessionId: v.string(),
  /** Unix seconds, at most 180 days back. */
  StartTimestamp: v.number(),
  /** Unix seconds, less than 90 days after the start. */
  EndTimestamp: v.number(),
});
/** Output type of {@link DescribeSessionDetailRequest}. */
export type DescribeSessionDetailRequest = v.InferOutput<typeof DescribeSessionDetailRequest>;

/** DescribeSessionDetail `Response` (inside the envelope): the details of one finished call. */
export const DescribeSessionDetailResponse = v.looseObject({
  /** Calling number. */
  Caller: optNumberText('Caller'),
  /** Called number. */
  Callee: optNumberText('Callee'),
  /** 1 outbound, 2 inbound, 3 audio inbound, 5 predictive, 6 internal. */
  CallType: optNumber(),
  /** Start, Unix seconds (sic: capital S in `Stamp`). */
  StartTimeStamp: optNumber(),
  /** Ring, Unix seconds. */
  RingTimestamp: optNumber(),
  /** Answer, Unix seconds (0 = never answered). */
  AcceptTimestamp: optNumber(),
  /** End, Unix seconds. */
  EndedTimestamp: optNumber(),
  /** Queue entry, Unix seconds (0 = never queued). */
  QueuedTimestamp: optNumber(),
  /** Agent account (email). */
  StaffUserId: optString(),
  /** Numeric end status (see the EndStatus table). */
  EndStatus: optNumber(),
  /** Skill group the call queued in. */
  QueuedSkillGroupId: optNumber(),
  /** Name of that skill group. */
  QueuedSkillGroupName: optString(),
  /** Signed recording link, valid ~24 h: fetch again instead of persisting it. */
  RecordURL: optString(),
  /** Recording copied to the customer's COS bucket. */
  CustomRecordURL: optString(),
  /** Signed ASR text link, valid ~24 h. */
  AsrURL: optString(),
  /** Voicemail recording links. */
  VoicemailRecordURL: list(v.string()),
  /** Voicemail ASR links. */
  VoicemailAsrURL: list(v.string()),
  /** IVR keys pressed. */
  IVRKeyPressed: list(IvrKeyPressedElement),
  /** Satisfaction survey keys. */
  PostIVRKeyPressed: list(IvrKeyPressedElement),
  /** `seat`, `user` or `system`. */
  HungUpSide: v.nullish(openString<HungUpSide>()),
  /** User-to-user data passed by the customer. */
  UUI: optString(),
  /** Hold/mute events. */
  Events: list(SessionEvent),
  /** Service participants (agent legs, transfers). */
  ServeParticipants: list(ServeParticipant),
  /** System hang-up reason code after connect. */
  SysHangupReason: optNumber(),
  /** System hang-up reason text. */
  SysHangupReasonString: optString(),
  /** Request id, for support tickets. */
  RequestId: v.string(),
});
/** Output type of {@link DescribeSessionDetailResponse}. */
export type DescribeSessionDetailResponse = v.InferOutput<typeof DescribeSessionDetailResponse>;

/** Parses a DescribeSessionDetail `Response`, throwing `SchemaError`. */
export const parseDescribeSessionDetailResponse = parser(
  DescribeSessionDetailResponse,
  'DescribeSessionDetail response',
);
/** Parses a DescribeSessionDetail `Response` into a result value. */
export const safeParseDescribeSessionDetailResponse = safeParser(DescribeSessionDetailResponse);
