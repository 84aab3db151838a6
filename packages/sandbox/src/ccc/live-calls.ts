import type { ServeParticipant } from '@ccc-kit/schemas';
import type { CallFixture, Dataset } from '../dataset/types.ts';

/** Where an inbound call is at one moment, as DescribeCallInMetrics counts it. */
export type LivePhase = 'ivr' | 'queue' | 'ring' | 'accept' | 'transferOuter';

/** An inbound call in progress at a moment. */
export interface LiveCall {
  readonly phase: LivePhase;
  /** Seconds spent in this phase so far. */
  readonly seconds: number;
  /** The skill group the phase belongs to; `undefined` in the IVR (the call is not routed yet, or is done). */
  readonly groupId: number | undefined;
  /** The line the customer called (`Callee`). */
  readonly line: string;
}

interface CallSpan {
  readonly call: CallFixture;
  readonly start: number;
  readonly end: number;
}

interface InboundIndex {
  /** Inbound calls by start time. */
  readonly spans: readonly CallSpan[];
  /** The longest inbound call, seconds: no call started earlier than `now` minus this is live. */
  readonly longest: number;
  /** Every line an inbound call came in on, sorted. */
  readonly lines: readonly string[];
}

// Datasets are immutable values (the call-out overlay makes a new one per change): index each once.
const indexes = new WeakMap<Dataset, InboundIndex>();

function indexOf(dataset: Dataset): InboundIndex {
  let index = indexes.get(dataset);
  if (!index) {
    const spans = [...dataset.calls, ...(dataset.liveCalls ?? [])]
      .filter((call) => call.telCdr.Direction === 0)
      .map((call) => ({
        call,
        start: call.telCdr.Time ?? call.telCdr.StartTimestamp ?? 0,
        end: call.telCdr.EndedTimestamp ?? 0,
      }))
      .sort((a, b) => a.start - b.start);
    const longest = spans.reduce((max, span) => Math.max(max, span.end - span.start), 0);
    const lines = [...new Set(spans.map((span) => span.call.telCdr.Callee ?? ''))].filter(Boolean).sort();
    index = { spans, longest, lines };
    indexes.set(dataset, index);
  }
  return index;
}

/** Every line inbound calls of the dataset came in on. */
export const inboundLines = (dataset: Dataset): readonly string[] => indexOf(dataset).lines;

/** When a participant started to ring (an agent leg rings from its start when no ring time is given). */
const ringOf = (leg: ServeParticipant): number => leg.RingTimestamp || leg.StartTimestamp || 0;

/** The phase of a leg that covers `now`: ringing until answered, then connected. */
function legPhase(leg: ServeParticipant, now: number, fallbackGroup: number | undefined) {
  const accept = leg.AcceptTimestamp ?? 0;
  const groupId = leg.SkillGroupId || fallbackGroup;
  if (accept > 0 && now >= accept) {
    const phase: LivePhase = leg.Type === 'outboundSeat' ? 'transferOuter' : 'accept';
    return { phase, seconds: now - accept, groupId };
  }
  return { phase: 'ring' as const, seconds: now - ringOf(leg), groupId };
}

/**
 * The phase of one inbound call at `now` (start ≤ now < end): on an agent leg (ringing or connected), queued
 * between `QueuedTimestamp` and the first ring, else in the IVR: before routing, after the last agent
 * (satisfaction survey), or talking to an AI agent (self-service, no skill group).
 */
function phaseAt({ call, start }: CallSpan, now: number): LiveCall {
  const cdr = call.telCdr;
  const line = cdr.Callee ?? '';
  const group = cdr.QueuedSkillGroupId || cdr.SkillGroupId || undefined;
  const legs = cdr.ServeParticipants;
  const current = legs.find(
    (leg) => ringOf(leg) > 0 && ringOf(leg) <= now && now < (leg.EndedTimestamp ?? 0),
  );
  if (current) return { ...legPhase(current, now, group), line };
  const queued = cdr.QueuedTimestamp ?? 0;
  const firstRing = Math.min(...legs.map(ringOf).filter((ring) => ring > 0), Number.POSITIVE_INFINITY);
  if (queued > 0 && now >= queued && now < firstRing)
    return { phase: 'queue', seconds: now - queued, groupId: group, line };
  const ivrSince = now >= firstRing ? Math.max(...legs.map((leg) => leg.EndedTimestamp ?? 0)) : start;
  return { phase: 'ivr', seconds: now - Math.min(ivrSince, now), groupId: undefined, line };
}

/** The inbound calls of the dataset in progress at `now` (Unix seconds), each with its phase. */
export function liveInboundCalls(dataset: Dataset, now: number): LiveCall[] {
  const { spans, longest } = indexOf(dataset);
  // Binary search for the first call that may still be live: started at or after now − longest.
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((spans[mid]?.start ?? 0) < now - longest) low = mid + 1;
    else high = mid;
  }
  const live: LiveCall[] = [];
  for (let i = low; i < spans.length; i++) {
    const span = spans[i] as CallSpan;
    if (span.start > now) break;
    if (now < span.end) live.push(phaseAt(span, now));
  }
  return live;
}
