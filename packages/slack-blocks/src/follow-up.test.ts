import { type CallOutcome, type CallRecord, toCallRecord } from '@ccc-kit/cdr-parser';
import { validateMessage } from '@ccc-kit/sandbox/slack';
import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, test } from 'vitest';
import {
  ACTION_CALL_DETAILS,
  ACTION_FOLLOW_UP_CALL,
  ACTION_FOLLOW_UP_REOPEN,
  ACTION_FOLLOW_UP_RESOLVE,
  ACTION_FOLLOW_UP_TAKE,
  decodeActionValue,
  encodeActionValue,
} from './action-value.ts';
import { callSummaryMessage } from './call-summary.ts';
import {
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UP_RESOLVE_MODAL,
  type FollowUpView,
  followUpResolveModal,
  MAX_FOLLOW_UP_NOTE,
  needsFollowUp,
  OPEN_FOLLOW_UP,
  readFollowUpResolveSubmission,
} from './follow-up.ts';
import { missedNoAgentCdr, seedCdr } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';
import type { SlackMessage } from './types.ts';

const missed = (): CallRecord => toCallRecord(missedNoAgentCdr);
const callValue = {
  v: 1,
  sessionId: 'c0ffee00-0000-4000-8000-000000000001',
  start: 1763632500,
  end: 1763633255,
} as const;
const taken: FollowUpView = { ...OPEN_FOLLOW_UP, state: 'taken', takenBy: 'U0TAKER1', takenAt: 1763636400 };
const resolved: FollowUpView = {
  ...taken,
  state: 'resolved',
  resolvedBy: 'W0CLOSER',
  resolvedAt: 1763640000,
  outcome: 'reached',
  note: 'Booked a technician for Friday',
};

/** Every button of a post: label, action id and decoded value. */
function buttonsOf(message: SlackMessage) {
  return message.blocks
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .map((b) => (b.type === 'button' ? [b.text.text, b.action_id, decodeActionValue(b.value)] : []));
}

describe('needsFollowUp', () => {
  const all: CallOutcome[] = [
    'answered',
    'missed',
    'outside_hours',
    'abandoned_in_ivr',
    'ivr_only',
    'not_answered',
    'blocked',
    'failed',
    'ai_handled',
    'voicemail',
    'unknown',
  ];
  test('inbound calls that reached nobody: missed, abandoned in the IVR, voicemail, outside hours', () => {
    const needs = (outcome: CallOutcome, direction: CallRecord['direction']) =>
      needsFollowUp({ ...missed(), outcome, direction });
    expect(all.filter((o) => needs(o, 'inbound'))).toEqual([
      'missed',
      'outside_hours',
      'abandoned_in_ivr',
      'voicemail',
    ]);
    expect(all.filter((o) => needs(o, 'outbound'))).toEqual([]);
    expect(needsFollowUp(missed())).toBe(true);
    expect(needsFollowUp(toCallRecord(seedCdr))).toBe(false); // outbound, number does not exist
  });
});

describe('callSummaryMessage with followUp', () => {
  test('open: the post as before, with "I\'ll call back", "Call back now" and "Resolved" first in the row', () => {
    const message = callSummaryMessage(missed(), { followUp: OPEN_FOLLOW_UP });
    const before = wireView(callSummaryMessage(missed())).split('\n');
    const view = wireView(message).split('\n');
    expect(view.slice(0, -4)).toEqual(before.slice(0, -1));
    expect(view.slice(-4).map((line) => line.split(' {')[0])).toEqual([
      "[button] I'll call back (ccc_follow_up_take)",
      '[button] Call back now (ccc_follow_up_call)',
      '[button] Resolved (ccc_follow_up_resolve)',
      '[button] Call details (ccc_call_details)',
    ]);
    const actions = message.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    expect(actions[0]?.elements[0]).toMatchObject({ style: 'primary' });
    expect(buttonsOf(message)).toEqual([
      ["I'll call back", ACTION_FOLLOW_UP_TAKE, { ok: true, value: callValue }],
      ['Call back now', ACTION_FOLLOW_UP_CALL, { ok: true, value: callValue }],
      ['Resolved', ACTION_FOLLOW_UP_RESOLVE, { ok: true, value: callValue }],
      ['Call details', ACTION_CALL_DETAILS, { ok: true, value: callValue }],
    ]);
  });

  test('taken: a "Taken by" line under the severity line; "Call back now" and "Resolved" stay, "I\'ll call back" goes', () => {
    const message = callSummaryMessage(missed(), { followUp: taken, timeZone: 'Asia/Shanghai' });
    const view = wireView(message);
    expect(view.split('\n').slice(1, 4)).toEqual([
      '[header] :warning: Missed inbound call · waited 2m 05s in Support',
      '[section] :warning: *Needs follow-up:* Caller gave up while queued',
      '[section] :raising_hand: *Taken by <@U0TAKER1>* · <!date^1763636400^{date_short_pretty} {time_secs}|2025-11-20 19:00:00 Asia/Shanghai>',
    ]);
    expect(view).toMatch(/^text: Missed inbound call/);
    expect(buttonsOf(message)).toEqual([
      ['Call back now', ACTION_FOLLOW_UP_CALL, { ok: true, value: callValue }],
      ['Resolved', ACTION_FOLLOW_UP_RESOLVE, { ok: true, value: callValue }],
      ['Call details', ACTION_CALL_DETAILS, { ok: true, value: callValue }],
    ]);
  });

  test('resolved: who, when and how replace the severity line; the note follows; only "Reopen"', () => {
    const message = callSummaryMessage(missed(), { followUp: resolved });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Resolved: Missed inbound call · waited 2m 05s in Support (caller +86 138****5678)
      [header] :warning: Missed inbound call · waited 2m 05s in Support
      [section] :white_check_mark: *Resolved by <@W0CLOSER>* · <!date^1763640000^{date_short_pretty} {time_secs}|2025-11-20 12:00:00 UTC>: Reached the customer (taken by <@U0TAKER1>)
      [context] :memo: Booked a technician for Friday
      [field] *From* = +86 138****5678
      [context] Session \`c0ffee00-0000-4000-8000-000000000001\` | <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 10:00:00 UTC>
      [button] Reopen (ccc_follow_up_reopen) {"v":1,"sessionId":"c0ffee00-0000-4000-8000-000000000001","start":1763632500,"end":1763633255}
      [button] Call details (ccc_call_details) {"v":1,"sessionId":"c0ffee00-0000-4000-8000-000000000001","start":1763632500,"end":1763633255}"
    `);
    expect(buttonsOf(message).map(([label, id]) => [label, id])).toEqual([
      ['Reopen', ACTION_FOLLOW_UP_REOPEN],
      ['Call details', ACTION_CALL_DETAILS],
    ]);
  });

  test('resolved by the one who took it, without a note or outcome: no "(taken by …)", no note line', () => {
    const followUp = { ...resolved, resolvedBy: 'U0TAKER1', note: '   ', outcome: null };
    const view = wireView(callSummaryMessage(missed(), { followUp }));
    expect(view).toContain('[section] :white_check_mark: *Resolved by <@U0TAKER1>* · <!date^1763640000^');
    expect(view).not.toMatch(/taken by|:memo:|Reached/);
    expect(view).not.toContain('Needs follow-up');
  });

  test('a note cannot ping or link, and a number in it is masked; a long one is clipped', () => {
    const note = '<!channel> call back on 13800138000 & ask for <@U999> <https://evil.test|here>';
    const message = callSummaryMessage(missed(), { followUp: { ...resolved, note } });
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/<!channel>|13800138000|<@U999>|<https:\/\/evil/);
    expect(wireView(message)).toContain(
      '[context] :memo: &lt;!channel&gt; call back on 138****8000 &amp; ask for &lt;@U999&gt; &lt;https://evil.test|here&gt;',
    );
    const long = callSummaryMessage(missed(), { followUp: { ...resolved, note: `${'a'.repeat(700)}` } });
    const line = wireView(long)
      .split('\n')
      .find((l) => l.startsWith('[context] :memo:'));
    expect(line).toBe(`[context] :memo: ${'a'.repeat(MAX_FOLLOW_UP_NOTE - 1)}…`);
  });

  test('user ids that are not Slack ids are shown as escaped text, never as mentions', () => {
    const followUp: FollowUpView = {
      ...resolved,
      takenBy: '<!here>',
      resolvedBy: 'u123 <@U1>',
      resolvedAt: Number.NaN,
    };
    const view = wireView(callSummaryMessage(missed(), { followUp }));
    expect(view).toContain(
      '[section] :white_check_mark: *Resolved by u123 &lt;@U1&gt;*: Reached the customer (taken by &lt;!here&gt;)',
    );
    const takenView = wireView(
      callSummaryMessage(missed(), { followUp: { ...taken, takenBy: null, takenAt: null } }),
    );
    expect(takenView).toContain('[section] :raising_hand: *Taken by someone*\n');
  });

  test('calls that need no follow-up, and posts without followUp, render exactly as before', () => {
    const outbound = toCallRecord(seedCdr);
    const answered: CallRecord = { ...missed(), outcome: 'answered' };
    for (const record of [outbound, answered])
      for (const followUp of [OPEN_FOLLOW_UP, taken, resolved])
        expect(wireView(callSummaryMessage(record, { followUp }))).toBe(wireView(callSummaryMessage(record)));
  });

  test('every state passes the Slack emulator', () => {
    const hostile = { ...resolved, note: `<!channel> ${'&'.repeat(MAX_FOLLOW_UP_NOTE)}` };
    for (const followUp of [OPEN_FOLLOW_UP, taken, resolved, hostile]) {
      const message = callSummaryMessage(missed(), { followUp, thread: { recordings: 1, voicemails: 1 } });
      expect(validateMessage(message), followUp.state).toEqual([]);
    }
  });
});

/** A `view_submission` payload's `view` for the modal, as Slack sends it back. */
function submitted(modal: ModalView, outcome: unknown, note: unknown): Record<string, unknown> {
  const selected = outcome === null ? null : { text: { type: 'plain_text', text: 'x' }, value: outcome };
  return {
    ...modal,
    id: 'V0123',
    team_id: 'T0123',
    hash: '1712345678.abcd',
    state: {
      values: {
        outcome: { outcome: { type: 'radio_buttons', selected_option: selected } },
        note: { note: { type: 'plain_text_input', value: note } },
      },
    },
  };
}

describe('the Resolved modal', () => {
  const value = encodeActionValue(callValue);
  const modal = followUpResolveModal(value, 'Missed call <!channel> & more');

  test('shape: title, buttons, an escaped intro, a required outcome and an optional note', () => {
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: FOLLOW_UP_RESOLVE_MODAL,
      private_metadata: value,
      title: { type: 'plain_text', text: 'Resolve follow-up' },
      submit: { type: 'plain_text', text: 'Resolve' },
      close: { type: 'plain_text', text: 'Cancel' },
    });
    for (const text of [modal.title, modal.submit, modal.close])
      expect(text?.text.length).toBeLessThanOrEqual(24);
    const [intro, outcome, note] = modal.blocks as [unknown, InputBlock, InputBlock];
    expect(intro).toMatchObject({
      type: 'section',
      text: { text: 'Missed call &lt;!channel&gt; &amp; more' },
    });
    expect(outcome).toMatchObject({ type: 'input', block_id: 'outcome', element: { action_id: 'outcome' } });
    expect(outcome.optional).toBeUndefined();
    expect(outcome.element.type === 'radio_buttons' && outcome.element.options).toEqual(
      Object.entries(FOLLOW_UP_OUTCOMES).map(([key, words]) => ({
        text: { type: 'plain_text', text: words, emoji: true },
        value: key,
      })),
    );
    expect(note).toMatchObject({
      type: 'input',
      block_id: 'note',
      optional: true,
      element: {
        type: 'plain_text_input',
        action_id: 'note',
        multiline: true,
        max_length: MAX_FOLLOW_UP_NOTE,
      },
    });
    expect(followUpResolveModal(value).blocks.map((b) => b.type)).toEqual(['input', 'input']);
  });

  test('round trip: the submission names the call, the outcome and the trimmed note', () => {
    expect(readFollowUpResolveSubmission(submitted(modal, 'no_answer', '  left a voicemail \n'))).toEqual({
      ok: true,
      value: callValue,
      outcome: 'no_answer',
      note: 'left a voicemail',
    });
    for (const empty of [null, undefined, '', '  \n '])
      expect(readFollowUpResolveSubmission(submitted(modal, 'reached', empty))).toMatchObject({
        ok: true,
        note: null,
      });
    const withoutNote = submitted(modal, 'other', null);
    withoutNote.state = { values: { outcome: { outcome: { selected_option: { value: 'other' } } } } };
    expect(readFollowUpResolveSubmission(withoutNote)).toMatchObject({
      ok: true,
      outcome: 'other',
      note: null,
    });
    const exactly = 'x'.repeat(MAX_FOLLOW_UP_NOTE);
    expect(readFollowUpResolveSubmission(submitted(modal, 'other', exactly))).toMatchObject({
      note: exactly,
    });
  });

  test('refuses anything else, with a reason, and never throws', () => {
    const more = encodeActionValue({ v: 1, offset: 10, limit: 10, start: 1, end: 2 });
    const cases: Array<[unknown, string]> = [
      [
        { ...submitted(modal, 'reached', null), callback_id: 'other_modal' },
        'Not the Resolve follow-up modal',
      ],
      [submitted(followUpResolveModal('not json'), 'reached', null), 'The modal does not name a call'],
      [submitted(followUpResolveModal(more), 'reached', null), 'The modal does not name a call'],
      [
        { ...submitted(modal, 'reached', null), private_metadata: undefined },
        'The modal does not name a call',
      ],
      [submitted(modal, 'escalated', null), 'No known outcome was chosen'],
      [submitted(modal, null, null), 'No known outcome was chosen'],
      [submitted(modal, 'toString', null), 'No known outcome was chosen'],
      [submitted(modal, 'reached', 42), 'The note is not text'],
      [
        submitted(modal, 'reached', 'x'.repeat(MAX_FOLLOW_UP_NOTE + 1)),
        'The note is longer than 500 characters',
      ],
      [{ ...submitted(modal, 'reached', null), state: undefined }, 'The submission is not a modal view'],
      [null, 'The submission is not a modal view'],
      ['view', 'The submission is not a modal view'],
      [{}, 'Not the Resolve follow-up modal'],
    ];
    for (const [view, reason] of cases)
      expect(readFollowUpResolveSubmission(view)).toEqual({ ok: false, reason });
  });
});

describe('a follow-up that closed itself', () => {
  test('says when, by whom and how the customer was reached, and offers Reopen', () => {
    const message = callSummaryMessage(toCallRecord(missedNoAgentCdr), {
      followUp: {
        ...OPEN_FOLLOW_UP,
        state: 'resolved',
        resolvedAt: 1_730_443_200,
        outcome: 'reached',
        reached: { at: 1_730_443_200, agent: 'Wang <Fang>', direction: 'outbound', talkSeconds: 200 },
      },
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*Reached the customer* · <!date^1730443200^');
    expect(text).toContain('by Wang &lt;Fang&gt; (outbound call, 3m 20s)');
    expect(text).toContain('ccc_follow_up_reopen');
    expect(message.text.startsWith('Resolved: ')).toBe(true);
  });
});

describe('a callback started from Slack', () => {
  test("the taken post says who is calling back; the callback's own post names the missed call", () => {
    const message = callSummaryMessage(missed(), {
      followUp: {
        ...OPEN_FOLLOW_UP,
        state: 'taken',
        takenBy: 'U0ANN',
        takenAt: 1_763_636_400,
        callbackBy: 'U0ANN',
        callbackAt: 1_763_636_460,
      },
    });
    expect(wireView(message)).toContain(
      '[section] :telephone_receiver: *<@U0ANN> is calling back* · <!date^1763636460^',
    );
    const callback = callSummaryMessage(toCallRecord(seedCdr), { callbackOf: { sessionId: 'missed-1' } });
    expect(wireView(callback)).toContain(':leftwards_arrow_with_hook: Callback of missed call `missed-1`');
  });
});
