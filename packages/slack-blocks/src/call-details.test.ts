import { validateMessage } from '@ccc-kit/sandbox/slack';
import { describe, expect, test } from 'vitest';
import { decodeActionValue } from './action-value.ts';
import { callDetailsMessage } from './call-details.ts';
import { noAgentDetail as noAgent, thirtyTransfersDetail as thirtyTransfers } from './test-utils/details.ts';
import { seedDetail, seedDetailSessionId } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';

const sessionId = seedDetailSessionId;
describe('callDetailsMessage', () => {
  test('number protection: an empty Caller with a ProtectedCaller shows "protected number", not the id', () => {
    const hidden = { ...noAgent, Caller: '', ProtectedCaller: '139abcdefg' };
    for (const showNumbers of [false, true]) {
      const view = wireView(callDetailsMessage(hidden, { sessionId, showNumbers }));
      expect(view).toContain('[field] *Caller* = protected number');
      expect(view).toContain('Call from protected number to ');
      expect(view).not.toMatch(/unknown|139abcdefg/);
    }
  });

  test('the doc sample: timeline with hold and mute, participants, share button, no link', () => {
    const message = callDetailsMessage(seedDetail, { sessionId, shareButton: true });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Call details: Answered outbound call · 26s with +86 158********
      [header] :white_check_mark: Answered outbound call · 26s with +86 158********
      [field] *Caller* = +86 075*********
      [field] *Called number* = +86 158********
      [field] *Agent* = foo@tencent.com
      [field] *Skill group* = foo-tel (#2522)
      [field] *Call type* = Outbound call
      [field] *End reason* = Normal call
      [field] *Hung up by* = Customer
      [section] *Durations*
      Ringing 3s · Talk 26s · On hold 8s · Total 32s
      [section] *Timeline*
      <!date^1756892198^{time_secs}|09:36:38> · foo@tencent.com called +86 158******** from +86 075*********
      <!date^1756892201^{time_secs}|09:36:41> · Ringing +86 158********
      <!date^1756892204^{time_secs}|09:36:44> · +86 158******** answered
      <!date^1756892209^{time_secs}|09:36:49> · foo@tencent.com put the customer on hold
      <!date^1756892217^{time_secs}|09:36:57> · foo@tencent.com resumed the call
      <!date^1756892220^{time_secs}|09:37:00> · foo@tencent.com muted the microphone
      <!date^1756892224^{time_secs}|09:37:04> · foo@tencent.com unmuted the microphone
      <!date^1756892230^{time_secs}|09:37:10> · Call ended: Normal call (customer hung up)
      [section] *Participants*
      1. foo@tencent.com · Agent (web workstation): answered, talked 26s (Normal call)
      [context] Session \`0f507d5d-e1e4-436e-a655-1d6c75a79b4f\` | <!date^1756892198^{date_short_pretty} {time_secs}|2025-09-03 09:36:38 UTC> | Request \`d6053004-779e-4cea-bbff-aa689b5fb9ff\`
      [button] Share to channel (ccc_share_to_channel) {"v":1,"sessionId":"0f507d5d-e1e4-436e-a655-1d6c75a79b4f","start":1756891898,"end":1756892530}
      [button] Recording (ccc_call_recording) {"v":1,"sessionId":"0f507d5d-e1e4-436e-a655-1d6c75a79b4f","start":1756891898,"end":1756892530}"
    `);
    expect(JSON.stringify(message)).not.toMatch(/getRecord|cos\.ap-guangzhou|getAsrText/);
  });

  test('a call with 30 transfers: the timeline is cut with "… N more events" and keeps the hang-up', () => {
    const message = callDetailsMessage(thirtyTransfers, { sessionId, timeZone: 'Asia/Shanghai' });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Call details: Answered inbound call · 30m 55s with agent30@example.com
      [header] :white_check_mark: Answered inbound call · 30m 55s with agent30@example.com
      [field] *Caller* = +86 138****5678
      [field] *Called number* = +86 400***4567
      [field] *Agent* = agent30@example.com
      [field] *Skill group* = Support (#7)
      [field] *Call type* = Inbound call
      [field] *End reason* = Normal call
      [field] *Hung up by* = Agent
      [field] *Satisfaction* = 5 (Very satisfied)
      [field] *UUI* = crm=861******5678
      [section] *Durations*
      IVR 20s · Queue 17s · Ringing 3s · Talk 30m 55s · On hold 30s · Total 31m 35s
      [section] *Timeline*
      <!date^1763632800^{time_secs}|18:00:00> · Call from +86 138****5678 to +86 400***4567
      <!date^1763632810^{time_secs}|18:00:10> · Pressed 2 (Support) in IVR
      <!date^1763632820^{time_secs}|18:00:20> · Queued in Support
      <!date^1763632837^{time_secs}|18:00:37> · Rang agent0@example.com
      <!date^1763632840^{time_secs}|18:00:40> · Answered by agent0@example.com
      <!date^1763632895^{time_secs}|18:01:35> · Transferred from agent0@example.com to agent1@example.com
      <!date^1763632897^{time_secs}|18:01:37> · Rang agent1@example.com
      <!date^1763632900^{time_secs}|18:01:40> · Answered by agent1@example.com
      <!date^1763632900^{time_secs}|18:01:40> · agent1@example.com put the customer on hold
      <!date^1763632930^{time_secs}|18:02:10> · agent1@example.com resumed the call
      <!date^1763632955^{time_secs}|18:02:35> · Transferred from agent1@example.com to agent2@example.com
      <!date^1763632957^{time_secs}|18:02:37> · Rang agent2@example.com
      <!date^1763632960^{time_secs}|18:02:40> · Answered by agent2@example.com
      <!date^1763633015^{time_secs}|18:03:35> · Transferred from agent2@example.com to agent3@example.com
      <!date^1763633017^{time_secs}|18:03:37> · Rang agent3@example.com
      <!date^1763633020^{time_secs}|18:03:40> · Answered by agent3@example.com
      <!date^1763633075^{time_secs}|18:04:35> · Transferred from agent3@example.com to agent4@example.com
      <!date^1763633077^{time_secs}|18:04:37> · Rang agent4@example.com
      <!date^1763633080^{time_secs}|18:04:40> · Answered by agent4@example.com
      <!date^1763633135^{time_secs}|18:05:35> · Transferred from agent4@example.com to agent5@example.com
      <!date^1763633137^{time_secs}|18:05:37> · Rang agent5@example.com
      <!date^1763633140^{time_secs}|18:05:40> · Answered by agent5@example.com
      <!date^1763633195^{time_secs}|18:06:35> · Transferred from agent5@example.com to agent6@example.com
      <!date^1763633197^{time_secs}|18:06:37> · Rang agent6@example.com
      <!date^1763633200^{time_secs}|18:06:40> · Answered by agent6@example.com
      <!date^1763633255^{time_secs}|18:07:35> · Transferred from agent6@example.com to agent7@example.com
      <!date^1763633257^{time_secs}|18:07:37> · Rang agent7@example.com
      <!date^1763633260^{time_secs}|18:07:40> · Answered by agent7@example.com
      <!date^1763633315^{time_secs}|18:08:35> · Transferred from agent7@example.com to agent8@example.com
      <!date^1763633317^{time_secs}|18:08:37> · Rang agent8@example.com
      <!date^1763633320^{time_secs}|18:08:40> · Answered by agent8@example.com
      <!date^1763633375^{time_secs}|18:09:35> · Transferred from agent8@example.com to agent9@example.com
      <!date^1763633377^{time_secs}|18:09:37> · Rang agent9@example.com
      <!date^1763633380^{time_secs}|18:09:40> · Answered by agent9@example.com
      <!date^1763633435^{time_secs}|18:10:35> · Transferred from agent9@example.com to agent10@example.com
      _… 63 more events_
      <!date^1763634695^{time_secs}|18:31:35> · Call ended: Normal call (agent hung up)
      [section] *Participants*
      1. agent0@example.com · Agent (web workstation): answered, talked 55s (Agent transferred the call)
      2. agent1@example.com · Agent (web workstation): answered, talked 55s, transferred from agent0@example.com (Agent transferred the call)
      3. agent2@example.com · Agent (web workstation): answered, talked 55s, transferred from agent1@example.com (Agent transferred the call)
      4. agent3@example.com · Agent (web workstation): answered, talked 55s, transferred from agent2@example.com (Agent transferred the call)
      5. agent4@example.com · Agent (web workstation): answered, talked 55s, transferred from agent3@example.com (Agent transferred the call)
      6. agent5@example.com · Agent (web workstation): answered, talked 55s, transferred from agent4@example.com (Agent transferred the call)
      7. agent6@example.com · Agent (web workstation): answered, talked 55s, transferred from agent5@example.com (Agent transferred the call)
      8. agent7@example.com · Agent (web workstation): answered, talked 55s, transferred from agent6@example.com (Agent transferred the call)
      9. agent8@example.com · Agent (web workstation): answered, talked 55s, transferred from agent7@example.com (Agent transferred the call)
      10. agent9@example.com · Agent (web workstation): answered, talked 55s, transferred from agent8@example.com (Agent transferred the call)
      11. agent10@example.com · Agent (web workstation): answered, talked 55s, transferred from agent9@example.com (Agent transferred the call)
      12. agent11@example.com · Agent (web workstation): answered, talked 55s, transferred from agent10@example.com (Agent transferred the call)
      13. agent12@example.com · Agent (web workstation): answered, talked 55s, transferred from agent11@example.com (Agent transferred the call)
      14. agent13@example.com · Agent (web workstation): answered, talked 55s, transferred from agent12@example.com (Agent transferred the call)
      15. agent14@example.com · Agent (web workstation): answered, talked 55s, transferred from agent13@example.com (Agent transferred the call)
      _… 16 more participants_
      [context] Session \`0f507d5d-e1e4-436e-a655-1d6c75a79b4f\` | <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 18:00:00 Asia/Shanghai> | Request \`req-30\`
      [button] Recording (ccc_call_recording) {"v":1,"sessionId":"0f507d5d-e1e4-436e-a655-1d6c75a79b4f","start":1763632500,"end":1763634995}"
    `);
    expect(validateMessage(message)).toEqual([]);
  });

  test('a call with no agent', () => {
    expect(wireView(callDetailsMessage(noAgent, { sessionId: 'ivr-1' }))).toMatchInlineSnapshot(`
      "text: Call details: Inbound call abandoned in IVR · after 45s
      [header] :warning: Inbound call abandoned in IVR · after 45s
      [section] :warning: *Needs follow-up:* Caller hung up during the IVR
      [field] *Caller* = +86 138****5678
      [field] *Called number* = +86 400***4567
      [field] *Agent* = _No agent_
      [field] *Call type* = Inbound call
      [field] *End reason* = Caller hung up during the IVR
      [field] *Hung up by* = Customer
      [section] *Durations*
      IVR 45s · Total 45s
      [section] *Timeline*
      <!date^1763632800^{time_secs}|10:00:00> · Call from +86 138****5678 to +86 400***4567
      <!date^1763632830^{time_secs}|10:00:30> · Pressed 9 in IVR
      <!date^1763632845^{time_secs}|10:00:45> · Call ended: Caller hung up during the IVR (customer hung up)
      [context] Session \`ivr-1\` | <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 10:00:00 UTC> | Request \`req-ivr\`"
    `);
  });

  test('the agent is named as in the channel post when the caller knows the name, else by email', () => {
    const heading = (message: ReturnType<typeof callDetailsMessage>) => wireView(message).split('\n')[1];
    expect(heading(callDetailsMessage(thirtyTransfers, { sessionId }))).toBe(
      '[header] :white_check_mark: Answered inbound call · 30m 55s with agent30@example.com',
    );
    const named = callDetailsMessage(thirtyTransfers, { sessionId, agentName: 'Agent Thirty' });
    expect(heading(named)).toBe(
      '[header] :white_check_mark: Answered inbound call · 30m 55s with Agent Thirty',
    );
    expect(wireView(named)).toContain('[field] *Agent* = Agent Thirty');
  });

  describe('recording links', () => {
    test('a call that never connected has no Recording button, whatever links its detail carries', () => {
      const unanswered = { ...thirtyTransfers, AcceptTimestamp: 0 };
      expect(unanswered.RecordURL).toBeTruthy();
      const json = JSON.stringify(callDetailsMessage(unanswered, { sessionId }));
      expect(json).not.toContain('"action_id":"ccc_call_recording"');
    });

    test('never shown by default: a Recording button instead', () => {
      const json = JSON.stringify(callDetailsMessage(thirtyTransfers, { sessionId }));
      expect(json).not.toContain('SECRET');
      expect(json).toContain('"action_id":"ccc_call_recording"');
    });

    test('shown when the caller passes a fresh recordingUrl', () => {
      const message = callDetailsMessage(thirtyTransfers, {
        sessionId,
        recordingUrl: 'https://fresh.test/r.mp3?a=1&b=2',
      });
      const json = JSON.stringify(message);
      expect(json).toContain('<https://fresh.test/r.mp3?a=1&amp;b=2|Play the recording>');
      expect(json).not.toContain('SECRET');
      expect(json).not.toContain('ccc_call_recording');
    });

    test('shown from the detail itself only with allowRecording', () => {
      expect(
        JSON.stringify(callDetailsMessage(thirtyTransfers, { sessionId, allowRecording: true })),
      ).toContain('<https://tccc.test/getRecord/signed?sig=SECRET|Play the recording>');
    });

    test('a detail stripped of its links still renders', () => {
      const { RecordURL, CustomRecordURL, AsrURL, VoicemailRecordURL, VoicemailAsrURL, ...rest } = seedDetail;
      const message = callDetailsMessage(rest, { sessionId, allowRecording: true });
      expect(JSON.stringify(message)).not.toContain('Play the');
      expect(validateMessage(message)).toEqual([]);
    });
  });

  test('the share value repeats the session and its window', () => {
    const message = callDetailsMessage(seedDetail, { sessionId, shareButton: true });
    const share = message.blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.action_id === 'ccc_share_to_channel');
    expect(decodeActionValue(share?.type === 'button' ? share.value : undefined)).toEqual({
      ok: true,
      value: { v: 1, sessionId, start: 1756891898, end: 1756892530 },
    });
  });

  test('without a session id there are no buttons and the session reads unknown', () => {
    const message = callDetailsMessage(seedDetail);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(message)).toContain('Session `unknown`');
  });

  test('UUI is masked unless showNumbers', () => {
    expect(JSON.stringify(callDetailsMessage(thirtyTransfers, { sessionId }))).not.toContain('8613812345678');
    expect(JSON.stringify(callDetailsMessage(thirtyTransfers, { sessionId, showNumbers: true }))).toContain(
      'crm=8613812345678',
    );
  });
});
