import { describe, expect, test } from 'vitest';
import { ACTION_CALL_DETAILS, ACTION_MISSED_MORE, decodeActionValue } from './action-value.ts';
import { type WaitingFollowUp, waitingFollowUpsMessage } from './follow-up-list.ts';

const open: WaitingFollowUp = {
  sessionId: 'm1',
  state: 'open',
  customer: '8613800138000',
  missedAt: 1_730_443_200,
  skillGroup: 'Support',
  takenBy: null,
  takenAt: null,
};
const taken: WaitingFollowUp = {
  ...open,
  sessionId: 'm2',
  state: 'taken',
  takenBy: 'U0ANN',
  takenAt: 1_730_443_500,
  skillGroup: '<!channel>',
};

describe('waitingFollowUpsMessage', () => {
  test('one row per call: masked number, group, who has it, a Details button for the call', () => {
    const message = waitingFollowUpsMessage([open, taken], { offset: 0, total: 2, since: 1_730_400_000 });
    const text = JSON.stringify(message.blocks);
    expect(message.blocks[0]).toMatchObject({ text: { text: 'Missed calls waiting · 1–2 of 2' } });
    expect(text).not.toContain('13800138000');
    expect(text).toContain('138****8000');
    expect(text).toContain('*Nobody has it yet*');
    expect(text).toContain('<@U0ANN> has it since <!date^1730443500^');
    expect(text).not.toContain('<!channel>');
    const details = (message.blocks as { accessory?: { action_id: string; value: string } }[]).flatMap((b) =>
      b.accessory ? [b.accessory] : [],
    );
    expect(details.map((d) => d.action_id)).toEqual([ACTION_CALL_DETAILS, ACTION_CALL_DETAILS]);
    expect(decodeActionValue(details[0]?.value)).toMatchObject({ ok: true, value: { sessionId: 'm1' } });
  });

  test('More carries the next page; an empty list says so', () => {
    const next = {
      v: 1,
      offset: 10,
      limit: 10,
      start: 1_730_400_000,
      end: 1_730_486_400,
      filter: 'group:Support',
    } as const;
    const more = waitingFollowUpsMessage([open], {
      offset: 0,
      total: 11,
      since: next.start,
      next,
      group: 'Support',
    });
    expect(more.blocks[0]).toMatchObject({ text: { text: 'Missed calls waiting in Support · 1–1 of 11' } });
    expect(JSON.stringify(more.blocks)).toContain(ACTION_MISSED_MORE);
    const none = waitingFollowUpsMessage([], { offset: 0, total: 0, since: next.start });
    expect(none.text).toBe('No missed calls waiting');
    expect(JSON.stringify(none.blocks)).not.toContain(ACTION_CALL_DETAILS);
  });
});
