import * as v from 'valibot';
import type { ImEndStatus } from '../enums/desk.ts';
import { list, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { optNumberText } from '../limits.ts';
import { type ReliedPaths, safeParseTolerant, type TolerantParseResult } from '../tolerance.ts';

// CCC API 3.0 `DescribeIMCdrList` (TC3-signed, the CCC API key pair). Not Desk's `describe_im_cdr_list`
// (`DescribeImCdrListRequest`, `DeskImCdr`): that one is a Desk REST command signed with a UserSig.

/** DescribeIMCdrList request: the IM (online chat) service records of a window. */
export const DescribeIMCdrListRequest = v.object({
  SdkAppId: v.number(),
  /** Unix seconds. */
  StartTimestamp: v.number(),
  /** Unix seconds. */
  EndTimestamp: v.number(),
  /** Page size, at most 100 (default 20). */
  Limit: v.optional(v.number()),
  /** Records to skip (default 0). */
  Offset: v.optional(v.number()),
  /** 1 omni-channel, 2 text customer service; omitted = both. */
  Type: v.optional(v.number()),
});
/** Output type of {@link DescribeIMCdrListRequest}. */
export type DescribeIMCdrListRequest = v.InferOutput<typeof DescribeIMCdrListRequest>;

/** The customer's rating of a chat (`IMSatisfaction`). */
export const IMSatisfaction = v.looseObject({
  /** The option picked. */
  Id: optNumber(),
  /** Its label, e.g. `满意` (satisfied). */
  Label: optString(),
});
/** Output type of {@link IMSatisfaction}. */
export type IMSatisfaction = v.InferOutput<typeof IMSatisfaction>;

/**
 * `SkillGroupId` of an IM record: documented as a string (`"1154"`), unlike every phone-side skill-group id;
 * a number is read as its string too, so either form parses to one type.
 */
const skillGroupId = () =>
  v.nullish(
    v.pipe(
      v.union([v.string(), v.number()]),
      v.transform((id) => String(id)),
    ),
  );

/** One IM service record of DescribeIMCdrList (every field optional, as in the SDK). */
export const IMCdrInfo = v.looseObject({
  /** Service record id (not the session id). */
  Id: optString(),
  /** Seconds. */
  Duration: optNumber(),
  /**
   * 0 abnormal end, 1 normal end, 3 no agent online, 17 agent gave up, 100 blacklisted, 101 agent
   * transferred, 102 abandoned in the IVR, 108 customer reply timed out, 109 customer ended.
   */
  EndStatus: optNumber(),
  /** The customer's nickname. */
  Nickname: optString(),
  /** 1 omni-channel, 2 text customer service. */
  Type: optNumber(),
  /** The agent's account (an email). */
  StaffId: optString(),
  /** The session's time, Unix seconds. */
  Timestamp: optNumber(),
  /** The chat session, as in the `imcdr` push. */
  SessionId: optString(),
  SkillGroupId: skillGroupId(),
  SkillGroupName: optString(),
  Satisfaction: v.nullish(IMSatisfaction),
  /** The customer's IM account (the push's `UserId`). */
  ClientUserId: optNumberText('ClientUserId'),
});
/** Output type of {@link IMCdrInfo}. */
export type IMCdrInfo = v.InferOutput<typeof IMCdrInfo>;

/** DescribeIMCdrList `Response`. */
export const DescribeIMCdrListResponse = v.looseObject({
  /** Total records matching, across pages. */
  TotalCount: v.number(),
  /** The page of records. */
  IMCdrList: list(IMCdrInfo),
  RequestId: v.string(),
});
/** Output type of {@link DescribeIMCdrListResponse}. */
export type DescribeIMCdrListResponse = v.InferOutput<typeof DescribeIMCdrListResponse>;

/** Parses a DescribeIMCdrList `Response`, throwing `SchemaError`. */
export const parseDescribeIMCdrListResponse = parser(DescribeIMCdrListResponse, 'DescribeIMCdrList response');
/** Parses a DescribeIMCdrList `Response` into a result value. */
export const safeParseDescribeIMCdrListResponse = safeParser(DescribeIMCdrListResponse);

/**
 * What a DescribeIMCdrList response must get right for a page to be read: its paging. A wrong value inside a
 * record drops that field with a warning instead of failing the page (as for DescribeTelCdr), so one odd
 * record never stops a listing.
 */
export const IM_CDR_LIST_RESPONSE_RELIED: ReliedPaths = ['TotalCount', 'RequestId'];

/**
 * Parses a DescribeIMCdrList `Response` tolerantly (see {@link IM_CDR_LIST_RESPONSE_RELIED}): the page, and
 * one warning per dropped field.
 *
 * @example
 * const page = safeParseDescribeIMCdrListResponseTolerant(json.Response);
 * if (page.ok) for (const row of page.value.IMCdrList) console.log(row.SessionId);
 */
export const safeParseDescribeIMCdrListResponseTolerant = (
  input: unknown,
): TolerantParseResult<DescribeIMCdrListResponse> =>
  safeParseTolerant(DescribeIMCdrListResponse, input, IM_CDR_LIST_RESPONSE_RELIED);

/**
 * The `imcdr` push's `EndStatusString` of a numeric IM `EndStatus`, for the codes whose meaning matches one.
 * Tencent documents no mapping between the two lists: this is an inference by meaning (apis-wave-2 §6), so
 * a code not listed here (0, 100, 109, anything new) has no string rather than a guessed one.
 */
export const IM_END_STATUS_BY_CODE: Readonly<Record<number, ImEndStatus>> = {
  1: 'ok',
  3: 'noSeatOnline',
  17: 'seatGiveUp',
  101: 'seatForward',
  102: 'ivrGiveUp',
  108: 'autoFinished',
};
