import { formatDuration } from '@ccc-kit/cdr-parser';
import type { KnownBlock } from '@slack/types';
import { context, fields, header, section } from './blocks.ts';
import { type ChatTotals, chatTotalsLine } from './chat-totals.ts';
import { slackDate } from './dates.ts';
import type { DigestFigures } from './digest.ts';
import { escapeMrkdwn } from './escape.ts';
import { fitToLimits } from './limits.ts';
import type { SlackMessage } from './types.ts';

/** One skill group's line in a stats answer. */
export interface StatsGroupLine {
  readonly name: string;
  readonly offered: number;
  readonly answered: number;
  readonly missed: number;
  /** Seconds. */
  readonly waitP90: number | null;
}

/** What a `/ccc stats` answer says. */
export interface StatsSummaryInput {
  /** What the range is in words: `today`, `the last 7 days`, `2026-11-01 to 2026-11-07`. */
  readonly label: string;
  /** Unix seconds. */
  readonly start: number;
  readonly end: number;
  readonly figures: DigestFigures;
  readonly serviceLevelSeconds: number;
  readonly outbound: { readonly made: number; readonly connected: number; readonly callbacks: number };
  /** The busiest groups first; at most `maxGroups` are listed, the rest counted. */
  readonly groups: readonly StatsGroupLine[];
  readonly group?: string | undefined;
  /** The range's chats, shown as one line when there were any. */
  readonly chats?: ChatTotals | null | undefined;
  /** Where the numbers come from, in words (`the webhook's store`, `Tencent's call records (35 pages)`). */
  readonly source: string;
  readonly timeZone?: string | undefined;
  readonly maxGroups?: number | undefined;
}

const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const seconds = (value: number | null): string => (value === null ? '–' : formatDuration(value));

function groupLines(input: StatsSummaryInput): string | undefined {
  const max = input.maxGroups ?? 8;
  const shown = input.groups.slice(0, max);
  if (shown.length === 0) return undefined;
  const lines = shown.map(
    (g) =>
      `• *${escapeMrkdwn(g.name)}*: ${g.offered} offered, ${g.answered} answered, ${g.missed} missed · p90 wait ${seconds(g.waitP90)}`,
  );
  const rest = input.groups.length - shown.length;
  return [...lines, ...(rest > 0 ? [`_… and ${rest} more group${rest === 1 ? '' : 's'}_`] : [])].join('\n');
}

/**
 * The answer of `/ccc stats`: inbound offered, answered, missed, answer rate, service level and waits for
 * the range, outbound calls and callbacks, and the busiest skill groups; the range as Slack dates and where
 * the numbers come from.
 *
 * @example
 * await respond(statsSummaryMessage({ label: 'the last 7 days', start, end, figures, serviceLevelSeconds: 20, outbound, groups, source: "the webhook's store" }));
 */
export function statsSummaryMessage(input: StatsSummaryInput): SlackMessage {
  const f = input.figures;
  const scope = input.group ? ` in ${input.group}` : '';
  const groups = groupLines(input);
  const blocks: KnownBlock[] = [
    header(`:bar_chart: Calls${scope}, ${input.label}`),
    fields([
      ['Offered', String(f.offered)],
      ['Answered', `${f.answered} (${percent(f.answerRate)})`],
      ['Missed', String(f.missed)],
      [`Answered within ${input.serviceLevelSeconds}s`, percent(f.serviceLevel)],
      ['Queue wait', `p90 ${seconds(f.waitP90)} · longest ${seconds(f.longestWait)}`],
      [
        'Outbound',
        `${input.outbound.made} made, ${input.outbound.connected} connected, ${input.outbound.callbacks} callbacks`,
      ],
    ]),
    ...(groups ? [section(groups)] : []),
    ...(input.chats && input.chats.sessions > 0 ? [section(chatTotalsLine(input.chats))] : []),
    context([
      `${slackDate(input.start, input.timeZone)} to ${slackDate(input.end, input.timeZone)} · from ${escapeMrkdwn(input.source)}`,
    ]),
  ];
  const text = `Calls${scope}, ${input.label}: ${f.offered} offered, ${f.answered} answered, ${f.missed} missed`;
  return fitToLimits({ text: escapeMrkdwn(text), blocks });
}
