import { toChatRecord } from '@ccc-kit/cdr-parser';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ChatCounts } from './chat-row.ts';
import { aggregateChats, createChatStats } from './chat-stats.ts';
import type { StatsChat } from './records.ts';
import { arbitraryChat, cutsOf, splitAt } from './test-utils/arbitraries.ts';
import { chatAnswered, chatBot, chatNoAgent, chatSilent, payloadOf } from './test-utils/pushes.ts';

/** The Desk sample (describe_im_cdr_list) rates this session 5 stars: `SatisfactionSelected: 5`. */
const records = (): StatsChat[] => [
  { ...toChatRecord(payloadOf('imcdr', chatAnswered)), satisfaction: 5 },
  ...[chatBot, chatNoAgent, chatSilent].map((body) => toChatRecord(payloadOf('imcdr', body))),
];

function checkRow(row: ChatCounts): void {
  const m = row.missed;
  expect(m.total).toBe(
    m.noAgent + m.abandonedInQueue + m.abandonedInBot + m.outsideHours + m.agentDidNotAnswer + m.other,
  );
  expect(row.sessions).toBe(
    row.answeredByAgent + row.answeredByBot + m.total + row.timedOut + row.failed + row.unknown,
  );
  expect(row.wait.count).toBe(row.reachedQueue);
  expect(row.talk.count).toBe(row.answeredByAgent);
  expect(
    row.sessions === 0 ? row.answerRate === null : (row.answerRate ?? -1) >= 0 && (row.answerRate ?? 2) <= 1,
  ).toBe(true);
  if (row.satisfaction.count === 0) expect(row.satisfaction.mean).toBeNull();
}

describe('aggregateChats', () => {
  test('hand-computed fixtures from IM CDR pushes', async () => {
    const { totals, chats } = await aggregateChats(records());
    expect(chats).toBe(4);
    expect(totals).toEqual({
      sessions: 4,
      answeredByAgent: 1,
      answeredByBot: 1, // ivrEnd
      missed: {
        total: 1,
        noAgent: 1,
        abandonedInQueue: 0,
        abandonedInBot: 0,
        outsideHours: 0,
        agentDidNotAnswer: 0,
        other: 0,
      },
      timedOut: 1, // autoFinished with no agent
      failed: 0,
      unknown: 0,
      reachedQueue: 2,
      answerRate: 0.5,
      // Shannon's chat: queued +10 → accepted +20; the no-agent chat: queued +70 → ended +75.
      wait: { count: 2, total: 15, mean: 7.5, p50: 5, p90: 10, max: 10 },
      talk: { count: 1, total: 250, mean: 250 },
      satisfaction: { count: 1, total: 5, mean: 5 },
    } satisfies typeof totals);
  });

  test('breakdowns by skill group, agent and hour', async () => {
    const stats = await aggregateChats(records());
    expect(stats.bySkillGroup.map((row) => [row.key, row.label, row.sessions])).toEqual([
      ['3067', 'Online customer service', 2],
      ['', 'No skill group', 2],
    ]);
    expect(stats.byAgent.map((row) => [row.key, row.label, row.sessions, row.satisfaction.mean])).toEqual([
      ['shannon@qq.com', 'shannon@qq.com', 1, 5],
      ['', 'No agent', 3, null],
    ]);
    const busy = stats.byHour.filter((row) => row.sessions > 0).map((row) => [row.key, row.sessions]);
    expect(busy).toEqual([
      ['00', 1], // the silent chat, two hours later
      ['22', 3],
    ]);
  });

  test('ok without an agent or agent time is the chatbot; timed out after an agent is the agent', async () => {
    const base = toChatRecord(payloadOf('imcdr', chatAnswered));
    const { totals } = await aggregateChats([
      { ...base, agent: null, durations: { ...base.durations, talk: 0 } },
      { ...base, outcome: 'timed_out' },
      { ...base, outcome: 'missed', endStatus: { raw: 'ringingGiveUp' } },
      { ...base, agent: null }, // SeatUser missing, but 250 s with an agent
    ]);
    expect([totals.answeredByBot, totals.answeredByAgent, totals.missed.abandonedInQueue]).toEqual([1, 2, 1]);
  });

  test('invariants, rates and sums hold for any chats; merge equals one pass', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(arbitraryChat, { maxLength: 100 })
          .chain((chats) => fc.tuple(fc.constant(chats), cutsOf(chats.length))),
        async ([chats, cuts]) => {
          const stats = await aggregateChats(chats);
          for (const row of [stats.totals, ...stats.byHour, ...stats.bySkillGroup, ...stats.byAgent])
            checkRow(row);
          for (const rows of [stats.bySkillGroup, stats.byAgent])
            expect(rows.reduce((n, row) => n + row.sessions, 0)).toBe(chats.length);
          expect(stats.byHour.reduce((n, row) => n + row.sessions, stats.undated)).toBe(chats.length);
          const rated = chats.filter((chat) => Number.isFinite(chat.satisfaction ?? Number.NaN));
          expect(stats.totals.satisfaction.count).toBe(rated.length);
          const merged = createChatStats();
          for (const part of splitAt(chats, cuts)) {
            const partial = createChatStats();
            for (const chat of part) partial.add(chat);
            merged.merge(partial);
          }
          expect(merged.result()).toEqual(stats);
        },
      ),
    );
  });

  test('an async iterable gives the same result as an array', async () => {
    async function* stream(): AsyncGenerator<StatsChat> {
      yield* records();
    }
    expect(await aggregateChats(stream(), { timeZone: 'Asia/Shanghai' })).toEqual(
      await aggregateChats(records(), { timeZone: 'Asia/Shanghai' }),
    );
  });
});
