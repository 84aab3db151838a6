import * as v from 'valibot';
import type { HungUpSide } from '../enums/call.ts';
import { list, openString, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { optNumberText } from '../limits.ts';
import { type ReliedPaths, safeParseTolerant, type TolerantParseResult } from '../tolerance.ts';
import { IvrKeyPressedElement, SeatUserInfo, ServeParticipant } from './common.ts';

/** DescribeTelCdr request (note `StartTimeStamp`/`EndTimeStamp` with a capital S). */
export const DescribeTelCdrRequest = v.object({
  SdkAppId: v.number(),
  /** Unix seconds, at most 180 days back. */
  StartTimeStamp: v.number(),
  /** Unix seconds, less than 90 days after the start. */
  EndTimeStamp: v.number(),
  /** Page size, at most 100. */
  PageSize: v.optional(v.number()),
  /** Page number, from 0. */
  PageNumber: v.optional(v.number()),
  /** Filter by phone numbers. */
  Phones: v.optional(v.array(v.string())),
  /** Filter by session ids. */
  SessionIds: v.optional(v.array(v.string())),
});
/** Output type of {@link DescribeTelCdrRequest}. */
export type DescribeTelCdrRequest = v.InferOutput<typeof DescribeTelCdrRequest>;

/** One call record of DescribeTelCdr (every field optional, as in the SDK). */
export const TelCdrInfo = v.looseObject({
  Caller: optNumberText('Caller'),
  Callee: optNumberText('Callee'),
  /** Call initiation, Unix seconds. */
  Time: optNumber(),
  /** 0 inbound, 1 outbound. */
  Direction: optNumber(),
  /** 1 outbound, 2 inbound, 3 audio inbound, 5 predictive, 6 internal. */
  CallType: optNumber(),
  /** Talk time, seconds. */
  Duration: optNumber(),
  RecordURL: optString(),
  RecordId: optString(),
  SeatUser: v.nullish(SeatUserInfo),
  /** Numeric end status. */
  EndStatus: optNumber(),
  /** Skill group name. */
  SkillGroup: optString(),
  CallerLocation: optString(),
  /** Seconds in the IVR. */
  IVRDuration: optNumber(),
  RingTimestamp: optNumber(),
  AcceptTimestamp: optNumber(),
  EndedTimestamp: optNumber(),
  /** Deprecated: keys as strings. */
  IVRKeyPressed: list(v.string()),
  IVRKeyPressedEx: list(IvrKeyPressedElement),
  HungUpSide: v.nullish(openString<HungUpSide>()),
  ServeParticipants: list(ServeParticipant),
  SkillGroupId: optNumber(),
  /** End status string (see the EndStatus table). */
  EndStatusString: optString(),
  StartTimestamp: optNumber(),
  QueuedTimestamp: optNumber(),
  PostIVRKeyPressed: list(IvrKeyPressedElement),
  PostIVRKeyPressedEx: list(IvrKeyPressedElement),
  QueuedSkillGroupId: optNumber(),
  SessionId: optString(),
  ProtectedCaller: optNumberText('ProtectedCaller'),
  ProtectedCallee: optNumberText('ProtectedCallee'),
  Uui: optString(),
  UUI: optString(),
  AsrUrl: optString(),
  /** `Complete`, `Processing`, or `NotExists` (offline ASR not enabled). */
  AsrStatus: optString(),
  CustomRecordURL: optString(),
  Remark: optString(),
  QueuedSkillGroupName: optString(),
  VoicemailRecordURL: list(v.string()),
  VoicemailAsrURL: list(v.string()),
  AIAgentId: optNumber(),
  AIAgentName: optString(),
  SysHangupReason: optNumber(),
  SysHangupReasonString: optString(),
});
/** Output type of {@link TelCdrInfo}. */
export type TelCdrInfo = v.InferOutput<typeof TelCdrInfo>;

/** DescribeTelCdr `Response`. */
export const DescribeTelCdrResponse = v.looseObject({
  /** Total records matching, across pages. */
  TotalCount: v.number(),
  /** Deprecated duplicate of `TelCdrList`. */
  TelCdrs: list(TelCdrInfo),
  /** The page of records. */
  TelCdrList: list(TelCdrInfo),
  RequestId: v.string(),
});
/** Output type of {@link DescribeTelCdrResponse}. */
export type DescribeTelCdrResponse = v.InferOutput<typeof DescribeTelCdrResponse>;

/** Parses a DescribeTelCdr `Response`, throwing `SchemaError`. */
export const parseDescribeTelCdrResponse = parser(DescribeTelCdrResponse, 'DescribeTelCdr response');
/** Parses a DescribeTelCdr `Response` into a result value. */
export const safeParseDescribeTelCdrResponse = safeParser(DescribeTelCdrResponse);

/**
 * What a DescribeTelCdr response must get right for a page to be read: its paging. A wrong value anywhere
 * inside a call row drops that field with a warning instead of failing the page, so one odd row never stops
 * a listing (a reconciliation would otherwise fail on it again at every run).
 */
export const TEL_CDR_RESPONSE_RELIED: ReliedPaths = ['TotalCount', 'RequestId'];

/**
 * Parses a DescribeTelCdr `Response` tolerantly (see {@link TEL_CDR_RESPONSE_RELIED}): the page, and one
 * warning per dropped field.
 *
 * @example
 * const page = safeParseDescribeTelCdrResponseTolerant(json.Response);
 * if (page.ok) for (const row of page.value.TelCdrList) console.log(row.SessionId);
 */
export const safeParseDescribeTelCdrResponseTolerant = (
  input: unknown,
): TolerantParseResult<DescribeTelCdrResponse> =>
  safeParseTolerant(DescribeTelCdrResponse, input, TEL_CDR_RESPONSE_RELIED);
