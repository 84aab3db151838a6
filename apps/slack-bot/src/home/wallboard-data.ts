import type {
  CallInMetrics,
  DescribeCallInMetricsResponse,
  DescribeStaffStatusMetricsResponse,
  StaffInfo,
} from '@ccc-kit/schemas';
import type { HomeAgentCounts, HomeAgents, HomeQueue, HomeQueueRow } from '@ccc-kit/slack-blocks';

const n = (value: number | null | undefined): number => (typeof value === 'number' ? value : 0);
const orNull = (value: number | null | undefined): number | null =>
  typeof value === 'number' ? value : null;

function queueRow(name: string, metrics: CallInMetrics | null | undefined): HomeQueueRow {
  return {
    name,
    queued: n(metrics?.QueueCount),
    ringing: n(metrics?.RingCount),
    inIvr: n(metrics?.IvrCount),
    connected: orNull(metrics?.AcceptCount),
    // Tencent does not state the unit; its console and the emulator use seconds.
    longestWait: orNull(metrics?.MaxQueueDuration),
  };
}

/**
 * The queue now from DescribeCallInMetrics: the totals and each skill group. A group Tencent lists without
 * `Metrics` (its own sample does) shows zeros, named by its id when it has no name.
 */
export function queueOf(answer: DescribeCallInMetricsResponse): HomeQueue {
  return {
    total: queueRow('All', answer.TotalMetrics),
    groups: answer.SkillGroupMetrics.map((group) =>
      queueRow(group.Name?.trim() || `Group ${group.SkillGroupId ?? '?'}`, group.Metrics),
    ),
  };
}

const STATUS_KEYS: Readonly<Record<string, keyof HomeAgentCounts>> = {
  free: 'free',
  busy: 'busy',
  afterCallWork: 'afterCallWork',
  rest: 'rest',
  notReady: 'notReady',
  offline: 'offline',
};

/** An agent's name as CCC knows it (name, nickname, else the account), never anything about a customer. */
const nameOf = (staff: StaffInfo | undefined, email: string): string =>
  staff?.Name?.trim() || staff?.Nick?.trim() || email;

/**
 * The agents now from DescribeStaffStatusMetrics, counted by status (a status Tencent adds later counts as
 * `other`), and who is free in each phone skill group, by the directory (DescribeStaffInfoList: names and
 * groups); groups in name order, names sorted.
 */
export function agentsOf(
  answer: DescribeStaffStatusMetricsResponse,
  directory: readonly StaffInfo[],
): HomeAgents {
  const counts: Record<keyof HomeAgentCounts, number> = {
    free: 0,
    busy: 0,
    afterCallWork: 0,
    rest: 0,
    notReady: 0,
    offline: 0,
    other: 0,
  };
  const byMail = new Map(directory.map((staff) => [staff.Mail?.trim().toLowerCase() ?? '', staff]));
  const free = new Map<string, string[]>();
  for (const agent of answer.Metrics) {
    const key = STATUS_KEYS[agent.Status ?? ''] ?? 'other';
    counts[key] = counts[key] + 1;
    if (agent.Status !== 'free' || !agent.Email) continue;
    const staff = byMail.get(agent.Email.trim().toLowerCase());
    const groups = (staff?.SkillGroupList ?? []).filter((g) => g.Type !== 'IM');
    for (const group of groups.length ? groups : [{ SkillGroupName: 'No skill group' }]) {
      const name = group.SkillGroupName?.trim() || 'No skill group';
      free.set(name, [...(free.get(name) ?? []), nameOf(staff, agent.Email)]);
    }
  }
  return {
    counts,
    freeByGroup: [...free]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, names]) => ({ group, names: names.sort((a, b) => a.localeCompare(b)) })),
  };
}
