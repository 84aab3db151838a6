import * as v from 'valibot';
import { list, openString, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { optNumberText } from '../limits.ts';
import { type ReliedPaths, safeParseTolerant, type TolerantParseResult } from '../tolerance.ts';

/** DescribeStaffInfoList request: one page of the agent directory. */
export const DescribeStaffInfoListRequest = v.object({
  SdkAppId: v.number(),
  /** Page size, at most 9999. */
  PageSize: v.number(),
  /** Page number, from 0. */
  PageNumber: v.number(),
  /** One agent's account (email). */
  StaffMail: v.optional(v.string()),
  /** Only agents modified at or after this time, Unix seconds (incremental sync). */
  ModifiedTime: v.optional(v.number()),
  /** Only the agents of this skill group. */
  SkillGroupId: v.optional(v.number()),
});
/** Output type of {@link DescribeStaffInfoListRequest}. */
export type DescribeStaffInfoListRequest = v.InferOutput<typeof DescribeStaffInfoListRequest>;

/** A skill group of an agent, with the agent's priority in it. */
export const SkillGroupItem = v.looseObject({
  SkillGroupId: optNumber(),
  SkillGroupName: optString(),
  /** 1 highest … 5 lowest (default 3). */
  Priority: optNumber(),
  /** `IM`, `TEL` or `ALL` (omni-channel). */
  Type: v.nullish(openString<'IM' | 'TEL' | 'ALL'>()),
});
/** Output type of {@link SkillGroupItem}. */
export type SkillGroupItem = v.InferOutput<typeof SkillGroupItem>;

/**
 * `RoleIdList`: typed `number` in the Node SDK but an array in its example (`[1]`); both read as an array,
 * `null` or absent as `[]`.
 */
const roleIdList = () =>
  v.nullish(
    v.pipe(
      v.union([v.number(), v.array(v.number())]),
      v.transform((ids) => (Array.isArray(ids) ? ids : [ids])),
    ),
    () => [],
  );

/** One agent of DescribeStaffInfoList (every field optional, as in the SDK). */
export const StaffInfo = v.looseObject({
  Name: optString(),
  /** The agent account (email): what `SeatUser.Mail` and `CreateCallOutSession.UserId` name. */
  Mail: optString(),
  /** Bound phone, usually with the `0086` prefix. */
  Phone: optNumberText('Phone'),
  Nick: optString(),
  /** Staff number (工号). */
  StaffNumber: optString(),
  /** Deprecated: one role id; read `RoleList` first. */
  RoleId: optNumber(),
  /** Deprecated: role ids. */
  RoleIdList: roleIdList(),
  /** Role ids: 1 admin, 2 quality inspector, 3 agent, other = custom role. */
  RoleList: list(v.number()),
  SkillGroupList: list(SkillGroupItem),
  /** Last change of the agent, Unix seconds. */
  LastModifyTimestamp: optNumber(),
  /** Extension number (4–6 digits starting 1–8). */
  ExtensionNumber: optString(),
});
/** Output type of {@link StaffInfo}. */
export type StaffInfo = v.InferOutput<typeof StaffInfo>;

/** DescribeStaffInfoList `Response`. */
export const DescribeStaffInfoListResponse = v.looseObject({
  /** Agents matching, across pages. */
  TotalCount: v.number(),
  /** The page of agents. */
  StaffList: list(StaffInfo),
  RequestId: v.string(),
});
/** Output type of {@link DescribeStaffInfoListResponse}. */
export type DescribeStaffInfoListResponse = v.InferOutput<typeof DescribeStaffInfoListResponse>;

/** Parses a DescribeStaffInfoList `Response`, throwing `SchemaError`. */
export const parseDescribeStaffInfoListResponse = parser(
  DescribeStaffInfoListResponse,
  'DescribeStaffInfoList response',
);
/** Parses a DescribeStaffInfoList `Response` into a result value. */
export const safeParseDescribeStaffInfoListResponse = safeParser(DescribeStaffInfoListResponse);

/**
 * What a DescribeStaffInfoList response must get right for a page to be read: its paging. A wrong value
 * inside an agent drops that field with a warning (as for DescribeTelCdr), so one odd agent never stops a
 * directory sync.
 */
export const STAFF_INFO_LIST_RESPONSE_RELIED: ReliedPaths = ['TotalCount', 'RequestId'];

/**
 * Parses a DescribeStaffInfoList `Response` tolerantly (see {@link STAFF_INFO_LIST_RESPONSE_RELIED}): the
 * page, and one warning per dropped field.
 *
 * @example
 * const page = safeParseDescribeStaffInfoListResponseTolerant(json.Response);
 * if (page.ok) for (const staff of page.value.StaffList) console.log(staff.Mail, staff.RoleList);
 */
export const safeParseDescribeStaffInfoListResponseTolerant = (
  input: unknown,
): TolerantParseResult<DescribeStaffInfoListResponse> =>
  safeParseTolerant(DescribeStaffInfoListResponse, input, STAFF_INFO_LIST_RESPONSE_RELIED);
