import { CurrentState, DeskEndStatus, KnownMsgTypes, type MsgElement } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { generateDataset } from './generate.ts';
import type { CallFixture, ChatFixture, Dataset } from './types.ts';

const START = Date.UTC(2025, 5, 10) / 1000;

/** The classes of calls the generator guarantees from 20 calls on. */
const CALL_CLASSES: Record<string, (call: CallFixture) => boolean> = {
  'answered inbound': (c) =>
    c.push.Direction === 0 && c.push.EndStatusString === 'ok' && c.push.ServeParticipants.length > 0,
  waitingGiveUp: (c) => c.push.EndStatusString === 'waitingGiveUp',
  ringingGiveUp: (c) => c.push.EndStatusString === 'ringingGiveUp',
  noSeatOnline: (c) => c.push.EndStatusString === 'noSeatOnline',
  seatGiveUp: (c) => c.push.EndStatusString === 'seatGiveUp',
  notWorkTime: (c) => c.push.EndStatusString === 'notWorkTime',
  ivrGiveUp: (c) => c.push.EndStatusString === 'ivrGiveUp',
  ivrEnd: (c) => c.push.EndStatusString === 'ivrEnd',
  'answered outbound': (c) =>
    c.push.Direction === 1 && c.push.CallType !== 6 && c.push.EndStatusString === 'ok',
  notAnswer: (c) => c.push.EndStatusString === 'notAnswer',
  busy: (c) => c.push.EndStatusString === 'busy',
  userReject: (c) => c.push.EndStatusString === 'userReject',
  powerOff: (c) => c.push.EndStatusString === 'powerOff',
  blackList: (c) => c.push.EndStatusString === 'blackList',
  'restricted*': (c) => (c.push.EndStatusString ?? '').startsWith('restricted'),
  'error/clientError': (c) => ['error', 'clientError'].includes(c.push.EndStatusString ?? ''),
  'AI agent': (c) => c.telCdr.AIAgentId != null && c.push.EndStatusString === 'aiAgentEndCall',
  voicemail: (c) => c.voicemail !== null && c.detail.VoicemailRecordURL.length === 1,
  '≥ 3 transfers': (c) => c.push.ServeParticipants.filter((p) => p.TransferTo).length >= 3,
  internal: (c) => c.push.CallType === 6,
  'hold events': (c) => c.detail.Events.some((e) => e.EventType === 'StaffHold'),
  'mute events': (c) => c.detail.Events.some((e) => e.EventType === 'StaffMute'),
  'IVR keys': (c) => c.push.IVRKeyPressed.length > 0 && c.push.IVRKeyPressedEx.length > 0,
  satisfaction: (c) => c.push.PostIVRKeyPressed.length > 0,
  'ASR sentences': (c) => (c.asr?.length ?? 0) > 0,
  'answered without ASR': (c) => c.asr === null && (c.telCdr.AcceptTimestamp ?? 0) > 0,
  recordings: (c) => c.records.length >= 2,
};

function elementsOf(chat: ChatFixture): MsgElement[] {
  const nested = (elements: readonly MsgElement[]): MsgElement[] =>
    elements.flatMap((e) => [
      e,
      ...(e.MsgType === 'TIMRelayElem' ? e.MsgContent.MsgList.flatMap((m) => nested(m.MsgBody)) : []),
    ]);
  return chat.messages.flatMap((m) => nested(m.MsgBody));
}

function expectCovered(dataset: Dataset): void {
  for (const [name, matches] of Object.entries(CALL_CLASSES))
    expect(dataset.calls.some(matches), `a call of class "${name}"`).toBe(true);
  const statuses = new Set(dataset.chats.map((c) => c.imCdr.EndStatus));
  for (const status of Object.keys(DeskEndStatus)) expect(statuses, status).toContain(status);
  const long = dataset.chats.filter((c) => c.messages.length >= 250);
  expect(long.length).toBeGreaterThanOrEqual(1);
  const types = new Set(dataset.chats.flatMap(elementsOf).map((e) => e.MsgType));
  expect([...types].sort()).toEqual([...KnownMsgTypes].sort());
  const roles = new Set(dataset.chats.flatMap((c) => c.messages.map((m) => m.FromAccountRole)));
  expect([...roles].sort()).toEqual([1, 2, 3]);
}

describe('coverage guarantees', () => {
  test.each([1, 2, 3, 4, 5, 6])('20 calls and 9 chats cover every class (seed %i)', (seed) => {
    expectCovered(generateDataset({ seed, start: START, calls: 20, chats: 9 }));
  });

  test('the default size covers every class and draws both Chinese and international numbers', () => {
    const dataset = generateDataset({ seed: 99, start: START });
    expectCovered(dataset);
    const countries = new Set(dataset.calls.map((c) => c.push.TelLocation?.Country).filter(Boolean));
    expect(countries).toContain('China');
    expect(countries.size).toBeGreaterThan(1);
    expect(
      dataset.calls.every((c) => /^00\d{8,14}$/.test(c.push.Caller ?? '') || c.push.CallType === 6),
    ).toBe(true);
  });

  test('a relay element nests whole messages, including another relay', () => {
    const dataset = generateDataset({ seed: 3, start: START, calls: 0 });
    const relay = dataset.chats
      .flatMap((c) => c.messages.flatMap((m) => m.MsgBody))
      .find((e) => e.MsgType === 'TIMRelayElem');
    if (relay?.MsgType !== 'TIMRelayElem') return expect.fail('no relay element');
    expect(relay.MsgContent.MsgNum).toBe(relay.MsgContent.MsgList.length);
    expect(relay.MsgContent.MsgList.flatMap((m) => m.MsgBody.map((e) => e.MsgType))).toContain(
      'TIMRelayElem',
    );
  });

  test('live sessions: every state once, agent ids where Tencent sets them, no end status', () => {
    const live = generateDataset({ seed: 4, start: START, calls: 0 }).chats.filter(
      (c) => c.state.CurrentState,
    );
    expect(live.map((c) => c.state.CurrentState).sort()).toEqual(Object.values(CurrentState).sort());
    for (const chat of live) {
      const assigned =
        chat.state.CurrentState === 'Agent' || chat.state.CurrentState === 'WaitingForAgentAnswering';
      expect(Boolean(chat.state.AgentId), String(chat.state.CurrentState)).toBe(assigned);
      expect(chat.imCdr.EndStatus).toBeUndefined();
      expect(chat.push.EndedTimestamp).toBe(0);
    }
  });

  test('message timestamps are Unix milliseconds, strictly increasing', () => {
    for (const chat of generateDataset({ seed: 5, start: START, calls: 0 }).chats) {
      const times = chat.messages.map((m) => m.Timestamp);
      expect(times[0]).toBeGreaterThanOrEqual((chat.imCdr.Timestamp ?? 0) * 1000);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    }
  });
});
