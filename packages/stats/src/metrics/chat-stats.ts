import { StatsError, StatsErrorCode } from '../errors.ts';
import { hourIdentity } from './call-stats.ts';
import { type ChatContribution, classifyChat } from './chat-classify.ts';
import { type ChatCounts, ChatRow } from './chat-row.ts';
import { createHourOf, HOUR_KEYS, type HourOf } from './hour-of-day.ts';
import { forEachRecord, type Records } from './iterate.ts';
import { KeyedRows, rowOf } from './keyed-rows.ts';
import { agentKey, agentLabel, skillGroupKey, skillGroupLabel } from './keys.ts';
import { assertSameOptions, type ChatStatsOptions, type ResolvedOptions, resolveOptions } from './options.ts';
import type { StatsChat } from './records.ts';
import type { RowIdentity } from './summaries.ts';
import { WAIT_CAP_SECONDS } from './wait-histogram.ts';

/** One row of a chat breakdown. */
export interface ChatStatsRow extends RowIdentity, ChatCounts {}

/** Chat metrics, plain JSON like {@link CallStats}. */
export interface ChatStats {
  readonly timeZone: string;
  readonly maxKeys: number;
  readonly waitCapSeconds: number;
  /** Sessions added. */
  readonly chats: number;
  /** Sessions without a start time: in `totals` and every breakdown except `byHour`. */
  readonly undated: number;
  readonly totals: ChatCounts;
  /** 24 rows, `00`…`23`, by the local hour the session started. */
  readonly byHour: readonly ChatStatsRow[];
  readonly bySkillGroup: readonly ChatStatsRow[];
  readonly byAgent: readonly ChatStatsRow[];
}

/** A chat aggregator (see `CallStatsAccumulator`). */
export interface ChatStatsAccumulator {
  add(chat: StatsChat): void;
  merge(other: ChatStatsAccumulator): void;
  result(): ChatStats;
}

class ChatAccumulator implements ChatStatsAccumulator {
  readonly options: ResolvedOptions;
  readonly totals: ChatRow = new ChatRow();
  readonly hours: readonly ChatRow[] = HOUR_KEYS.map(() => new ChatRow());
  readonly groups: KeyedRows<ChatRow>;
  readonly agents: KeyedRows<ChatRow>;
  undated = 0;
  readonly #hourOf: HourOf;
  readonly #scratch: ChatContribution = { slot: 0, wait: -1, talk: 0, rating: Number.NaN };

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.#hourOf = createHourOf(options.canonicalZone);
    const create = (): ChatRow => new ChatRow();
    this.groups = new KeyedRows(options.maxKeys, create);
    this.agents = new KeyedRows(options.maxKeys, create);
  }

  add(chat: StatsChat): void {
    const facts = classifyChat(chat, this.#scratch);
    this.totals.add(facts);
    const hour = this.hours[this.#hourOf(chat.startedAt)];
    if (hour) hour.add(facts);
    else this.undated += 1;
    rowOf(this.groups, chat.skillGroup, skillGroupKey, skillGroupLabel).add(facts);
    rowOf(this.agents, chat.agent, agentKey, agentLabel).add(facts);
  }

  merge(other: ChatStatsAccumulator): void {
    if (!(other instanceof ChatAccumulator))
      throw new StatsError(StatsErrorCode.InvalidOption, 'merge needs an accumulator from createChatStats');
    assertSameOptions(this.options, other.options);
    this.totals.merge(other.totals);
    for (const [hour, row] of this.hours.entries()) row.merge(other.hours[hour] as ChatRow);
    this.groups.merge(other.groups);
    this.agents.merge(other.agents);
    this.undated += other.undated;
  }

  result(): ChatStats {
    const json = (row: ChatRow): ChatCounts => row.toJSON();
    return {
      timeZone: this.options.timeZone,
      maxKeys: this.options.maxKeys,
      waitCapSeconds: WAIT_CAP_SECONDS,
      chats: this.totals.volume(),
      undated: this.undated,
      totals: this.totals.toJSON(),
      byHour: this.hours.map((row, hour) => ({ ...hourIdentity(hour), ...row.toJSON() })),
      bySkillGroup: this.groups.list(json, 'No skill group'),
      byAgent: this.agents.list(json, 'No agent'),
    };
  }
}

/**
 * A chat aggregator in bounded memory. `serviceLevelSeconds` does not apply to chats.
 *
 * @throws {StatsError} `stats_invalid_option` for an unknown `timeZone` or a bad `maxKeys`.
 * @example
 * ```ts
 * const chats = createChatStats({ timeZone: 'Asia/Shanghai' });
 * chats.add({ ...toChatRecord(push), satisfaction: 5 });
 * chats.result().totals.satisfaction.mean; // 5
 * ```
 */
export function createChatStats(options: ChatStatsOptions = {}): ChatStatsAccumulator {
  return new ChatAccumulator(resolveOptions(options));
}

/**
 * Chat metrics of every record of an array, generator or async iterable, read one at a time.
 *
 * @throws {StatsError} `stats_invalid_option` for a bad option.
 * @example
 * ```ts
 * const stats = await aggregateChats(records);
 * stats.totals.answeredByBot / stats.totals.sessions; // share the chatbot handled alone
 * ```
 */
export async function aggregateChats(
  records: Records<StatsChat>,
  options: ChatStatsOptions = {},
): Promise<ChatStats> {
  const stats = createChatStats(options);
  await forEachRecord(records, (chat) => stats.add(chat));
  return stats.result();
}
