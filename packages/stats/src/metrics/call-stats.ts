import { StatsError, StatsErrorCode } from '../errors.ts';
import { type CallContribution, classifyCall } from './call-classify.ts';
import { type CallCounts, CallRow } from './call-row.ts';
import { createHourOf, HOUR_KEYS, type HourOf } from './hour-of-day.ts';
import { forEachRecord, type Records } from './iterate.ts';
import { KeyedRows, rowOf } from './keyed-rows.ts';
import {
  agentKey,
  agentLabel,
  createNumberKey,
  numberLabel,
  ourNumber,
  skillGroupKey,
  skillGroupLabel,
} from './keys.ts';
import { assertSameOptions, type CallStatsOptions, type ResolvedOptions, resolveOptions } from './options.ts';
import type { StatsCall } from './records.ts';
import type { RowIdentity } from './summaries.ts';
import { WAIT_CAP_SECONDS } from './wait-histogram.ts';

/** One row of a call breakdown: who or what it is, and its counts. */
export interface CallStatsRow extends RowIdentity, CallCounts {}

/** Call metrics: plain JSON (numbers, strings, arrays), so they can travel between apps as they are. */
export interface CallStats {
  readonly serviceLevelSeconds: number;
  readonly timeZone: string;
  readonly maxKeys: number;
  /** Waits above this count at it for p50/p90 (mean and max stay exact). */
  readonly waitCapSeconds: number;
  /** Calls added, both directions. */
  readonly calls: number;
  /** Calls without a start time: in `totals` and every breakdown except `byHour`. */
  readonly undated: number;
  readonly totals: CallCounts;
  /** 24 rows, `00`…`23`, by the local hour (in `timeZone`) the call started. */
  readonly byHour: readonly CallStatsRow[];
  readonly bySkillGroup: readonly CallStatsRow[];
  readonly byAgent: readonly CallStatsRow[];
  /** By our number: the one called (inbound) or called from (outbound). */
  readonly byNumber: readonly CallStatsRow[];
}

/** A call aggregator: add calls one by one, merge aggregators of other parts, read the result at any time. */
export interface CallStatsAccumulator {
  /** Counts one call. */
  add(call: StatsCall): void;
  /** Adds everything `other` counted (`other` is unchanged); both must have the same options. */
  merge(other: CallStatsAccumulator): void;
  /** The metrics so far (a new object each time; adding more calls afterwards is fine). */
  result(): CallStats;
}

class CallAccumulator implements CallStatsAccumulator {
  readonly options: ResolvedOptions;
  readonly totals: CallRow = new CallRow();
  readonly hours: readonly CallRow[] = HOUR_KEYS.map(() => new CallRow());
  readonly groups: KeyedRows<CallRow>;
  readonly agents: KeyedRows<CallRow>;
  readonly numbers: KeyedRows<CallRow>;
  undated = 0;
  readonly #hourOf: HourOf;
  readonly #numberKey: (raw: string) => string | null = createNumberKey();
  readonly #scratch: CallContribution = {
    inbound: true,
    slot: 0,
    wait: -1,
    talk: 0,
    voicemail: false,
    callback: false,
  };

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.#hourOf = createHourOf(options.canonicalZone);
    const create = (): CallRow => new CallRow();
    this.groups = new KeyedRows(options.maxKeys, create);
    this.agents = new KeyedRows(options.maxKeys, create);
    this.numbers = new KeyedRows(options.maxKeys, create);
  }

  add(call: StatsCall): void {
    const facts = classifyCall(call, this.#scratch);
    const threshold = this.options.serviceLevelSeconds;
    this.totals.add(facts, threshold);
    const hour = this.hours[this.#hourOf(call.startedAt)];
    if (hour) hour.add(facts, threshold);
    else this.undated += 1;
    rowOf(this.groups, call.skillGroup, skillGroupKey, skillGroupLabel).add(facts, threshold);
    rowOf(this.agents, call.agent, agentKey, agentLabel).add(facts, threshold);
    rowOf(this.numbers, ourNumber(call), this.#numberKey, numberLabel).add(facts, threshold);
  }

  merge(other: CallStatsAccumulator): void {
    if (!(other instanceof CallAccumulator))
      throw new StatsError(StatsErrorCode.InvalidOption, 'merge needs an accumulator from createCallStats');
    assertSameOptions(this.options, other.options);
    this.totals.merge(other.totals);
    for (const [hour, row] of this.hours.entries()) row.merge(other.hours[hour] as CallRow);
    this.groups.merge(other.groups);
    this.agents.merge(other.agents);
    this.numbers.merge(other.numbers);
    this.undated += other.undated;
  }

  result(): CallStats {
    const json = (row: CallRow): CallCounts => row.toJSON();
    const { serviceLevelSeconds, timeZone, maxKeys } = this.options;
    return {
      serviceLevelSeconds,
      timeZone,
      maxKeys,
      waitCapSeconds: WAIT_CAP_SECONDS,
      calls: this.totals.volume(),
      undated: this.undated,
      totals: this.totals.toJSON(),
      byHour: this.hours.map((row, hour) => ({ ...hourIdentity(hour), ...row.toJSON() })),
      bySkillGroup: this.groups.list(json, 'No skill group'),
      byAgent: this.agents.list(json, 'No agent'),
      byNumber: this.numbers.list(json, 'No number'),
    };
  }
}

/** Identity of the `byHour` row of `hour`: key `09`, label `09:00`. */
export function hourIdentity(hour: number): RowIdentity {
  const key = HOUR_KEYS[hour] ?? '';
  return { key, label: `${key}:00`, kind: 'key' };
}

/**
 * A call aggregator in bounded memory (counters per row, exact wait counts per second; see the README).
 *
 * @throws {StatsError} `stats_invalid_option` for a bad option (unknown `timeZone`, `maxKeys: 0`, …).
 * @example
 * ```ts
 * const today = createCallStats({ timeZone: 'Asia/Shanghai' });
 * for (const push of pushes) today.add(toCallFacts(push));
 * const { answerRate, serviceLevel } = today.result().totals.inbound;
 * ```
 */
export function createCallStats(options: CallStatsOptions = {}): CallStatsAccumulator {
  return new CallAccumulator(resolveOptions(options));
}

/**
 * Call metrics of every record of an array, generator or async iterable, read one at a time.
 *
 * @throws {StatsError} `stats_invalid_option` for a bad option (before reading anything).
 * @example
 * ```ts
 * const stats = await aggregateCalls(records, { serviceLevelSeconds: 30 });
 * stats.totals.inbound.missed.abandonedInQueue; // callers who gave up in the queue
 * ```
 */
export async function aggregateCalls(
  records: Records<StatsCall>,
  options: CallStatsOptions = {},
): Promise<CallStats> {
  const stats = createCallStats(options);
  await forEachRecord(records, (call) => stats.add(call));
  return stats.result();
}
