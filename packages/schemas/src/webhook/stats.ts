import * as v from 'valibot';

// `GET /internal/stats` of apps/webhook, which apps/slack-bot's `/ccc stats` and Home tab read. The answer
// carries `@ccc-kit/stats`' `CallStats` and `ChatStats` whole; these schemas check the parts a reader uses
// (unknown keys are dropped), so the stats package can grow without breaking a reader.

/** Path of the webhook's stats API. */
export const STATS_PATH = '/internal/stats';

const count = v.pipe(v.number(), v.minValue(0));
const rate = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));
const Inbound = v.object({
  offered: count,
  answered: count,
  missed: v.object({ total: count }),
  answerRate: rate,
  serviceLevel: rate,
  queueWait: v.object({ p90: v.nullable(count), max: v.nullable(count) }),
});
const GroupRow = v.object({
  label: v.string(),
  kind: v.picklist(['key', 'none', 'other']),
  inbound: Inbound,
});
const HourRow = v.object({
  inbound: v.object({ offered: count, answered: count, missed: v.object({ total: count }) }),
});

/** The calls part of the answer: totals, skill groups and the 24 hours (a `CallStats` fits it as it is). */
export const CallStatsView = v.object({
  serviceLevelSeconds: count,
  timeZone: v.string(),
  calls: count,
  totals: v.object({
    inbound: Inbound,
    outbound: v.object({ made: count, connected: count, callbacks: count }),
  }),
  bySkillGroup: v.pipe(v.array(GroupRow), v.readonly()),
  byHour: v.pipe(v.array(HourRow), v.length(24), v.readonly()),
});
/** Output type of {@link CallStatsView}. */
export type CallStatsView = v.InferOutput<typeof CallStatsView>;

/** The chats part of the answer: the totals (a `ChatStats` fits it as it is). */
export const ChatStatsView = v.object({
  totals: v.object({
    sessions: count,
    answeredByAgent: count,
    answeredByBot: count,
    missed: v.object({ total: count }),
    answerRate: rate,
    wait: v.object({ p90: v.nullable(count) }),
    satisfaction: v.object({ count, mean: v.nullable(v.number()) }),
  }),
});
/** Output type of {@link ChatStatsView}. */
export type ChatStatsView = v.InferOutput<typeof ChatStatsView>;

/** `GET /internal/stats` answer; `chats` is absent from a webhook older than chat stats. */
export const WebhookStatsAnswer = v.object({
  source: v.literal('webhook'),
  stats: CallStatsView,
  chats: v.optional(ChatStatsView),
});
/** Output type of {@link WebhookStatsAnswer}. */
export type WebhookStatsAnswer = v.InferOutput<typeof WebhookStatsAnswer>;
