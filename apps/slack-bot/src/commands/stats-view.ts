import type { ChatTotals, DigestFigures, StatsSummaryInput } from '@ccc-kit/slack-blocks';
import * as v from 'valibot';

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
const Row = v.object({ label: v.string(), kind: v.picklist(['key', 'none', 'other']), inbound: Inbound });
const HourRow = v.object({
  inbound: v.object({ offered: count, answered: count, missed: v.object({ total: count }) }),
});

/**
 * The part of `@ccc-kit/stats`' `CallStats` that `/ccc stats` shows: what the webhook's `GET /internal/stats`
 * answer is checked against (a `CallStats` computed here from Tencent's records fits it as it is).
 */
export const StatsViewSchema = v.object({
  serviceLevelSeconds: count,
  timeZone: v.string(),
  calls: count,
  totals: v.object({
    inbound: Inbound,
    outbound: v.object({ made: count, connected: count, callbacks: count }),
  }),
  bySkillGroup: v.pipe(v.array(Row), v.readonly()),
  byHour: v.pipe(v.array(HourRow), v.length(24), v.readonly()),
});

/** What `/ccc stats` shows of a `CallStats`. */
export type StatsView = v.InferOutput<typeof StatsViewSchema>;

/** The part of a `ChatStats` that `/ccc stats` shows (slack-blocks' `ChatTotals`). */
export const ChatsViewSchema = v.object({
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

/** The headline numbers of a view (inbound calls). */
export function figuresOf(view: StatsView): DigestFigures {
  const inbound = view.totals.inbound;
  return {
    offered: inbound.offered,
    answered: inbound.answered,
    missed: inbound.missed.total,
    answerRate: inbound.answerRate,
    serviceLevel: inbound.serviceLevel,
    waitP90: inbound.queueWait.p90,
    longestWait: inbound.queueWait.max,
  };
}

/** The stats answer's input: figures, outbound, the groups that had inbound calls (busiest first). */
export function summaryOf(
  view: StatsView,
  window: { readonly start: number; readonly end: number; readonly label: string },
  extra: {
    readonly source: string;
    readonly group?: string | undefined;
    readonly timeZone: string;
    readonly chats: ChatTotals | null;
  },
): StatsSummaryInput {
  const { outbound } = view.totals;
  return {
    ...window,
    ...extra,
    figures: figuresOf(view),
    serviceLevelSeconds: view.serviceLevelSeconds,
    outbound: { made: outbound.made, connected: outbound.connected, callbacks: outbound.callbacks },
    groups: view.bySkillGroup
      .filter((row) => row.inbound.offered > 0)
      .map((row) => ({
        name: row.label,
        offered: row.inbound.offered,
        answered: row.inbound.answered,
        missed: row.inbound.missed.total,
        waitP90: row.inbound.queueWait.p90,
      })),
  };
}
