/**
 * Queue waits of a row: whole seconds from queue entry to answer (or to the caller giving up). Percentiles
 * are exact (counts per whole second, nearest rank) up to `waitCapSeconds`; longer waits count at the cap
 * for p50/p90, while `mean` and `max` stay exact. All `null` when `count` is 0.
 */
export interface WaitSummary {
  /** Calls or chats measured. */
  readonly count: number;
  /** Sum of the waits, seconds. */
  readonly total: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

/** Talk time (answer → end) of the answered calls or chats of a row, seconds. */
export interface TalkSummary {
  readonly count: number;
  readonly total: number;
  /** `total / count`, `null` when `count` is 0. */
  readonly mean: number | null;
}

/** What a row is: one key's own row, the row of records without a key, or the row keys beyond `maxKeys` fold into. */
export type RowKind = 'key' | 'none' | 'other';

/** Identity of a row of `bySkillGroup`, `byAgent`, `byNumber` or `byHour`. */
export interface RowIdentity {
  /** Stable id: skill group id, agent email, E.164 digits, `00`–`23`; `''` for the `none` and `other` rows. */
  readonly key: string;
  /** For people: skill group name, agent name, `+8640012345678`, `09:00`, `No agent`, `Other`. */
  readonly label: string;
  readonly kind: RowKind;
}

/** `numerator / denominator`, or `null` when the denominator is 0 (no calls: no rate, rather than 0 or NaN). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** A {@link TalkSummary} from a count and a total. */
export function talkSummary(count: number, total: number): TalkSummary {
  return { count, total, mean: rate(total, count) };
}
