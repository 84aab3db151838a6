import * as v from 'valibot';
import { IvrKeyPressedElement, SeatUserInfo, ServeParticipant } from '../ccc/common.ts';
import type { HungUpSide } from '../enums/call.ts';
import {
  list,
  openString,
  optNumber,
  optString,
  rootObject,
  tolerantParser,
  tolerantSafeParser,
} from '../helpers.ts';
import { identifier, optNumberText } from '../limits.ts';
import { ReliedFields } from './relied.ts';

/** Number location attached to a CDR push (`TelLocation`). */
export const TelLocation = v.looseObject({
  TelNumber: optNumberText('TelNumber'),
  Country: optString(),
  Province: optString(),
  City: optString(),
  /** Carrier. */
  Operator: optString(),
});
/** Output type of {@link TelLocation}. */
export type TelLocation = v.InferOutput<typeof TelLocation>;

/**
 * The phone CDR data push (`POST <url>?action=cdr&version=1`): one record per finished call session.
 * Only `SessionId` is required; every other field may be missing or `null` in real pushes. The parse
 * helpers are tolerant: a wrong value outside `ReliedFields.CdrPush` is dropped with a warning.
 */
export const CdrPush = rootObject({
  /** Application id. */
  SdkAppId: optNumber(),
  /** Call session id: the record's identity. */
  SessionId: identifier('SessionId'),
  Caller: optNumberText('Caller'),
  Callee: optNumberText('Callee'),
  /**
   * Number protection: the caller's protected form (an id the enterprise's mapping chose, e.g. `139abcdefg`)
   * while `Caller` arrives empty. Documented for DescribeTelCdr and DescribeTelSession; pushes carry the
   * same record.
   */
  ProtectedCaller: optNumberText('ProtectedCaller'),
  /** Number protection: the callee's protected form, while `Callee` arrives empty. */
  ProtectedCallee: optNumberText('ProtectedCallee'),
  /** 0 inbound, 1 outbound. */
  Direction: optNumber(),
  /** 1 outbound, 2 inbound, 3 audio inbound, 5 predictive, 6 internal. */
  CallType: optNumber(),
  /** Talk time in seconds (EndedTimestamp − AcceptTimestamp). */
  Duration: optNumber(),
  /** Last agent (if transferred). */
  SeatUser: v.nullish(SeatUserInfo),
  CallerLocation: optString(),
  /** Seconds in the IVR (QueuedTimestamp − StartTimestamp). */
  IVRDuration: optNumber(),
  /** Inbound: agent ring; outbound: customer ring. Unix seconds, 0 = never. */
  RingTimestamp: optNumber(),
  /** Inbound: agent answer; outbound: customer answer. Unix seconds, 0 = never. */
  AcceptTimestamp: optNumber(),
  EndedTimestamp: optNumber(),
  StartTimestamp: optNumber(),
  /** Keys as strings, e.g. `["1","2"]`. */
  IVRKeyPressed: list(v.string()),
  IVRKeyPressedEx: list(IvrKeyPressedElement),
  /** `user` or `seat` (agent); `system` in the API. */
  HungUpSide: v.nullish(openString<HungUpSide>()),
  ServeParticipants: list(ServeParticipant),
  /** How the call ended (see the EndStatus table). */
  EndStatusString: optString(),
  /** Inbound: queue entry, Unix seconds, 0 = never queued. */
  QueuedTimestamp: optNumber(),
  /** Satisfaction survey keys. */
  PostIVRKeyPressed: list(IvrKeyPressedElement),
  QueuedSkillGroupName: optString(),
  QueuedSkillGroupId: optNumber(),
  /** Customer-side recording id. */
  RecordId: optString(),
  UserRemark: optString(),
  /** Data passed in through the outbound call API. */
  Uui: optString(),
  /** Same data under the API's spelling (newer pushes). */
  UUI: optString(),
  /** Satisfaction keys, extended form (`Key` `noInput` = entered the survey but pressed nothing). */
  PostIVRKeyPressedEx: list(IvrKeyPressedElement),
  /** Voicemail recordings of the call. */
  VoicemailRecordURL: list(v.string()),
  /** AI agent that handled the call, for AI-agent calls. */
  AIAgentId: optNumber(),
  AIAgentName: optString(),
  /** System hang-up reason after connect (code and text). */
  SysHangupReason: optNumber(),
  SysHangupReasonString: optString(),
  TelLocation: v.nullish(TelLocation),
});
/** Output type of {@link CdrPush}. */
export type CdrPush = v.InferOutput<typeof CdrPush>;

/** Parses a CDR push body, throwing `SchemaError`; wrong values outside the relied fields are dropped. */
export const parseCdrPush = tolerantParser(CdrPush, ReliedFields.CdrPush, 'CDR push');
/** Parses a CDR push body into a result value, with one warning per dropped field. */
export const safeParseCdrPush = tolerantSafeParser(CdrPush, ReliedFields.CdrPush);
