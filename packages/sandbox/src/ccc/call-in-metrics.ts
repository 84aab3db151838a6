import { type CallInMetrics, DescribeCallInMetricsRequest } from '@ccc-kit/schemas';
import type { Dataset } from '../dataset/types.ts';
import type { ActionResult } from './api-error.ts';
import { inboundLines, type LiveCall, type LivePhase, liveInboundCalls } from './live-calls.ts';
import { checkIntegerList, checkIntegers, checkSdkAppId, readParams } from './params.ts';

/** The emulated action's signature (see `ActionHandler` in actions.ts, which registers it). */
type Handler = (
  body: unknown,
  context: { dataset: Dataset; sdkAppId: number; nowSeconds: number },
) => ActionResult;

/** Max and rounded mean of the seconds of the calls in one phase; 0 and 0 when there are none. */
function durations(calls: readonly LiveCall[], phase: LivePhase): readonly [number, number] {
  const seconds = calls.filter((call) => call.phase === phase).map((call) => call.seconds);
  if (seconds.length === 0) return [0, 0];
  return [Math.max(...seconds), Math.round(seconds.reduce((sum, s) => sum + s, 0) / seconds.length)];
}

/** The eleven counters of `CallInMetrics` over some live calls (Tencent's sample answers all of them). */
function metricsOf(calls: readonly LiveCall[]): CallInMetrics {
  const count = (phase: LivePhase) => calls.filter((call) => call.phase === phase).length;
  const [MaxQueueDuration, AvgQueueDuration] = durations(calls, 'queue');
  const [MaxRingDuration, AvgRingDuration] = durations(calls, 'ring');
  const [MaxAcceptDuration, AvgAcceptDuration] = durations(calls, 'accept');
  return {
    IvrCount: count('ivr'),
    QueueCount: count('queue'),
    RingCount: count('ring'),
    AcceptCount: count('accept'),
    TransferOuterCount: count('transferOuter'),
    MaxQueueDuration,
    AvgQueueDuration,
    MaxRingDuration,
    AvgRingDuration,
    MaxAcceptDuration,
    AvgAcceptDuration,
  };
}

/** One entry per listed skill group, in the dataset's order, counting the live calls routed to it. */
function groupMetrics(
  dataset: Dataset,
  calls: readonly LiveCall[],
  only: ReadonlySet<number> | undefined,
): Record<string, unknown>[] {
  return (dataset.skillGroups ?? [])
    .filter((group) => !only || only.has(group.id))
    .map((group) => ({
      SkillGroupId: group.id,
      Metrics: metricsOf(calls.filter((call) => call.groupId === group.id)),
      Name: group.name,
    }));
}

/**
 * DescribeCallInMetrics: a live snapshot at the emulator's `now` of the dataset's inbound calls in
 * progress (see live-calls.ts for the phases). `TotalMetrics` covers the whole application whatever
 * `GroupIdList` says; `SkillGroupMetrics` (unless `EnabledSkillGroup` is false) lists every configured
 * group, or those of `GroupIdList`; `NumberMetrics` (with `EnabledNumber`) one entry per inbound line. A
 * dimension not asked for is `null`, as Tencent's "may be null" allows.
 */
export const describeCallInMetrics: Handler = (body, context) => {
  const params = readParams(DescribeCallInMetricsRequest, body);
  if (!params.ok) return params;
  const { SdkAppId, EnabledSkillGroup = true, EnabledNumber = false, GroupIdList } = params.value;
  const bad =
    checkIntegers(params.value, ['SdkAppId']) ??
    checkIntegerList(params.value, 'GroupIdList') ??
    checkSdkAppId(SdkAppId, context.sdkAppId);
  if (bad) return bad;
  const { dataset, nowSeconds } = context;
  const live = liveInboundCalls(dataset, nowSeconds);
  // An empty list filters nothing, as if it were omitted.
  const only = GroupIdList?.length ? new Set(GroupIdList) : undefined;
  const numbers = inboundLines(dataset).map((line) => {
    const calls = live.filter((call) => call.line === line);
    return { Number: line, Metrics: metricsOf(calls), SkillGroupMetrics: groupMetrics(dataset, calls, only) };
  });
  return {
    ok: true,
    body: {
      Timestamp: nowSeconds,
      TotalMetrics: metricsOf(live),
      NumberMetrics: EnabledNumber ? numbers : null,
      SkillGroupMetrics: EnabledSkillGroup ? groupMetrics(dataset, live, only) : null,
    },
  };
};
