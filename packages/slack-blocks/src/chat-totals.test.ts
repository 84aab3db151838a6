import { describe, expect, test } from 'vitest';
import { type ChatTotals, chatTotalsLine } from './chat-totals.ts';
import { digestMessage } from './digest.ts';
import { messageToText } from './message-to-text.ts';
import { statsSummaryMessage } from './stats-summary.ts';

const chats = (extra: Partial<ChatTotals> = {}): ChatTotals => ({
  sessions: 120,
  answeredByAgent: 95,
  answeredByBot: 12,
  missed: { total: 13 },
  answerRate: 107 / 120,
  wait: { p90: 45 },
  satisfaction: { count: 28, mean: 4.32 },
  ...extra,
});

const figures = {
  offered: 10,
  answered: 9,
  missed: 1,
  answerRate: 0.9,
  serviceLevel: 0.8,
  waitP90: 30,
  longestWait: 60,
};

describe('chatTotalsLine', () => {
  test('sessions, who answered, missed, the p90 wait and the ratings', () => {
    expect(chatTotalsLine(chats())).toBe(
      ':speech_balloon: Chats: 120 sessions, 95 answered by agents, 12 by the chatbot, 13 missed (89% answered) · p90 wait 45s · satisfaction 4.3 of 5 (28 ratings)',
    );
  });

  test('leaves out what the source does not have: queue times (Desk) or ratings (the push)', () => {
    const line = chatTotalsLine(chats({ wait: { p90: null }, satisfaction: { count: 0, mean: null } }));
    expect(line).not.toContain('wait');
    expect(line).not.toContain('satisfaction');
    expect(chatTotalsLine(chats({ sessions: 1 }))).toContain('1 session,');
  });
});

describe('chats in the digest and the stats answer', () => {
  test('one line when there were chats, none on a day without', () => {
    const withChats = messageToText(
      digestMessage({ day: '2026-12-03', figures, serviceLevelSeconds: 20, chats: chats() }),
    );
    expect(withChats).toContain('Chats: 120 sessions');
    const without = messageToText(
      digestMessage({ day: '2026-12-03', figures, serviceLevelSeconds: 20, chats: chats({ sessions: 0 }) }),
    );
    expect(without).not.toContain('Chats');
  });

  test('the stats answer lists the chats after the groups', () => {
    const text = messageToText(
      statsSummaryMessage({
        label: 'today',
        start: 1_764_720_000,
        end: 1_764_806_400,
        figures,
        serviceLevelSeconds: 20,
        outbound: { made: 0, connected: 0, callbacks: 0 },
        groups: [{ name: 'Sales', offered: 10, answered: 9, missed: 1, waitP90: 30 }],
        source: "the webhook's store",
        chats: chats({ satisfaction: { count: 0, mean: null } }),
      }),
    );
    expect(text.indexOf('Chats: 120 sessions')).toBeGreaterThan(text.indexOf('Sales'));
    expect(text).toContain('p90 wait 45s');
  });
});
