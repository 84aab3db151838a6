import { StatsError, StatsErrorCode } from '../errors.ts';
import { WAIT_CAP_SECONDS } from './wait-histogram.ts';

/** Options shared by the call and chat aggregators. */
export interface StatsOptions {
  /** IANA time zone of the `byHour` rows (default `UTC`); unknown zones throw `stats_invalid_option`. */
  readonly timeZone?: string | undefined;
  /**
   * Most distinct keys per dimension (skill groups, agents, numbers) that get a row of their own (default 500);
   * later keys fold into one `other` row, so memory stays bounded whatever the input.
   */
  readonly maxKeys?: number | undefined;
}

/** Options of `createCallStats` and `aggregateCalls`. */
export interface CallStatsOptions extends StatsOptions {
  /** Service level threshold: answered within this many seconds of queueing (default 20, at most 7,200). */
  readonly serviceLevelSeconds?: number | undefined;
}

/** Options of `createChatStats` and `aggregateChats`. */
export type ChatStatsOptions = StatsOptions;

/** Options with defaults applied and checked. */
export interface ResolvedOptions {
  readonly serviceLevelSeconds: number;
  /** As given (default `UTC`); shown in results. */
  readonly timeZone: string;
  /** Intl's canonical name of `timeZone` (`utc` and `Etc/UTC` are both `UTC`): what `merge` compares. */
  readonly canonicalZone: string;
  readonly maxKeys: number;
}

/** Default of {@link CallStatsOptions.serviceLevelSeconds}: the industry's usual 80/20 threshold. */
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;
/** Default of {@link StatsOptions.maxKeys}. */
export const DEFAULT_MAX_KEYS = 500;
const MAX_KEYS_LIMIT = 100_000;

/** `value` (default `fallback`) when it is an integer within `[min, max]`; throws `stats_invalid_option` otherwise. */
function integerOption(
  name: string,
  value: number | undefined,
  fallback: number,
  [min, max]: readonly [number, number],
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new StatsError(
      StatsErrorCode.InvalidOption,
      `Option ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    );
  return value;
}

/** Intl's canonical name of an IANA zone; throws `stats_invalid_option` for zones Intl does not know. */
export function canonicalTimeZone(timeZone: unknown): string {
  try {
    if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('not a zone name');
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch (cause) {
    throw new StatsError(
      StatsErrorCode.InvalidOption,
      `Option timeZone must be an IANA time zone such as Asia/Shanghai or UTC, got ${JSON.stringify(timeZone)}`,
      { cause },
    );
  }
}

/** Applies defaults and checks every option; throws `stats_invalid_option` on the first bad one. */
export function resolveOptions(options: CallStatsOptions = {}): ResolvedOptions {
  const timeZone = options.timeZone ?? 'UTC';
  return {
    serviceLevelSeconds: integerOption(
      'serviceLevelSeconds',
      options.serviceLevelSeconds,
      DEFAULT_SERVICE_LEVEL_SECONDS,
      [0, WAIT_CAP_SECONDS],
    ),
    timeZone,
    canonicalZone: canonicalTimeZone(timeZone),
    maxKeys: integerOption('maxKeys', options.maxKeys, DEFAULT_MAX_KEYS, [1, MAX_KEYS_LIMIT]),
  };
}

/** Throws `stats_invalid_option` unless two accumulators count alike (merging them would mix definitions). */
export function assertSameOptions(ours: ResolvedOptions, theirs: ResolvedOptions): void {
  const differs =
    ours.serviceLevelSeconds !== theirs.serviceLevelSeconds ||
    ours.canonicalZone !== theirs.canonicalZone ||
    ours.maxKeys !== theirs.maxKeys;
  if (differs)
    throw new StatsError(
      StatsErrorCode.InvalidOption,
      `Cannot merge statistics built with other options: ours ${describe(ours)}, theirs ${describe(theirs)}`,
    );
}

const describe = (o: ResolvedOptions): string =>
  `{ serviceLevelSeconds: ${o.serviceLevelSeconds}, timeZone: ${o.timeZone}, maxKeys: ${o.maxKeys} }`;
