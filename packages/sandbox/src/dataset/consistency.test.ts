import { endStatusByName } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { callOutFixture } from './call-out.ts';
import { DESK_TO_IM_END_STATUS } from './chat-plan.ts';
import { generateDataset } from './generate.ts';
import type { CallFixture } from './types.ts';

// With the documented sessions: they must keep every rule the generated ones keep.
const dataset = generateDataset({
  seed: 8080,
  start: Date.UTC(2025, 0, 6) / 1000,
  calls: 60,
  documentedSessions: true,
});

const agent = dataset.agents[0];
if (!agent?.phone) throw new Error('the default agents have phones');
// A call placed through CreateCallOutSession must keep the same rules as the generated ones.
const placed = callOutFixture({
  dataset,
  agent: { ...agent, phone: agent.phone },
  sessionId: 'c0ffee00-0000-4000-8000-000000000001',
  caller: dataset.lines.outbound,
  callee: '008613912345678',
  uui: 'order=42',
  start: Date.UTC(2025, 0, 6, 12) / 1000,
  talkSeconds: 45,
});

/** The customer's number of a call, `null` for internal calls. */
const customerOf = (call: CallFixture): string | null =>
  call.push.CallType === 6
    ? null
    : ((call.push.Direction === 0 ? call.push.Caller : call.push.Callee) ?? null);

describe.each(
  [...dataset.calls, placed].map((call) => [call.push.EndStatusString, call.sessionId, call] as const),
)('call %s %s', (_status, sessionId, call) => {
  const { telCdr, detail, telSession, push } = call;

  test('ids, numbers and times agree on every surface', () => {
    expect([telCdr.SessionId, telSession.SessionID, push.SessionId]).toEqual([
      sessionId,
      sessionId,
      sessionId,
    ]);
    for (const r of [...call.records, ...(call.voicemail ? [call.voicemail] : [])])
      expect(r.SessionId).toBe(sessionId);
    for (const surface of [detail, telSession, push])
      expect([surface.Caller, surface.Callee]).toEqual([telCdr.Caller, telCdr.Callee]);
    const start = telCdr.StartTimestamp;
    expect([telCdr.Time, detail.StartTimeStamp, telSession.StartTimestamp, push.StartTimestamp]).toEqual([
      start,
      start,
      start,
      start,
    ]);
    for (const key of ['RingTimestamp', 'AcceptTimestamp'] as const)
      expect([detail[key], telSession[key], push[key]]).toEqual([telCdr[key], telCdr[key], telCdr[key]]);
    for (const key of [
      'EndedTimestamp',
      'QueuedTimestamp',
      'QueuedSkillGroupId',
      'CallType',
      'HungUpSide',
    ] as const)
      expect([detail[key], push[key]]).toEqual([telCdr[key], telCdr[key]]);
    expect([telSession.Direction, push.Direction]).toEqual([telCdr.Direction, telCdr.Direction]);
  });

  test('timeline is ordered and durations follow the documented formulas', () => {
    const [start, queued, ring, accept, end] = [
      push.StartTimestamp,
      push.QueuedTimestamp,
      push.RingTimestamp,
      push.AcceptTimestamp,
      push.EndedTimestamp,
    ].map(Number) as [number, number, number, number, number];
    const happened = [start, queued, ring, accept, end].filter((t) => t > 0);
    expect(happened).toEqual([...happened].sort((a, b) => a - b));
    expect(push.Duration).toBe(accept > 0 ? end - accept : 0);
    if (queued > 0) expect(push.IVRDuration).toBe(queued - start);
    expect(telCdr.Duration).toBe(push.Duration);
  });

  test('end status: same string everywhere, numeric code from the EndStatus table', () => {
    expect(telCdr.EndStatusString).toBe(push.EndStatusString);
    expect(telCdr.EndStatus).toBe(endStatusByName(push.EndStatusString)?.code ?? undefined);
    expect(detail.EndStatus).toBe(telCdr.EndStatus);
  });

  test('the agent (last one) is the same everywhere; participants agree and chain their transfers', () => {
    const mail = telCdr.SeatUser?.Mail ?? '';
    expect([detail.StaffUserId, telSession.StaffEmail, push.SeatUser?.Mail ?? '']).toEqual([
      mail,
      mail,
      mail,
    ]);
    const shape = (list: typeof push.ServeParticipants) =>
      list.map((p) => [p.Mail, p.RecordId, p.Sequence, p.AcceptTimestamp]);
    expect(shape(push.ServeParticipants)).toEqual(shape(telCdr.ServeParticipants));
    expect(shape(detail.ServeParticipants)).toEqual(shape(telCdr.ServeParticipants));
    push.ServeParticipants.forEach((p, i) => {
      expect(p.Sequence).toBe(i);
      const next = push.ServeParticipants[i + 1];
      if (p.TransferTo) expect(next?.Mail).toBe(p.TransferTo);
      if (next?.TransferFrom) expect(next.TransferFrom).toBe(p.Mail);
    });
  });

  test('IVR and satisfaction keys agree (strings, Ex elements, detail elements)', () => {
    expect(telCdr.IVRKeyPressed).toEqual(push.IVRKeyPressed);
    expect(detail.IVRKeyPressed.map((k) => [k.Key, k.Label])).toEqual(
      push.IVRKeyPressedEx.map((k) => [k.Key, k.Label]),
    );
    expect(push.IVRKeyPressedEx.map((k) => k.Key)).toEqual(push.IVRKeyPressed);
    expect(detail.PostIVRKeyPressed.map((k) => k.Key)).toEqual(push.PostIVRKeyPressed.map((k) => k.Key));
    for (const key of [...detail.IVRKeyPressed, ...detail.PostIVRKeyPressed]) {
      expect(key.Timestamp).toBeGreaterThanOrEqual(Number(push.StartTimestamp) * 1000);
      expect(key.Timestamp).toBeLessThanOrEqual(Number(push.EndedTimestamp) * 1000 + 999);
    }
  });

  test('recordings: the customer side and one per agent who talked, with the right endpoint users', () => {
    const expected = [push.RecordId, ...push.ServeParticipants.map((p) => p.RecordId)].filter(Boolean);
    expect(call.records.map((r) => r.RecordId)).toEqual(expected);
    const customer = customerOf(call);
    for (const record of call.records) {
      const participant = push.ServeParticipants.find((p) => p.RecordId === record.RecordId);
      expect(record.EndpointUser).toBe(participant ? participant.Mail : customer);
      expect(record.Timestamp).toBeGreaterThanOrEqual(Number(push.StartTimestamp));
    }
    expect(telCdr.RecordId).toBe(push.RecordId);
  });

  test('voicemail, ASR and events match the detail', () => {
    expect(call.voicemail?.RecordURL).toBe(detail.VoicemailRecordURL[0]);
    expect(telCdr.VoicemailRecordURL).toEqual(detail.VoicemailRecordURL);
    if (call.voicemail) expect([call.voicemail.EndpointUser, push.AcceptTimestamp]).toEqual([push.Caller, 0]);
    expect(telCdr.AsrStatus).toBe(call.asr ? 'Complete' : 'NotExists');
    const speakers = new Set([
      customerOf(call),
      telCdr.AIAgentName,
      ...push.ServeParticipants.map((p) => p.Mail),
    ]);
    for (const sentence of call.asr ?? []) {
      expect(speakers).toContain(sentence.User);
      expect(sentence.Start).toBeGreaterThanOrEqual(Number(push.AcceptTimestamp) * 1000);
      expect(sentence.End).toBeLessThanOrEqual(Number(push.EndedTimestamp) * 1000);
    }
    for (const event of detail.Events) {
      const mail = event.StaffEventDetail?.Staffs[0]?.Mail;
      const leg = push.ServeParticipants.find(
        (p) =>
          p.Mail === mail &&
          Number(event.Timestamp) >= Number(p.AcceptTimestamp) &&
          Number(event.Timestamp) <= Number(p.EndedTimestamp),
      );
      expect(leg, `${event.EventType} at ${event.Timestamp}`).toBeDefined();
    }
  });
});

describe('chats agree between the Desk API and the IM CDR push', () => {
  test.each(dataset.chats.map((chat) => [chat.imCdr.EndStatus ?? chat.state.CurrentState, chat] as const))(
    '%s',
    (_label, chat) => {
      const { imCdr, push } = chat;
      expect([imCdr.SessionId, push.SessionId]).toEqual([chat.sessionId, chat.sessionId]);
      expect([imCdr.ClientUserId, push.UserId]).toEqual([chat.clientUserId, chat.clientUserId]);
      expect([imCdr.Timestamp, imCdr.Duration, imCdr.ClientUserNickName]).toEqual([
        push.StartTimestamp,
        push.Duration,
        push.UserNickName,
      ]);
      expect(imCdr.AgentId).toBe(push.SeatUser?.Mail ?? '');
      expect(imCdr.AgentGroupId).toBe(push.QueuedSkillGroupId ? String(push.QueuedSkillGroupId) : '');
      expect(push.EndStatusString).toBe(
        imCdr.EndStatus
          ? DESK_TO_IM_END_STATUS[imCdr.EndStatus as keyof typeof DESK_TO_IM_END_STATUS]
          : undefined,
      );
      const agents = new Set(chat.messages.filter((m) => m.FromAccountRole === 2).map((m) => m.FromAccount));
      // A live session waiting for the agent to accept names the agent before they wrote anything.
      if (imCdr.AgentId && push.AcceptTimestamp) expect(agents).toContain(imCdr.AgentId);
      for (const message of chat.messages.filter((m) => m.FromAccountRole === 1))
        expect(message.FromAccount).toBe(chat.clientUserId);
      for (const message of chat.messages.filter((m) => m.FromAccountRole === 3))
        expect(message.FromAccount).toBe(chat.customerServiceId);
      if (push.EndedTimestamp) {
        expect(chat.messages.at(-1)?.Timestamp).toBeLessThanOrEqual(Number(push.EndedTimestamp) * 1000);
        expect(push.Duration).toBe(Number(push.EndedTimestamp) - Number(push.StartTimestamp));
      }
      if (push.AcceptTimestamp)
        expect(chat.messages.find((m) => m.FromAccountRole === 2)?.Timestamp).toBeGreaterThanOrEqual(
          Number(push.AcceptTimestamp) * 1000,
        );
    },
  );
});
