import type { DeskImCdr } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { deskChatTotals, statsChatOfDeskRow } from './stats-desk.ts';

const START = 1_764_720_000;
const row = (extra: Partial<DeskImCdr>): DeskImCdr => ({
  SessionId: `s-${Math.random()}`,
  AgentGroupId: '3067',
  AgentGroupName: '在线客服',
  AgentId: 'shannon@example.com',
  EndStatus: 'AgentEndedSession',
  Timestamp: START + 60,
  ...extra,
});

const desk = (rows: readonly DeskImCdr[]) => ({
  async *iterateSessions() {
    yield* rows;
  },
});

describe('chats of /ccc stats from Desk', () => {
  test('a Desk end status is classified by the push rules; an open session is not counted', () => {
    expect(statsChatOfDeskRow(row({ EndStatus: 'ChatbotReception', AgentId: '' }))).toMatchObject({
      outcome: 'ivr_only',
      agent: null,
      skillGroup: { id: 3067, name: '在线客服' },
    });
    expect(statsChatOfDeskRow(row({ EndStatus: 'NoAgentsOnline' }))?.endStatus.raw).toBe('noSeatOnline');
    expect(statsChatOfDeskRow(row({ EndStatus: undefined }))).toBeNull();
  });

  test('totals of the window and group: who answered, missed, ratings; no wait without queue times', async () => {
    const totals = await deskChatTotals(
      desk([
        row({ SatisfactionSelected: 5 }),
        row({ SatisfactionSelected: 2 }),
        row({ EndStatus: 'UserEndedSession', AgentId: '' }),
        row({ EndStatus: 'UserAbandonedDuringQueueing', AgentId: '' }),
        row({ EndStatus: 'AgentEndedSession', AgentGroupName: 'Sales' }),
        row({ Timestamp: START + 86_400 }),
        row({ EndStatus: undefined }),
      ]),
      { start: START, end: START + 86_400 },
      { timeZone: 'UTC', group: '在线客服' },
    );
    expect(totals).toMatchObject({
      sessions: 4,
      answeredByAgent: 2,
      answeredByBot: 1,
      missed: { total: 1 },
      wait: { p90: null },
      satisfaction: { count: 2, mean: 3.5 },
    });
  });
});
