import { formatDuration } from '@ccc-kit/cdr-parser';
import type { KnownBlock } from '@slack/types';
import { context, fields, header } from './blocks.ts';
import { type ChatTotals, chatTotalsLine } from './chat-totals.ts';
import { escapeMrkdwn } from './escape.ts';
import { fitToLimits } from './limits.ts';
import type { SlackMessage } from './types.ts';

/** One day's headline numbers (inbound calls); `null` where the day had nothing to measure. */
export interface DigestFigures {
  readonly offered: number;
  readonly answered: number;
  readonly missed: number;
  readonly answerRate: number | null;
  readonly serviceLevel: number | null;
  /** Seconds. */
  readonly waitP90: number | null;
  /** Seconds: the longest queue wait of the day. */
  readonly longestWait: number | null;
}

/** What a daily digest says. */
export interface DigestInput {
  /** The day described, `YYYY-MM-DD` in the digest's time zone. */
  readonly day: string;
  readonly figures: DigestFigures;
  /** The day before, and the same weekday a week before, when the store holds them. */
  readonly previousDay?: DigestFigures | null | undefined;
  readonly lastWeek?: DigestFigures | null | undefined;
  /** The skill group with the most missed calls (ties: the longest p90 wait). */
  readonly worstGroup?:
    | {
        readonly name: string;
        readonly missed: number;
        readonly offered: number;
        readonly waitP90: number | null;
      }
    | null
    | undefined;
  /** Missed calls waiting for a callback now (follow-ups), when the webhook keeps them. */
  readonly waiting?: { readonly open: number; readonly taken: number } | null | undefined;
  /** Seconds of service level target (the `N` of "answered within N s"). */
  readonly serviceLevelSeconds: number;
  /** The day's chats, shown as one line when there were any. */
  readonly chats?: ChatTotals | null | undefined;
  /** An uploaded chart (Slack file id `F…`) shown as an image block. */
  readonly chart?: { readonly fileId: string; readonly alt: string } | null | undefined;
}

const WEEKDAY = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' });
const weekday = (day: string): string => WEEKDAY.format(new Date(`${day}T12:00:00Z`));
const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const seconds = (value: number | null): string => (value === null ? '–' : formatDuration(value));

/** `+12% vs Wed` / `−3 pts vs last Thu`; nothing when there is nothing to compare. */
function change(now: number | null, before: number | null | undefined, label: string, rate: boolean) {
  if (now === null || before === null || before === undefined) return undefined;
  if (rate) {
    const points = Math.round((now - before) * 100);
    return `${points >= 0 ? '+' : '−'}${Math.abs(points)} pts vs ${label}`;
  }
  if (before === 0) return now === 0 ? `same as ${label}` : undefined;
  const pct = Math.round(((now - before) / before) * 100);
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct)}% vs ${label}`;
}

type Key = 'offered' | 'answered' | 'missed' | 'answerRate';

function comparedValue(input: DigestInput, key: Key, shown: string): string {
  const rate = key === 'answerRate';
  const now = input.figures[key];
  const changes = [
    change(now, input.previousDay?.[key], weekday(previousDay(input.day)), rate),
    change(now, input.lastWeek?.[key], `last ${weekday(input.day)}`, rate),
  ].filter(Boolean);
  return changes.length ? `${shown}\n_${changes.join(' · ')}_` : shown;
}

/** `YYYY-MM-DD` of the day before. */
function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The morning digest of one day: offered, answered and missed calls and the answer rate, each compared with
 * the day before and the same weekday a week before; service level, p90 and longest wait; the worst skill
 * group; the missed calls still waiting for a callback; the day's chats; and the chart, when one was uploaded.
 *
 * @example
 * await client.chat.postMessage({ channel, ...digestMessage({ day: '2026-12-03', figures, serviceLevelSeconds: 20 }) });
 */
export function digestMessage(input: DigestInput): SlackMessage {
  const f = input.figures;
  const worst = input.worstGroup;
  const waiting = input.waiting;
  const blocks: KnownBlock[] = [
    header(`:bar_chart: Calls on ${weekday(input.day)} ${input.day}`),
    fields([
      ['Offered', comparedValue(input, 'offered', String(f.offered))],
      ['Answered', comparedValue(input, 'answered', String(f.answered))],
      ['Missed', comparedValue(input, 'missed', String(f.missed))],
      ['Answer rate', comparedValue(input, 'answerRate', percent(f.answerRate))],
      [`Answered within ${input.serviceLevelSeconds}s`, percent(f.serviceLevel)],
      ['Queue wait', `p90 ${seconds(f.waitP90)} · longest ${seconds(f.longestWait)}`],
    ]),
    ...(worst
      ? [
          context([
            `:rotating_light: Worst group: *${escapeMrkdwn(worst.name)}*, ${worst.missed} of ${worst.offered} missed, p90 wait ${seconds(worst.waitP90)}`,
          ]),
        ]
      : []),
    ...(waiting
      ? [
          context([
            `:telephone_receiver: Waiting for a callback now: ${waiting.open} open, ${waiting.taken} taken`,
          ]),
        ]
      : []),
    ...(input.chats && input.chats.sessions > 0 ? [context([chatTotalsLine(input.chats)])] : []),
    ...(input.chart
      ? [{ type: 'image' as const, slack_file: { id: input.chart.fileId }, alt_text: input.chart.alt }]
      : []),
  ];
  const text = `Calls on ${input.day}: ${f.offered} offered, ${f.answered} answered, ${f.missed} missed (${percent(f.answerRate)} answered)`;
  return fitToLimits({ text, blocks });
}
