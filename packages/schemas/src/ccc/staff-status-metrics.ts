import * as v from 'valibot';
import type { StaffStatus, StaffStatusChannel, StaffStatusDirection } from '../enums/staff.ts';
import { list, openString, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { type ReliedPaths, safeParseTolerant, type TolerantParseResult } from '../tolerance.ts';

/** DescribeStaffStatusMetrics request: the live status of agents; every filter optional. */
export const DescribeStaffStatusMetricsRequest = v.object({
  SdkAppId: v.number(),
  /** Only these agents (their accounts, emails); omitted = every agent. */
  StaffList: v.optional(v.array(v.string())),
  /** Only the agents of these skill groups. */
  GroupIdList: v.optional(v.array(v.number())),
  /** Only agents in these statuses (`free`, `busy`, `rest`, `notReady`, `afterCallWork`, `offline`). */
  StatusList: v.optional(v.array(v.string())),
});
/** Output type of {@link DescribeStaffStatusMetricsRequest}. */
export type DescribeStaffStatusMetricsRequest = v.InferOutput<typeof DescribeStaffStatusMetricsRequest>;

/** What the agent's current session is (`StaffStatusExtra`). */
export const StaffStatusExtra = v.looseObject({
  /** `im` (text), `tel` (phone) or `all` (omni-channel). */
  Type: v.nullish(openString<StaffStatusChannel>()),
  /** `in` or `out` (Tencent's sample answers `callin`: any string parses). */
  Direct: v.nullish(openString<StaffStatusDirection>()),
});
/** Output type of {@link StaffStatusExtra}. */
export type StaffStatusExtra = v.InferOutput<typeof StaffStatusExtra>;

/** One client the agent is logged in with (`ClientInfo`). */
export const StaffClientInfo = v.looseObject({
  /** `Web` (web workstation) or `WeChatMiniProgram`. */
  ClientType: v.nullish(openString<'Web' | 'WeChatMiniProgram'>()),
  /** Web: always true; mini program: true while in the foreground. */
  IsConnected: v.nullish(v.boolean()),
});
/** Output type of {@link StaffClientInfo}. */
export type StaffClientInfo = v.InferOutput<typeof StaffClientInfo>;

/**
 * One agent's live status (`StaffStatusMetrics`), every field optional as in the SDK. The `…Duration`
 * fields total today's time in each status; Tencent states no unit (seconds is likely, unconfirmed).
 */
export const StaffStatusMetrics = v.looseObject({
  /** The agent's account (email). */
  Email: optString(),
  /** A {@link StaffStatus}; a status Tencent adds later parses too. */
  Status: v.nullish(openString<StaffStatus>()),
  StatusExtra: v.nullish(StaffStatusExtra),
  OnlineDuration: optNumber(),
  FreeDuration: optNumber(),
  BusyDuration: optNumber(),
  NotReadyDuration: optNumber(),
  RestDuration: optNumber(),
  AfterCallWorkDuration: optNumber(),
  /** Why the agent rests (e.g. `会议`, meeting). */
  Reason: optString(),
  /** A rest is reserved: it starts once the current session ends. */
  ReserveRest: v.nullish(v.boolean()),
  /** A not-ready is reserved: it starts once the current session ends. */
  ReserveNotReady: v.nullish(v.boolean()),
  /** Mobile answering: 0 off, 1 only when offline, 2 always. */
  UseMobileAccept: optNumber(),
  /** Outbound calls through the agent's mobile are on. */
  UseMobileCallOut: v.nullish(v.boolean()),
  /** When the agent last came online, Unix seconds. */
  LastOnlineTimestamp: optNumber(),
  /** When the status last changed, Unix seconds. */
  LastStatusTimestamp: optNumber(),
  ClientInfo: list(StaffClientInfo),
});
/** Output type of {@link StaffStatusMetrics}. */
export type StaffStatusMetrics = v.InferOutput<typeof StaffStatusMetrics>;

/** DescribeStaffStatusMetrics `Response`: the agents are in `Metrics` (not `StaffStatusMetrics`). */
export const DescribeStaffStatusMetricsResponse = v.looseObject({
  Metrics: list(StaffStatusMetrics),
  RequestId: v.string(),
});
/** Output type of {@link DescribeStaffStatusMetricsResponse}. */
export type DescribeStaffStatusMetricsResponse = v.InferOutput<typeof DescribeStaffStatusMetricsResponse>;

/** Parses a DescribeStaffStatusMetrics `Response`, throwing `SchemaError`. */
export const parseDescribeStaffStatusMetricsResponse = parser(
  DescribeStaffStatusMetricsResponse,
  'DescribeStaffStatusMetrics response',
);
/** Parses a DescribeStaffStatusMetrics `Response` into a result value. */
export const safeParseDescribeStaffStatusMetricsResponse = safeParser(DescribeStaffStatusMetricsResponse);

/**
 * What a DescribeStaffStatusMetrics response must get right to be read: only its `RequestId`. A wrong value
 * inside an agent drops that field with a warning, so one odd agent never blanks the board.
 */
export const STAFF_STATUS_METRICS_RESPONSE_RELIED: ReliedPaths = ['RequestId'];

/**
 * Parses a DescribeStaffStatusMetrics `Response` tolerantly (see
 * {@link STAFF_STATUS_METRICS_RESPONSE_RELIED}): the agents, and one warning per dropped field.
 *
 * @example
 * const board = safeParseDescribeStaffStatusMetricsResponseTolerant(json.Response);
 * if (board.ok) for (const agent of board.value.Metrics) console.log(agent.Email, agent.Status);
 */
export const safeParseDescribeStaffStatusMetricsResponseTolerant = (
  input: unknown,
): TolerantParseResult<DescribeStaffStatusMetricsResponse> =>
  safeParseTolerant(DescribeStaffStatusMetricsResponse, input, STAFF_STATUS_METRICS_RESPONSE_RELIED);
