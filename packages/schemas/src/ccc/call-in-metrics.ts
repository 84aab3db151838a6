import * as v from 'valibot';
import { list, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { optNumberText } from '../limits.ts';
import { type ReliedPaths, safeParseTolerant, type TolerantParseResult } from '../tolerance.ts';

/** DescribeCallInMetrics request: the live inbound queue, in total and per skill group or line. */
export const DescribeCallInMetricsRequest = v.object({
  SdkAppId: v.number(),
  /** Answer the skill-group dimension (`SkillGroupMetrics`); Tencent's default is true. */
  EnabledSkillGroup: v.optional(v.boolean()),
  /** Answer the line dimension (`NumberMetrics`); Tencent's default is false. */
  EnabledNumber: v.optional(v.boolean()),
  /** Only these skill groups. */
  GroupIdList: v.optional(v.array(v.number())),
});
/** Output type of {@link DescribeCallInMetricsRequest}. */
export type DescribeCallInMetricsRequest = v.InferOutput<typeof DescribeCallInMetricsRequest>;

/**
 * The live counters of inbound calls (`CallInMetrics`), every field optional as in the SDK. Counts are
 * calls in that state now (the SDK's `接通中数量` for `AcceptCount`: connected now, not answered today).
 * Tencent states no unit for the durations; seconds is likely but unconfirmed.
 */
export const CallInMetrics = v.looseObject({
  /** Calls in the IVR. */
  IvrCount: optNumber(),
  /** Calls queued for an agent. */
  QueueCount: optNumber(),
  /** Calls ringing an agent. */
  RingCount: optNumber(),
  /** Calls connected to an agent now. */
  AcceptCount: optNumber(),
  /** Calls an agent is transferring to an external line. */
  TransferOuterCount: optNumber(),
  /** Longest wait of the calls queued now. */
  MaxQueueDuration: optNumber(),
  AvgQueueDuration: optNumber(),
  /** Longest ringing of the calls ringing now. */
  MaxRingDuration: optNumber(),
  AvgRingDuration: optNumber(),
  /** Longest conversation of the calls connected now. */
  MaxAcceptDuration: optNumber(),
  AvgAcceptDuration: optNumber(),
});
/** Output type of {@link CallInMetrics}. */
export type CallInMetrics = v.InferOutput<typeof CallInMetrics>;

/**
 * One skill group's counters. The SDK marks the fields required, yet Tencent's own sample answers a group
 * without `Metrics`: every field is optional here.
 */
export const CallInSkillGroupMetrics = v.looseObject({
  SkillGroupId: optNumber(),
  Metrics: v.nullish(CallInMetrics),
  /** The skill group's name. */
  Name: optString(),
});
/** Output type of {@link CallInSkillGroupMetrics}. */
export type CallInSkillGroupMetrics = v.InferOutput<typeof CallInSkillGroupMetrics>;

/** One line's counters, and its skill groups' (with `EnabledNumber`). */
export const CallInNumberMetrics = v.looseObject({
  /** The line number, e.g. `02188888888`. */
  Number: optNumberText('Number'),
  Metrics: v.nullish(CallInMetrics),
  SkillGroupMetrics: list(CallInSkillGroupMetrics),
});
/** Output type of {@link CallInNumberMetrics}. */
export type CallInNumberMetrics = v.InferOutput<typeof CallInNumberMetrics>;

/** DescribeCallInMetrics `Response`. Both dimensions may be `null` (absent or disabled): read as `[]`. */
export const DescribeCallInMetricsResponse = v.looseObject({
  /** When the counters were taken; unit not stated by Tencent (its sample says `1`). */
  Timestamp: optNumber(),
  TotalMetrics: v.nullish(CallInMetrics),
  NumberMetrics: list(CallInNumberMetrics),
  SkillGroupMetrics: list(CallInSkillGroupMetrics),
  RequestId: v.string(),
});
/** Output type of {@link DescribeCallInMetricsResponse}. */
export type DescribeCallInMetricsResponse = v.InferOutput<typeof DescribeCallInMetricsResponse>;

/** Parses a DescribeCallInMetrics `Response`, throwing `SchemaError`. */
export const parseDescribeCallInMetricsResponse = parser(
  DescribeCallInMetricsResponse,
  'DescribeCallInMetrics response',
);
/** Parses a DescribeCallInMetrics `Response` into a result value. */
export const safeParseDescribeCallInMetricsResponse = safeParser(DescribeCallInMetricsResponse);

/**
 * What a DescribeCallInMetrics response must get right to be read: only its `RequestId`. A wrong counter
 * drops that counter with a warning, so one odd group never blanks a wallboard.
 */
export const CALL_IN_METRICS_RESPONSE_RELIED: ReliedPaths = ['RequestId'];

/**
 * Parses a DescribeCallInMetrics `Response` tolerantly (see {@link CALL_IN_METRICS_RESPONSE_RELIED}): the
 * counters, and one warning per dropped field.
 *
 * @example
 * const live = safeParseDescribeCallInMetricsResponseTolerant(json.Response);
 * if (live.ok) for (const group of live.value.SkillGroupMetrics) console.log(group.Name, group.Metrics?.QueueCount ?? 0);
 */
export const safeParseDescribeCallInMetricsResponseTolerant = (
  input: unknown,
): TolerantParseResult<DescribeCallInMetricsResponse> =>
  safeParseTolerant(DescribeCallInMetricsResponse, input, CALL_IN_METRICS_RESPONSE_RELIED);
