import type { ServeParticipant } from '@ccc-kit/schemas';
import { createRandom, type Random } from '../dataset/random.ts';
import type { Dataset } from '../dataset/types.ts';

/** A stretch of an agent's day the calls decide: on a call (ringing or talking), or wrapping one up. */
export interface Segment {
  readonly from: number;
  /** Exclusive, Unix seconds. */
  readonly to: number;
  readonly status: 'busy' | 'afterCallWork';
  /** The direction of the call (the last one, for a run of back-to-back calls). */
  readonly direct: 'in' | 'out';
}

/** The statuses that fill an agent's time between calls. */
export type IdleStatus = 'free' | 'rest' | 'notReady' | 'offline';

/** One agent's calls as a timeline, for the seeded statuses around them. */
export interface AgentTimeline {
  readonly mail: string;
  /** Sorted, never overlapping. */
  readonly segments: readonly Segment[];
  /** Slots (see {@link SLOT_SECONDS}) holding a segment: the agent was online then, whatever the draw. */
  readonly activeSlots: ReadonlySet<number>;
  /** The dataset's seed: the idle statuses are drawn from it. */
  readonly seed: number;
}

/** Idle statuses are drawn per quarter of an hour (and online or not per hour). */
export const SLOT_SECONDS = 900;
const HOUR_SLOTS = 4;
/** How far back a run of statuses is followed: one day of slots. */
export const SLOTS_PER_DAY = 96;
/** Within an online hour, each quarter's status between calls. */
const IDLE_MIX = [
  ['free', 75],
  ['rest', 15],
  ['notReady', 10],
] as const;
/** Share of hours an agent is logged out (a slot with a call is online anyway). */
const OFFLINE_SHARE = 0.2;

interface Leg {
  readonly from: number;
  readonly to: number;
  readonly accepted: boolean;
  readonly direct: 'in' | 'out';
}

// From the leg's start: an agent placing a call is busy before anything rings.
const legOf = (leg: ServeParticipant, direct: 'in' | 'out'): Leg => ({
  from: leg.StartTimestamp || leg.RingTimestamp || 0,
  to: leg.EndedTimestamp ?? 0,
  accepted: (leg.AcceptTimestamp ?? 0) > 0,
  direct,
});

/** Wrap-up after a call the agent talked on: 20–90 s, seeded by the agent and the call. */
const wrapUp = (random: Random, mail: string, from: number): number =>
  random.fork(`acw:${mail}:${from}`).int(20, 90);

/** Overlapping legs (a transfer back, a dataset's coincidence) merge into one busy stretch. */
function busyBlocks(legs: readonly Leg[]): Leg[] {
  const blocks: Leg[] = [];
  for (const leg of [...legs].sort((a, b) => a.from - b.from)) {
    const last = blocks.at(-1);
    if (last && leg.from <= last.to) {
      const later = leg.to >= last.to;
      blocks[blocks.length - 1] = {
        from: last.from,
        to: Math.max(last.to, leg.to),
        accepted: later ? leg.accepted : last.accepted,
        direct: later ? leg.direct : last.direct,
      };
    } else blocks.push(leg);
  }
  return blocks;
}

function timelineOf(seed: number, mail: string, legs: readonly Leg[]): AgentTimeline {
  const random = createRandom(seed);
  const blocks = busyBlocks(legs.filter((leg) => leg.to > leg.from));
  const segments: Segment[] = [];
  blocks.forEach((block, i) => {
    segments.push({ from: block.from, to: block.to, status: 'busy', direct: block.direct });
    if (!block.accepted) return;
    // The next call cuts the wrap-up short.
    const to = Math.min(block.to + wrapUp(random, mail, block.from), blocks[i + 1]?.from ?? Infinity);
    if (to > block.to) segments.push({ from: block.to, to, status: 'afterCallWork', direct: block.direct });
  });
  const activeSlots = new Set<number>();
  for (const { from, to } of segments)
    for (let slot = Math.floor(from / SLOT_SECONDS); slot * SLOT_SECONDS < to; slot++) activeSlots.add(slot);
  return { mail, segments, activeSlots, seed };
}

// Datasets are immutable values (the call-out overlay makes a new one per change): build each once.
const timelines = new WeakMap<Dataset, ReadonlyMap<string, AgentTimeline>>();

/** Every agent's timeline (by lower-cased mail) from the agent legs of every call, inbound or not. */
export function agentTimelines(dataset: Dataset): ReadonlyMap<string, AgentTimeline> {
  let byMail = timelines.get(dataset);
  if (!byMail) {
    const legs = new Map<string, Leg[]>();
    for (const call of [...dataset.calls, ...(dataset.liveCalls ?? [])]) {
      const direct = call.telCdr.Direction === 0 ? 'in' : 'out';
      for (const leg of call.telCdr.ServeParticipants) {
        if (!leg.Mail || leg.Type === 'outboundSeat') continue;
        const mail = leg.Mail.toLowerCase();
        const own = legs.get(mail) ?? [];
        own.push(legOf(leg, direct));
        legs.set(mail, own);
      }
    }
    byMail = new Map(
      (dataset.agents ?? []).map((agent) => {
        const mail = agent.mail.toLowerCase();
        return [mail, timelineOf(dataset.seed, mail, legs.get(mail) ?? [])];
      }),
    );
    timelines.set(dataset, byMail);
  }
  return byMail;
}

/** The agent's status between calls in one slot: drawn from the seed, online whenever it has a call. */
export function idleStatus(timeline: AgentTimeline, slot: number): IdleStatus {
  const random = createRandom(timeline.seed).fork(`staff:${timeline.mail}`);
  const hour = Math.floor(slot / HOUR_SLOTS);
  const online = timeline.activeSlots.has(slot) || !random.fork(`hour:${hour}`).chance(OFFLINE_SHARE);
  return online ? random.fork(`slot:${slot}`).weighted(IDLE_MIX) : 'offline';
}

/** Start of the run of slots ending at `slot` that all satisfy `holds` (one day back at most). */
export function runStart(slot: number, holds: (slot: number) => boolean): number {
  let first = slot;
  while (first > slot - SLOTS_PER_DAY && holds(first - 1)) first -= 1;
  return first * SLOT_SECONDS;
}
