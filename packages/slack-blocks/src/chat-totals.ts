import { formatDuration } from '@ccc-kit/cdr-parser';

/**
 * A range's chats as the digest and `/ccc stats` show them. `@ccc-kit/stats`' `ChatCounts` (a `ChatStats`'
 * `totals`) fits as it is; `wait.p90` is `null` when the source has no queue times (Desk's session list) and
 * `satisfaction.count` is 0 when it has no ratings (the IM CDR push).
 */
export interface ChatTotals {
  readonly sessions: number;
  readonly answeredByAgent: number;
  readonly answeredByBot: number;
  readonly missed: { readonly total: number };
  readonly answerRate: number | null;
  readonly wait: { readonly p90: number | null };
  readonly satisfaction: { readonly count: number; readonly mean: number | null };
}

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * One mrkdwn line: `:speech_balloon: Chats: 120 sessions, 95 answered by agents, 12 by the chatbot, 13 missed
 * (89% answered) · p90 wait 45s · satisfaction 4.3 of 5 (28 ratings)`; parts the source lacks are left out.
 */
export function chatTotalsLine(chats: ChatTotals): string {
  const rate = chats.answerRate === null ? '' : ` (${Math.round(chats.answerRate * 100)}% answered)`;
  const parts = [
    `:speech_balloon: Chats: ${plural(chats.sessions, 'session')}, ${chats.answeredByAgent} answered by agents, ${chats.answeredByBot} by the chatbot, ${chats.missed.total} missed${rate}`,
    ...(chats.wait.p90 !== null ? [`p90 wait ${formatDuration(chats.wait.p90)}`] : []),
    ...(chats.satisfaction.mean !== null && chats.satisfaction.count > 0
      ? [
          `satisfaction ${chats.satisfaction.mean.toFixed(1)} of 5 (${plural(chats.satisfaction.count, 'rating')})`,
        ]
      : []),
  ];
  return parts.join(' · ');
}
