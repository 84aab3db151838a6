import { DescribeStaffStatusMetricsRequest, StaffStatus } from '@ccc-kit/schemas';
import type { DatasetAgent } from '../dataset/catalog.ts';
import type { Dataset } from '../dataset/types.ts';
import { type AgentStatus, agentStatusAt } from './agent-status.ts';
import { agentTimelines } from './agent-timeline.ts';
import { type ActionResult, fail } from './api-error.ts';
import { checkIntegerList, checkIntegers, checkSdkAppId, readParams } from './params.ts';

/** The emulated action's signature (see `ActionHandler` in actions.ts, which registers it). */
type Handler = (
  body: unknown,
  context: { dataset: Dataset; sdkAppId: number; nowSeconds: number },
) => ActionResult;

const KNOWN_STATUSES: readonly string[] = Object.values(StaffStatus);

/** `StaffList` entries must be accounts, `StatusList` entries documented statuses. */
function checkValues({ StaffList, StatusList }: DescribeStaffStatusMetricsRequest): ActionResult | undefined {
  if (StaffList?.some((mail) => mail.trim() === ''))
    return fail('InvalidParameterValue', '`StaffList` must not hold an empty account.');
  const unknown = StatusList?.find((status) => !KNOWN_STATUSES.includes(status));
  if (unknown !== undefined)
    return fail(
      'InvalidParameterValue',
      `\`StatusList\` holds an unknown status \`${unknown}\`; expected ${KNOWN_STATUSES.join(', ')}.`,
    );
  return undefined;
}

/** One agent as `StaffStatusMetrics`, durations in seconds. */
function metricsOf(agent: DatasetAgent, state: AgentStatus): Record<string, unknown> {
  const { today } = state;
  const online = state.status !== 'offline';
  return {
    Email: agent.mail,
    Status: state.status,
    ...(state.direct ? { StatusExtra: { Type: 'tel', Direct: state.direct } } : {}),
    OnlineDuration: today.busy + today.afterCallWork + today.free + today.rest + today.notReady,
    FreeDuration: today.free,
    BusyDuration: today.busy,
    NotReadyDuration: today.notReady,
    RestDuration: today.rest,
    AfterCallWorkDuration: today.afterCallWork,
    ...(state.reason ? { Reason: state.reason } : {}),
    ReserveRest: state.reserveRest,
    ReserveNotReady: false,
    // A bound mobile answers while the agent is logged out, and places CreateCallOutSession's calls.
    UseMobileAccept: agent.phone ? 1 : 0,
    UseMobileCallOut: agent.phone !== undefined,
    LastOnlineTimestamp: state.onlineSince,
    LastStatusTimestamp: state.since,
    ClientInfo: online ? [{ ClientType: 'Web', IsConnected: true }] : [],
  };
}

/**
 * DescribeStaffStatusMetrics: the dataset's agents (catalog order) at the emulator's `now`, filtered by
 * `StaffList` (any case), `GroupIdList` (agents of any listed group) and `StatusList`; an empty list
 * filters nothing. Statuses come from the agents' legs of the dataset's calls (busy, then after-call work)
 * and otherwise from seeded draws (see agent-timeline.ts).
 */
export const describeStaffStatusMetrics: Handler = (body, context) => {
  const params = readParams(DescribeStaffStatusMetricsRequest, body);
  if (!params.ok) return params;
  const { SdkAppId, StaffList, GroupIdList, StatusList } = params.value;
  const bad =
    checkIntegers(params.value, ['SdkAppId']) ??
    checkIntegerList(params.value, 'GroupIdList') ??
    checkSdkAppId(SdkAppId, context.sdkAppId) ??
    checkValues(params.value);
  if (bad) return bad;
  const { dataset, nowSeconds } = context;
  const mails = StaffList?.length ? new Set(StaffList.map((mail) => mail.toLowerCase())) : undefined;
  const groupIds = GroupIdList?.length ? new Set(GroupIdList) : undefined;
  const groups = (dataset.skillGroups ?? []).filter((group) => groupIds?.has(group.id));
  const statuses = StatusList?.length ? new Set(StatusList) : undefined;
  const timelines = agentTimelines(dataset);
  const metrics = (dataset.agents ?? [])
    .filter((agent) => !mails || mails.has(agent.mail.toLowerCase()))
    .filter((agent) => !groupIds || groups.some((group) => agent.skillGroups.includes(group.name)))
    .flatMap((agent) => {
      const timeline = timelines.get(agent.mail.toLowerCase());
      const state = timeline && agentStatusAt(timeline, nowSeconds);
      return state && (!statuses || statuses.has(state.status)) ? [metricsOf(agent, state)] : [];
    });
  return { ok: true, body: { Metrics: metrics } };
};
