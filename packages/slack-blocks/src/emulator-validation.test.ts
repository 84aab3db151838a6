import { toCallRecord, toChatRecord } from '@ccc-kit/cdr-parser';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { validateMessage } from '@ccc-kit/sandbox/slack';
import { parseGetSessionStateResponse, parseRecordPush, parseVoicemailPush } from '@ccc-kit/schemas';
import { samples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import {
  callDetailsMessage,
  callSummaryMessage,
  chatSummaryMessage,
  errorMessage,
  messageToText,
  recordingReadyMessage,
  type SlackMessage,
  sessionListMessage,
  sessionStateMessage,
  transcriptPreview,
  voicemailMessage,
} from './index.ts';
import { everyElement, hostileMessage, seedMessages } from './test-utils/chat.ts';
import {
  legacyCdr,
  missedNoAgentCdr,
  seedCdr,
  seedDetail,
  seedDetailSessionId,
  seedImCdr,
} from './test-utils/records.ts';

// Every message the package builds, from the seed samples, the edge cases and a generated day of traffic,
// must be accepted by the Slack emulator's Block Kit validation (structure, limits, hidden text budget).
const dataset = generateDataset({
  seed: 20261120,
  start: Date.UTC(2026, 10, 20) / 1000,
  calls: 40,
  chats: 12,
});

const envelope = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

function accepted(name: string, message: SlackMessage): void {
  expect(validateMessage(message), name).toEqual([]);
  expect(message.text.trim(), `${name}: fallback text`).not.toBe('');
  expect(message.unfurl_links, name).toBe(false);
  expect(message.unfurl_media, name).toBe(false);
  expect(messageToText(message).length, name).toBeGreaterThan(0);
}

describe('every message passes the Slack emulator', () => {
  test('seed samples and edge cases', () => {
    const state = parseGetSessionStateResponse(JSON.parse(samples.deskSessionStateResponse));
    const window = { start: 1730390400, end: 1730476799 };
    const cases: Array<[string, SlackMessage]> = [
      ['summary seed', callSummaryMessage(toCallRecord(seedCdr))],
      ['summary legacy', callSummaryMessage(toCallRecord(legacyCdr), { showNumbers: true })],
      ['summary no agent', callSummaryMessage(toCallRecord(missedNoAgentCdr))],
      ['details seed', callDetailsMessage(seedDetail, { sessionId: seedDetailSessionId, shareButton: true })],
      [
        'details with link',
        callDetailsMessage(seedDetail, { sessionId: seedDetailSessionId, allowRecording: true }),
      ],
      ['chat seed', chatSummaryMessage(toChatRecord(seedImCdr))],
      ['state seed', sessionStateMessage(state)],
      ['state empty', sessionStateMessage(parseGetSessionStateResponse(envelope))],
      [
        'list seed',
        sessionListMessage([toCallRecord(seedCdr), toChatRecord(seedImCdr)], {
          offset: 0,
          limit: 2,
          ...window,
        }),
      ],
      ['list empty', sessionListMessage([], { offset: 0, limit: 10, ...window })],
      ['preview seed', transcriptPreview(seedMessages, 10)],
      ['preview every element', transcriptPreview(everyElement, 20)],
      ['preview hostile', transcriptPreview([hostileMessage, hostileMessage, hostileMessage], 3)],
      ['voicemail seed', voicemailMessage(parseVoicemailPush(JSON.parse(samples.voicemailPush)))],
      ['recording seed', recordingReadyMessage(parseRecordPush(JSON.parse(samples.recordPush)))],
      ['error unknown', errorMessage(new Error('boom'), { reference: 'r' })],
      [
        'error described',
        errorMessage({ message: 'x'.repeat(5000), hint: 'y'.repeat(5000), requestId: 'r' }),
      ],
    ];
    for (const [name, message] of cases) accepted(name, message);
  });

  test(`a generated day: ${dataset.calls.length} calls and ${dataset.chats.length} chats`, () => {
    const timeZone = 'Asia/Shanghai';
    for (const call of dataset.calls) {
      accepted(`summary ${call.sessionId}`, callSummaryMessage(toCallRecord(call.push), { timeZone }));
      const detail = { ...call.detail, RequestId: 'req' };
      accepted(
        `details ${call.sessionId}`,
        callDetailsMessage(detail, { sessionId: call.sessionId, shareButton: true, timeZone }),
      );
      for (const record of call.records)
        accepted(`recording ${record.RecordId}`, recordingReadyMessage(record));
      if (call.voicemail) accepted(`voicemail ${call.sessionId}`, voicemailMessage(call.voicemail));
    }
    for (const chat of dataset.chats) {
      accepted(`chat ${chat.sessionId}`, chatSummaryMessage(toChatRecord(chat.push), { timeZone }));
      accepted(`preview ${chat.sessionId}`, transcriptPreview(chat.messages, 10, { timeZone }));
      accepted(
        `state ${chat.sessionId}`,
        sessionStateMessage({ ...envelope, SessionId: chat.sessionId, ...chat.state }),
      );
    }
    const page = { offset: 0, limit: 100, start: 1795132800, end: 1795219199 };
    accepted(
      'list of calls',
      sessionListMessage(
        dataset.calls.map((c) => toCallRecord(c.push)),
        page,
      ),
    );
    accepted(
      'list of chats',
      sessionListMessage(
        dataset.chats.map((c) => c.imCdr),
        page,
      ),
    );
  });
});
