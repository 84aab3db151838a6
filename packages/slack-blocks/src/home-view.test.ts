import { toCallRecord } from '@ccc-kit/cdr-parser';
import { describe, expect, test } from 'vitest';
import type { HomeInput, HomeQueueRow } from './home-types.ts';
import { HOME_MAX_BLOCKS, homeView } from './home-view.ts';
import { messageToText } from './message-to-text.ts';
import { seedCdr } from './test-utils/records.ts';

const NOW = 1_764_756_000;
const row = (name: string, queued: number, extra: Partial<HomeQueueRow> = {}): HomeQueueRow => ({
  name,
  queued,
  ringing: 0,
  inIvr: 0,
  longestWait: queued ? queued * 10 : null,
  connected: 2,
  ...extra,
});

const input = (extra: Partial<HomeInput> = {}): HomeInput => ({
  now: NOW,
  queue: {
    value: {
      total: row('All', 5, { ringing: 2, inIvr: 1 }),
      groups: [row('售前咨询', 1), row('Support', 4)],
    },
    readAt: NOW - 3,
  },
  agents: {
    value: {
      counts: { free: 2, busy: 3, afterCallWork: 1, rest: 1, notReady: 0, offline: 4, other: 1 },
      freeByGroup: [{ group: 'Support', names: ['Ann', 'Bo <!here>'] }],
    },
    readAt: NOW - 3,
  },
  today: {
    value: {
      offered: 120,
      answered: 100,
      missed: 20,
      answerRate: 100 / 120,
      longestWait: 300,
      waitP90: 120,
      serviceLevel: 0.7,
      serviceLevelSeconds: 20,
      source: "the webhook's store",
    },
    readAt: NOW - 60,
  },
  ...extra,
});

const text = (view: ReturnType<typeof homeView>) => messageToText({ text: '', blocks: view.blocks });

describe('homeView', () => {
  test('queue, agents, today and the read time; the busiest group first; names cannot ping', () => {
    const view = homeView(input());
    expect(view.type).toBe('home');
    const shown = text(view);
    expect(shown).toContain('Queued: 5');
    expect(shown.indexOf('Support: 4 queued')).toBeLessThan(shown.indexOf('售前咨询: 1 queued'));
    expect(shown).toContain('Free: 2');
    expect(shown).toContain('Offline: 5'); // statuses Tencent may add count as offline-like
    expect(shown).toContain('Answered: 100 (83%)');
    expect(JSON.stringify(view.blocks)).toContain('<!date^');
    expect(JSON.stringify(view.blocks)).not.toContain('<!here>');
    expect(JSON.stringify(view.blocks)).toContain('"action_id":"ccc_home_refresh"');
  });

  test('many skill groups: the busiest listed, the rest summed, within the limits of a Home tab', () => {
    const groups = Array.from({ length: 300 }, (_, i) => row(`Group ${i} ${'x'.repeat(60)}`, i % 7));
    const view = homeView(input({ queue: { value: { total: row('All', 900), groups }, readAt: NOW } }));
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    const shown = text(view);
    expect(shown).toContain('… 288 more groups');
    expect(shown).toMatch(/Group \d+ x+: 6 queued/);
    for (const block of view.blocks) expect(JSON.stringify(block).length).toBeLessThan(3200);
  });

  test('a failed read shows the last good data with its age and the reason; never read: only the reason', () => {
    const shown = text(
      homeView(
        input({
          queue: {
            value: input().queue.value,
            readAt: NOW - 150,
            problem: 'Tencent did not answer (InternalError)',
          },
          agents: { value: null, readAt: null, problem: 'Tencent refused the credentials' },
        }),
      ),
    );
    expect(shown).toContain('(3 min ago): Tencent did not answer (InternalError)');
    expect(shown).toContain('Queued: 5');
    expect(shown).toContain('Not available: Tencent refused the credentials');
    expect(shown).not.toContain('After-call work');
  });

  test('your calls with Details buttons, or why there are none', () => {
    const call = toCallRecord(seedCdr);
    const mine = homeView(input({ yourCalls: { calls: [call] } }));
    expect(JSON.stringify(mine.blocks)).toContain('"action_id":"ccc_call_details"');
    const none = text(homeView(input({ yourCalls: { reason: 'No CCC agent account has your email.' } })));
    expect(none).toContain('Your calls');
    expect(none).toContain('No CCC agent account has your email.');
  });
});
