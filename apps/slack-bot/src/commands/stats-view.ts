import type { CallStatsView } from '@ccc-kit/schemas';
import type { ChatTotals, DigestFigures, StatsSummaryInput } from '@ccc-kit/slack-blocks';

/** What `/ccc stats` shows of a `CallStats` (the webhook's answer, or one computed from Tencent's records). */
export type StatsView = CallStatsView;

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
