import { createRandom } from '../dataset/random.ts';
import {
  type AgentTimeline,
  type IdleStatus,
  idleStatus,
  runStart,
  type Segment,
  SLOT_SECONDS,
  SLOTS_PER_DAY,
} from './agent-timeline.ts';

/** An agent's status at one moment, as DescribeStaffStatusMetrics shows it. */
export interface AgentStatus {
  readonly status: Segment['status'] | IdleStatus;
  /** When this status began, Unix seconds. */
  readonly since: number;
  /** When the agent last came online; `null` when not within the last day. */
  readonly onlineSince: number | null;
  /** The call's direction, while busy or wrapping it up. */
  readonly direct: Segment['direct'] | undefined;
  /** A rest booked for after the current call (busy agents only). */
  readonly reserveRest: boolean;
  /** Why the agent rests. */
  readonly reason: string | undefined;
  /** Seconds in each status since 00:00 UTC of `now`. */
  readonly today: Readonly<Record<AgentStatus['status'], number>>;
}

const REASONS = ['Meeting', 'Lunch', 'Training', 'Coaching'] as const;
const DAY = 86_400;

const overlap = (segment: Segment, from: number, to: number): number =>
  Math.max(0, Math.min(segment.to, to) - Math.max(segment.from, from));

/** Seconds in each status over [from, to): the calls' segments, and the slots' idle statuses around them. */
function totals(timeline: AgentTimeline, from: number, to: number): AgentStatus['today'] {
  const sums = { busy: 0, afterCallWork: 0, free: 0, rest: 0, notReady: 0, offline: 0 };
  const segments = timeline.segments.filter((segment) => overlap(segment, from, to) > 0);
  for (const segment of segments) sums[segment.status] += overlap(segment, from, to);
  for (let slot = Math.floor(from / SLOT_SECONDS); slot * SLOT_SECONDS < to; slot++) {
    const start = Math.max(slot * SLOT_SECONDS, from);
    const end = Math.min((slot + 1) * SLOT_SECONDS, to);
    const covered = segments.reduce((sum, segment) => sum + overlap(segment, start, end), 0);
    sums[idleStatus(timeline, slot)] += end - start - covered;
  }
  return sums;
}

/** When the agent last came online: the start of the current online run, or of the last one in a day. */
function onlineSince(timeline: AgentTimeline, slot: number): number | null {
  const online = (s: number) => idleStatus(timeline, s) !== 'offline';
  let last = slot;
  while (last > slot - SLOTS_PER_DAY && !online(last)) last -= 1;
  return online(last) ? runStart(last, online) : null;
}

/**
 * The agent's status at `now`: busy on a call (ringing included) or in after-call work as the dataset's
 * calls say, else the seeded idle status of the quarter hour. Stable for a given dataset and `now`.
 */
export function agentStatusAt(timeline: AgentTimeline, now: number): AgentStatus {
  const slot = Math.floor(now / SLOT_SECONDS);
  const today = totals(timeline, now - (now % DAY), now);
  const segment = timeline.segments.find((s) => s.from <= now && now < s.to);
  const base = { onlineSince: onlineSince(timeline, slot), today, reason: undefined };
  if (segment) {
    const random = createRandom(timeline.seed).fork(`reserve:${timeline.mail}:${segment.from}`);
    const reserveRest = segment.status === 'busy' && random.chance(0.2);
    return { ...base, status: segment.status, since: segment.from, direct: segment.direct, reserveRest };
  }
  const status = idleStatus(timeline, slot);
  const lastEnd = timeline.segments.findLast((s) => s.to <= now)?.to ?? 0;
  const since = Math.max(
    runStart(slot, (s) => idleStatus(timeline, s) === status),
    lastEnd,
  );
  const reason =
    status === 'rest'
      ? createRandom(timeline.seed).fork(`rest:${timeline.mail}:${since}`).pick(REASONS)
      : undefined;
  return { ...base, status, since, direct: undefined, reserveRest: false, reason };
}
