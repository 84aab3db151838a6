import { parseRecordPush, parseVoicemailPush } from '@ccc-kit/schemas';
import { samples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { wireView } from './test-utils/view.ts';
import { recordingReadyMessage, voicemailMessage } from './thread-replies.ts';

const voicemail = parseVoicemailPush(JSON.parse(samples.voicemailPush));
const record = parseRecordPush(JSON.parse(samples.recordPush));

describe('voicemailMessage', () => {
  test('the seed sample: masked caller, a button, no link', () => {
    const message = voicemailMessage(voicemail);
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Voicemail from 131****6789 at 2020-12-16 14:57:30 UTC
      [section] :mailbox_with_mail: *Voicemail* from 131****6789
      [context] Session \`e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55\` | <!date^1608130650^{date_short_pretty} {time_secs}|2020-12-16 14:57:30 UTC>
      [button] Play voicemail (ccc_voicemail) {"v":1,"sessionId":"e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55","start":1608043950,"end":1608130950}"
    `);
    expect(JSON.stringify(message)).not.toContain('myqcloud');
  });

  test('a link only when asked for', () => {
    expect(
      wireView(voicemailMessage(voicemail, { allowLink: true, showNumbers: true })),
    ).toMatchInlineSnapshot(`
      "text: Voicemail from 13123456789 at 2020-12-16 14:57:30 UTC
      [section] :mailbox_with_mail: *Voicemail* from 13123456789
      <http://recorder-10018504.cos.ap-shanghai.myqcloud.com/def/month12/000-339708937-12367-473aa3561921478d8c57b425bd9d4b29-000-1608130637.mp3|Play voicemail>
      [context] Session \`e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55\` | <!date^1608130650^{date_short_pretty} {time_secs}|2020-12-16 14:57:30 UTC>"
    `);
    expect(
      JSON.stringify(voicemailMessage(voicemail, { recordingUrl: 'https://fresh.test/v.mp3' })),
    ).toContain('<https://fresh.test/v.mp3|Play voicemail>');
  });
});

describe('recordingReadyMessage', () => {
  test('the seed sample: agent recording, a button', () => {
    expect(wireView(recordingReadyMessage(record, { timeZone: 'Asia/Shanghai' }))).toMatchInlineSnapshot(`
      "text: Recording ready (lululing@tencent.com)
      [section] :studio_microphone: *Recording ready* · lululing@tencent.com
      [context] Session \`e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55\` | <!date^1608130650^{date_short_pretty} {time_secs}|2020-12-16 22:57:30 Asia/Shanghai>
      [button] Recording (ccc_call_recording) {"v":1,"sessionId":"e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55","start":1608043950,"end":1608130950,"recordId":"1608130650"}"
    `);
  });
});
