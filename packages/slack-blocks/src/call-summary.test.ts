import { toCallRecord } from '@ccc-kit/cdr-parser';
import { parseCdrPush } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { decodeActionValue } from './action-value.ts';
import { callSummaryMessage } from './call-summary.ts';
import { legacyCdr, missedNoAgentCdr, seedCdr, transferChain } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';

describe('callSummaryMessage', () => {
  test('number protection: the hidden caller reads "protected number"; real numbers keep their masking', () => {
    const cdr = parseCdrPush({ ...seedCdr, Caller: '', ProtectedCaller: '400abcdefg' });
    for (const showNumbers of [false, true]) {
      const view = wireView(callSummaryMessage(toCallRecord(cdr), { showNumbers, style: 'full' }));
      expect(view).toContain('(caller protected number)');
      expect(view).toContain('[field] *Caller* = protected number');
      expect(view).toContain(
        `[field] *Called number* = ${showNumbers ? '0086184xxxx7605' : '+86 184****7605'}`,
      );
      expect(view).not.toMatch(/unknown|400abcdefg/);
    }
  });

  test('the current doc sample: outbound, number does not exist', () => {
    expect(wireView(callSummaryMessage(toCallRecord(seedCdr)))).toMatchInlineSnapshot(`
      "text: Outbound call not answered · number does not exist (caller +86 400***6666)
      [header] :no_bell: Outbound call not answered · number does not exist
      [section] :warning: *Needs follow-up:* Number does not exist
      [field] *To* = +86 184****7605
      [field] *Agent* = Zhang San
      [field] *Skill group* = consultant outbound call (#2734)
      [context] Session \`99a1c8f8-eb3d-4xxx-8401-5f6aa8761232\` | <!date^1677140068^{date_short_pretty} {time_secs}|2023-02-23 08:14:28 UTC>
      [button] Call details (ccc_call_details) {"v":1,"sessionId":"99a1c8f8-eb3d-4xxx-8401-5f6aa8761232","start":1677139768,"end":1677140381}"
    `);
  });

  test('the older doc sample: a system error', () => {
    expect(
      wireView(callSummaryMessage(toCallRecord(legacyCdr), { timeZone: 'Asia/Shanghai' })),
    ).toMatchInlineSnapshot(`
      "text: Failed call · system error (caller +86 020****7698)
      [header] :x: Failed call · system error
      [section] :rotating_light: *Action needed:* System error
      [field] *To* = +86 186****0280
      [field] *Agent* = lululing
      [context] Session \`e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55\` | <!date^1608130636^{date_short_pretty} {time_secs}|2020-12-16 22:57:16 Asia/Shanghai>
      [button] Call details (ccc_call_details) {"v":1,"sessionId":"e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55","start":1608130336,"end":1608130951}"
    `);
  });

  test('a missed inbound call with no agent and no recording', () => {
    const message = callSummaryMessage(toCallRecord(missedNoAgentCdr));
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Missed inbound call · waited 2m 05s in Support (caller +86 138****5678)
      [header] :warning: Missed inbound call · waited 2m 05s in Support
      [section] :warning: *Needs follow-up:* Caller gave up while queued
      [field] *From* = +86 138****5678
      [context] Session \`c0ffee00-0000-4000-8000-000000000001\` | <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 10:00:00 UTC>
      [button] Call details (ccc_call_details) {"v":1,"sessionId":"c0ffee00-0000-4000-8000-000000000001","start":1763632500,"end":1763633255}"
    `);
    expect(JSON.stringify(message)).not.toContain('ccc_call_recording');
  });

  test('a call with 30 transfers stays one short post', () => {
    const start = 1763632800;
    const cdr = parseCdrPush({
      ...missedNoAgentCdr,
      SessionId: 'c0ffee00-0000-4000-8000-000000000030',
      AcceptTimestamp: start + 35,
      EndedTimestamp: start + 31 * 60,
      EndStatusString: 'ok',
      SeatUser: { Mail: 'agent30@example.com', Name: 'Last Agent' },
      ServeParticipants: transferChain(31, start + 35),
    });
    expect(wireView(callSummaryMessage(toCallRecord(cdr)))).toMatchInlineSnapshot(`
      "text: Answered inbound call · 30m 25s with Last Agent (caller +86 138****5678)
      [header] :white_check_mark: Answered inbound call · 30m 25s with Last Agent
      [field] *From* = +86 138****5678
      [field] *Skill group* = Support (#7)
      [field] *Waited* = 7s
      [context] Session \`c0ffee00-0000-4000-8000-000000000030\` | <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 10:00:00 UTC> | 30 transfers
      [button] Call details (ccc_call_details) {"v":1,"sessionId":"c0ffee00-0000-4000-8000-000000000030","start":1763632500,"end":1763634960}
      [button] Recording (ccc_call_recording) {"v":1,"sessionId":"c0ffee00-0000-4000-8000-000000000030","start":1763632500,"end":1763634960}"
    `);
  });

  test('numbers are masked unless showNumbers', () => {
    const record = toCallRecord(missedNoAgentCdr);
    expect(JSON.stringify(callSummaryMessage(record))).not.toContain('13812345678');
    expect(JSON.stringify(callSummaryMessage(record, { showNumbers: true }))).toContain('008613812345678');
  });

  test('a call that never connected gets no Recording button, even with a RecordId', () => {
    const labels = (cdr: typeof seedCdr) =>
      callSummaryMessage(toCallRecord(cdr))
        .blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))
        .map((b) => (b.type === 'button' ? b.text.text : ''));
    expect(seedCdr.RecordId).toBeTruthy();
    expect(labels(seedCdr)).toEqual(['Call details']);
    expect(labels(parseCdrPush({ ...seedCdr, AcceptTimestamp: 1677140075 }))).toEqual([
      'Call details',
      'Recording',
    ]);
  });

  test('the buttons carry the session and a DescribeSessionDetail window', () => {
    // Answered (AcceptTimestamp set), so the Recording button is there too.
    const message = callSummaryMessage(
      toCallRecord(parseCdrPush({ ...seedCdr, AcceptTimestamp: 1677140075 })),
    );
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    const values = buttons.map((b) => (b.type === 'button' ? decodeActionValue(b.value) : undefined));
    expect(values).toEqual([
      {
        ok: true,
        value: {
          v: 1,
          sessionId: '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232',
          start: 1677139768,
          end: 1677140381,
        },
      },
      {
        ok: true,
        value: {
          v: 1,
          sessionId: '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232',
          start: 1677139768,
          end: 1677140381,
        },
      },
    ]);
  });

  test('the thread: recordings and voicemails are named, a voicemail adds "Play voicemail"', () => {
    const record = toCallRecord(missedNoAgentCdr);
    const quiet = wireView(callSummaryMessage(record, { thread: { recordings: 0, voicemails: 0 } }));
    expect(quiet).toBe(wireView(callSummaryMessage(record)));
    const view = wireView(callSummaryMessage(record, { thread: { recordings: 2, voicemails: 1 } }));
    expect(view).toContain(
      '[context] :studio_microphone: 2 recordings · :mailbox_with_mail: 1 voicemail in the thread',
    );
    expect(view).toMatch(/\[button\] Play voicemail \(ccc_voicemail\) \{"v":1,"sessionId":"/);
    const one = wireView(callSummaryMessage(record, { thread: { recordings: 1, voicemails: 0 } }));
    expect(one).toContain('[context] :studio_microphone: 1 recording in the thread');
    expect(one).not.toContain('Play voicemail');
  });

  test('agent and group names cannot ping or link', () => {
    const cdr = parseCdrPush({
      ...missedNoAgentCdr,
      QueuedSkillGroupName: '<!channel> Sales & <https://evil.test|win>',
      SeatUser: { Name: '<@U999>', Mail: 'x@example.com' },
    });
    const json = JSON.stringify(
      callSummaryMessage(toCallRecord(cdr), { style: 'full' }).blocks.filter((b) => b.type !== 'header'),
    );
    expect(json).not.toMatch(/<!channel>|<@U999>|<https:\/\/evil/);
    expect(json).toContain('&lt;!channel&gt; Sales &amp; &lt;https://evil.test|win&gt;');
  });
});
