import { toCallRecord } from '@ccc-kit/cdr-parser';
import { describe, expect, test } from 'vitest';
import { ACTION_CALL_DETAILS, ACTION_CALLS_MORE, decodeActionValue } from './action-value.ts';
import { callListMessage, MAX_CALL_ROWS } from './call-list.ts';
import { missedNoAgentCdr, seedCdr } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';

const window = { start: 1730390400, end: 1730476799 };
const next = { v: 1, offset: 2, limit: 10, ...window, filter: 'tel:8613800138000' } as const;

type Accessory = { action_id: string; value: string };
const accessories = (blocks: readonly unknown[]): Accessory[] =>
  blocks.flatMap((b) =>
    (b as { accessory?: Accessory }).accessory ? [(b as { accessory: Accessory }).accessory] : [],
  );

describe('callListMessage', () => {
  const calls = [toCallRecord(seedCdr), toCallRecord(missedNoAgentCdr)];

  test('one section per call, each with a Details button for its own session', () => {
    const message = callListMessage(calls, {
      heading: 'Calls with 0086138****8000',
      offset: 0,
      total: 2,
      ...window,
    });
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Calls with 0086138****8000 · 1–2 of 2' },
    });
    const buttons = accessories(message.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTION_CALL_DETAILS, ACTION_CALL_DETAILS]);
    const sessions = buttons.map((b) => {
      const decoded = decodeActionValue(b.value);
      return decoded.ok && 'sessionId' in decoded.value ? decoded.value.sessionId : undefined;
    });
    expect(sessions).toEqual(calls.map((c) => c.sessionId));
    expect(JSON.stringify(message.blocks)).not.toContain(ACTION_CALLS_MORE);
  });

  test('rows show masked numbers only, and the time as a Slack date', () => {
    const text = wireView(callListMessage(calls, { heading: 'Calls', offset: 0, ...window }));
    for (const call of calls) {
      const raw = call.direction === 'outbound' ? call.callee.raw : call.caller.raw;
      if (raw.length > 6) expect(text).not.toContain(raw);
    }
    expect(text).toContain('<!date^');
  });

  test('a More button carries the next page value; the note goes under the list', () => {
    const message = callListMessage(calls, {
      heading: 'Calls of Wang Fang',
      offset: 10,
      next,
      note: 'Searched back to yesterday.',
      ...window,
    });
    expect(message.blocks[0]).toMatchObject({ text: { text: 'Calls of Wang Fang · 11–12' } });
    const more = message.blocks.at(-1) as { elements: Accessory[] };
    expect(more.elements[0]?.action_id).toBe(ACTION_CALLS_MORE);
    expect(decodeActionValue(more.elements[0]?.value)).toEqual({ ok: true, value: next });
    expect(wireView(message)).toContain('Searched back to yesterday.');
  });

  test('no calls: says so, no buttons', () => {
    const message = callListMessage([], { heading: 'Calls with 0086138****8000', offset: 0, ...window });
    expect(message.text).toBe('Calls with 0086138****8000: no calls');
    expect(wireView(message)).toContain('No calls in this time range.');
    expect(accessories(message.blocks)).toEqual([]);
  });

  test(`never more than ${MAX_CALL_ROWS} rows`, () => {
    const many = Array.from({ length: MAX_CALL_ROWS + 5 }, () => calls[0] as (typeof calls)[number]);
    const message = callListMessage(many, { heading: 'Calls', offset: 0, ...window });
    expect(accessories(message.blocks)).toHaveLength(MAX_CALL_ROWS);
  });
});
