/**
 * `@ccc-kit/stats`: call and chat metrics from cdr-parser records. Charts are in `@ccc-kit/stats/charts`.
 * @packageDocumentation
 */

export { addDays, dayStart, localTime } from './days/days.ts';
export { isStatsError, StatsError, StatsErrorCode } from './errors.ts';
export type { CallCounts, InboundCalls, MissedCalls, OutboundCalls } from './metrics/call-row.ts';
export type { CallStats, CallStatsAccumulator, CallStatsRow } from './metrics/call-stats.ts';
export { aggregateCalls, createCallStats } from './metrics/call-stats.ts';
export type { ChatCounts, MissedChats, SatisfactionSummary } from './metrics/chat-row.ts';
export type { ChatStats, ChatStatsAccumulator, ChatStatsRow } from './metrics/chat-stats.ts';
export { aggregateChats, createChatStats } from './metrics/chat-stats.ts';
export type { Records } from './metrics/iterate.ts';
export type { CallStatsOptions, ChatStatsOptions, StatsOptions } from './metrics/options.ts';
export { DEFAULT_MAX_KEYS, DEFAULT_SERVICE_LEVEL_SECONDS } from './metrics/options.ts';
export type { StatsCall, StatsChat, StatsDurations } from './metrics/records.ts';
export type { RowIdentity, RowKind, TalkSummary, WaitSummary } from './metrics/summaries.ts';
export { WAIT_CAP_SECONDS } from './metrics/wait-histogram.ts';
