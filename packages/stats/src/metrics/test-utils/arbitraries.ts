import { CHAT_OUTCOMES, callbackUui, OUTCOMES } from '@ccc-kit/cdr-parser';
import fc from 'fast-check';
import type { StatsCall, StatsChat } from '../records.ts';

const CALL_OUTCOMES = [
  'answered',
  'missed',
  'outside_hours',
  'abandoned_in_ivr',
  'ivr_only',
  'not_answered',
  'blocked',
  'failed',
  'ai_handled',
  'voicemail',
  'unknown',
] as const;
const CHAT_OUTCOME_NAMES = [
  'answered',
  'timed_out',
  'transferred',
  'missed',
  'abandoned_in_ivr',
  'ivr_only',
  'outside_hours',
  'failed',
  'unknown',
] as const;

/** Real statuses (some in another case), unknown ones and none. */
const rawStatus = (names: readonly string[]): fc.Arbitrary<string | null> =>
  fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...names).map((n) => n.toUpperCase()),
    fc.string(),
    fc.constant(null),
  );

/** A pool of `size` values where a key always comes with the same label, so merge order cannot change labels. */
const group = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 8 }).map((id) => ({ id, name: `Group ${id}` })),
  fc.integer({ min: 1, max: 3 }).map((n) => ({ id: null, name: `Unnamed ${n}` })),
);
const agent = fc.oneof(
  fc.constant(null),
  fc
    .integer({ min: 1, max: 12 })
    .map((n) => ({ name: `Agent ${n}`, email: `a${n}@example.com`, staffNumber: null })),
  fc.integer({ min: 1, max: 3 }).map((n) => ({ name: null, email: null, staffNumber: `${1000 + n}` })),
);
/** Instants from 2020 on, a few invalid dates and none. */
const startedAt = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.integer({ min: 1_577_836_800, max: 1_893_456_000 }).map((s) => new Date(s * 1000)),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(new Date(Number.NaN)) },
);
/** Mostly short, sometimes over the 2 h cap. */
const seconds = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 90 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 7_000, max: 20_000 }) },
);
const durations = fc.record({ queueWait: seconds, ring: seconds, talk: seconds });
const number = fc.oneof(
  fc.constantFrom('008675512345678', '00864001234567', '+86 400 123 4567', '8001', '', '0086400xxx6666'),
  fc.constantFrom('008675512345678', '00864001234567').map((raw) => ({ raw })),
);
const uui = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant('abc'),
  fc.constantFrom('in-missed', 'in-2').map(callbackUui),
);

/** Calls of every direction and outcome, with real and odd end statuses, keys and durations. */
export const arbitraryCall: fc.Arbitrary<StatsCall> = fc.record({
  direction: fc.constantFrom('inbound', 'outbound'),
  outcome: fc.constantFrom(...CALL_OUTCOMES),
  endStatus: fc.record({ raw: rawStatus(OUTCOMES.map((row) => row.name)) }),
  skillGroup: group,
  agent,
  startedAt,
  durations,
  caller: number,
  callee: number,
  uui,
});

/** Chats of every outcome, rated or not. */
export const arbitraryChat: fc.Arbitrary<StatsChat> = fc.record({
  outcome: fc.constantFrom(...CHAT_OUTCOME_NAMES),
  endStatus: fc.record({ raw: rawStatus(CHAT_OUTCOMES.map((row) => row.name)) }),
  skillGroup: group,
  agent,
  startedAt,
  durations,
  satisfaction: fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer({ min: 1, max: 5 }),
    fc.constant(Number.NaN),
  ),
});

/** Cut points that split `length` items into consecutive parts (possibly empty). */
export const cutsOf = (length: number): fc.Arbitrary<number[]> =>
  fc
    .array(fc.integer({ min: 0, max: length }), { maxLength: 5 })
    .map((cuts) => [...cuts].sort((a, b) => a - b));

/** `items` split at `cuts`. */
export function splitAt<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = [0, ...cuts, items.length];
  return bounds.slice(1).map((end, i) => items.slice(bounds[i], end));
}

/** Nearest-rank percentile of a non-empty list, by sorting: the oracle of the histogram. */
export function sortedPercentile(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1] as number;
}
