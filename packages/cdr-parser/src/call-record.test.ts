import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { toCallFacts } from './call-facts.ts';
import { toCallRecord } from './call-record.ts';
import { isCdrParserError } from './errors.ts';
import { parsePush } from './parse-push.ts';
import type { CallRecord } from './record-types.ts';
import {
  cdrPayload,
  inboundMissed,
  inboundNoAgent,
  inboundOutsideHours,
  inboundProtected,
  inboundTransferred,
  outboundBusy,
  T0,
  voicemailForNoAgent,
} from './test-utils/fixtures.ts';

const at = (offset: number): Date => new Date((T0 + offset) * 1000);
const steps = (record: CallRecord) => record.timeline.map((e) => [e.type, e.text]);
const seed = (): CallRecord => toCallRecord(cdrPayload(JSON.parse(repairedSamples.cdrPushSeed)));

describe('toCallRecord: the current doc sample (outbound, numberNotExist)', () => {
  test('outcome, end status, direction and masked numbers', () => {
    expect(seed()).toMatchObject({
      kind: 'call',
      sessionId: '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232',
      sdkAppId: 1400482256,
      direction: 'outbound',
      callTypeLabel: 'Outbound call',
      outcome: 'not_answered',
      endStatus: { raw: 'numberNotExist', code: 205, meaning: 'Number does not exist' },
      hungUpBy: 'agent',
      caller: { raw: '0086400xxx6666', masked: '+86 400***6666' },
      callee: { raw: '0086184xxxx7605', masked: '+86 184****7605' },
      agent: { name: 'Zhang San', email: 'zhangsan@tencent.con', staffNumber: '8546' },
      skillGroup: { id: 2734, name: 'consultant outbound call' },
      location: 'Anshun, Guizhou, China',
      // It has a RecordId, but the customer never answered: nothing worth a Recording button.
      hasRecording: false,
      uui: 'abc',
      remark: '*******7605',
      satisfaction: null,
    } satisfies Partial<CallRecord>);
  });

  test('a recording counts only once the customer was connected (AcceptTimestamp set, or absent and answered)', () => {
    const push = JSON.parse(repairedSamples.cdrPushSeed);
    expect(toCallRecord(cdrPayload({ ...push, AcceptTimestamp: 1677140075 })).hasRecording).toBe(true);
    expect(toCallRecord(cdrPayload({ ...push, AcceptTimestamp: 0 })).hasRecording).toBe(false);
    const { AcceptTimestamp: _, ...noAccept } = push;
    expect(toCallRecord(cdrPayload({ ...noAccept, EndStatusString: 'ok' })).hasRecording).toBe(true);
    expect(toCallRecord(cdrPayload(noAccept)).hasRecording).toBe(false);
  });

  test('durations: the customer rang 9 s and never answered (AcceptTimestamp 0 is "never", not 1970)', () => {
    const record = seed();
    expect(record.durations).toEqual({ ivr: 0, queueWait: 0, ring: 9, talk: 0, total: 13 });
    expect(record.startedAt).toEqual(new Date(1677140068000));
    expect(record.timeline.some((e) => e.at?.getTime() === 0)).toBe(false);
  });

  test('timeline: the agent leg is the originator, so no "rang/answered Zhang San" for it', () => {
    expect(steps(seed())).toEqual([
      ['started', 'Zhang San called +86 184****7605 from +86 400***6666'],
      ['ringing', 'Ringing +86 184****7605'],
      ['ended', 'Call ended: Number does not exist (agent hung up)'],
    ]);
  });

  test('participant matched to SeatUser by UserId despite the .con typo in SeatUser.Mail', () => {
    expect(seed().participants).toEqual([
      expect.objectContaining({
        sequence: 0,
        type: 'miniProgramSeat',
        typeLabel: 'Agent (mini program)',
        name: 'Zhang San',
        email: 'zhangsan@tencent.com',
        answered: true,
        outcome: 'answered',
        hasRecording: true,
      }),
    ]);
  });
});

describe('toCallRecord: the legacy doc sample (outbound, error)', () => {
  const legacy = () => toCallRecord(cdrPayload(JSON.parse(repairedSamples.cdrPushLegacy)));

  test('failed, durations, lower-case survey keys, landline masking', () => {
    const record = legacy();
    expect(record.outcome).toBe('failed');
    expect(record.endStatus).toEqual({ raw: 'error', code: null, meaning: 'System error' });
    expect(record.durations).toEqual({ ivr: 0, queueWait: 0, ring: 12, talk: 0, total: 15 });
    expect(record.satisfaction).toEqual({ key: '1', label: '非常满意' });
    expect(record.caller.masked).toBe('+86 020****7698');
    expect(record.callee.masked).toBe('+86 186****0280');
  });

  test('the untimed survey sits before "ended"', () => {
    expect(legacy().timeline.map((e) => e.type)).toEqual(['started', 'ringing', 'survey', 'ended']);
  });
});

describe('toCallRecord: inbound, queued, missed by one agent, answered, transferred', () => {
  const record = () => toCallRecord(cdrPayload(inboundTransferred));

  test('durations from the timestamps', () => {
    expect(record().durations).toEqual({ ivr: 10, queueWait: 2, ring: 23, talk: 192, total: 227 });
  });

  test('timeline sorted by time from ServeParticipants sorted by Sequence', () => {
    const r = record();
    expect(steps(r)).toEqual([
      ['started', 'Call from +86 138****5678 to +86 755****5678'],
      ['ivr_key', 'Pressed 1 (Sales) in IVR'],
      ['queued', 'Queued in Sales'],
      ['ringing', 'Rang alice@example.com'],
      ['not_answered', 'alice@example.com did not answer'],
      ['ringing', 'Rang zhangsan@example.com'],
      ['answered', 'Answered by zhangsan@example.com'],
      ['transferred', 'Transferred from zhangsan@example.com to Li Si'],
      ['ringing', 'Rang Li Si'],
      ['answered', 'Answered by Li Si'],
      ['survey', 'Satisfaction survey: pressed 1 (Very satisfied)'],
      ['ended', 'Call ended: Normal call (customer hung up)'],
    ]);
    expect(r.timeline[0]?.at).toEqual(at(0));
    expect(r.timeline[1]?.at).toEqual(at(8));
    expect(r.timeline.at(-1)?.at).toEqual(at(227));
  });

  test('participants, transfers, satisfaction, location, IVR keys, recording', () => {
    const r = record();
    expect(r.transfers).toBe(1);
    expect(r.participants.map((p) => [p.sequence, p.email, p.outcome, p.answered])).toEqual([
      [0, 'alice@example.com', 'missed', false],
      [1, 'zhangsan@example.com', 'answered', true],
      [2, 'lisi@example.com', 'answered', true],
    ]);
    expect(r.participants[2]).toMatchObject({ name: 'Li Si', transferredFrom: 'zhangsan@example.com' });
    expect(r).toMatchObject({
      outcome: 'answered',
      hungUpBy: 'customer',
      agent: { name: 'Li Si', staffNumber: '1002' },
      satisfaction: { key: '1', label: 'Very satisfied' },
      location: 'Shenzhen, Guangdong, China',
      ivrKeys: [{ key: '1', label: 'Sales' }],
      hasRecording: true,
      callTypeLabel: 'Inbound call',
    });
  });

  test('a transfer to an external number (no participant for it) is counted once and masked', () => {
    const alice = {
      Mail: 'alice@example.com',
      Sequence: 0,
      StartTimestamp: T0 + 10,
      RingTimestamp: T0 + 12,
      EndedTimestamp: T0 + 27,
      TransferTo: '0013105550199',
    };
    const r = toCallRecord(cdrPayload({ ...inboundTransferred, ServeParticipants: [alice] }));
    expect(r.transfers).toBe(1);
    expect(r.timeline.find((e) => e.type === 'transferred')).toEqual({
      at: at(27),
      type: 'transferred',
      text: 'Transferred from alice@example.com to +1 310***0199',
    });
  });
});

describe('toCallRecord: other outcomes', () => {
  test('missed after 2m 05s in queue', () => {
    const r = toCallRecord(cdrPayload(inboundMissed));
    expect(r.outcome).toBe('missed');
    expect(r.durations).toEqual({ ivr: 15, queueWait: 125, ring: 0, talk: 0, total: 140 });
    expect(r.caller.masked).toBe('+86 138****5678');
    expect(r.timeline.map((e) => e.type)).toEqual(['started', 'queued', 'ended']);
  });

  test('outside working hours: the whole call is IVR', () => {
    const r = toCallRecord(cdrPayload(inboundOutsideHours));
    expect([r.outcome, r.durations.ivr, r.hungUpBy]).toEqual(['outside_hours', 20, 'system']);
  });

  test('outbound busy, with an international callee', () => {
    const r = toCallRecord(cdrPayload(outboundBusy));
    expect([r.outcome, r.callee.masked, r.durations.ring]).toEqual(['not_answered', '+1 415***0134', 6]);
  });

  test('voicemail only when a voicemail push is attached; voiceMailReached stays not_answered', () => {
    expect(toCallRecord(cdrPayload(inboundNoAgent)).outcome).toBe('missed');
    const r = toCallRecord(cdrPayload(inboundNoAgent), { voicemail: voicemailForNoAgent });
    expect(r.outcome).toBe('voicemail');
    expect(r.voicemail).toEqual({ url: 'https://example.invalid/vm.mp3', at: at(60) });
    expect(r.timeline.map((e) => e.type)).toEqual(['started', 'queued', 'voicemail', 'ended']);
    const reached = toCallRecord(cdrPayload({ ...outboundBusy, EndStatusString: 'voiceMailReached' }));
    expect(reached.outcome).toBe('not_answered');
  });

  test('no end status but answered: answered; unknown status: unknown', () => {
    const noStatus = {
      SessionId: 's',
      Direction: 0,
      StartTimestamp: T0,
      AcceptTimestamp: T0 + 1,
      EndedTimestamp: T0 + 9,
    };
    expect(toCallRecord(cdrPayload(noStatus)).outcome).toBe('answered');
    const odd = toCallRecord(cdrPayload({ ...noStatus, EndStatusString: 'quantumTunnel' }));
    expect([odd.outcome, odd.endStatus.meaning]).toEqual(['unknown', 'Unknown end status "quantumTunnel"']);
  });

  test('direction falls back to CallType, then to the end status scenario', () => {
    expect(toCallRecord(cdrPayload({ SessionId: 's', CallType: 5 })).direction).toBe('outbound');
    expect(toCallRecord(cdrPayload({ SessionId: 's', CallType: 3 })).direction).toBe('inbound');
    expect(toCallRecord(cdrPayload({ SessionId: 's', EndStatusString: 'busy' })).direction).toBe('outbound');
    expect(toCallRecord(cdrPayload({ SessionId: 's' })).direction).toBe('inbound');
  });

  test('a minimal push still yields a complete record with "never happened" moments', () => {
    const r = toCallRecord(cdrPayload({ SessionId: 's' }));
    expect(r).toMatchObject({
      startedAt: null,
      endedAt: null,
      agent: null,
      skillGroup: null,
      hasRecording: false,
    });
    expect(r.caller).toEqual({ raw: '', masked: 'unknown' });
    expect(r.durations).toEqual({ ivr: 0, queueWait: 0, ring: 0, talk: 0, total: 0 });
    expect(r.timeline.map((e) => e.type)).toEqual(['started']);
  });

  test('maskNumber option replaces the display form of numbers', () => {
    const r = toCallRecord(cdrPayload(inboundMissed), { maskNumber: (raw) => `<${raw}>` });
    expect(r.caller.masked).toBe('<+86 138 1234 5678>');
  });
});

describe('number protection', () => {
  test('an empty Caller with a ProtectedCaller shows "protected number", never the id', () => {
    const r = toCallRecord(cdrPayload(inboundProtected));
    expect(r.caller).toEqual({ raw: '', masked: 'protected number', protectedId: '139abcdefg' });
    expect(r.callee).toEqual({ raw: '00864001234567', masked: '+86 400***4567' });
    expect(r.timeline[0]?.text).toBe('Call from protected number to +86 400***4567');
    expect(JSON.stringify(r)).not.toContain('unknown');
    // A trusted audience's identity mask still cannot show an empty string for the hidden number.
    expect(toCallRecord(cdrPayload(inboundProtected), { maskNumber: (raw) => raw }).caller.masked).toBe(
      'protected number',
    );
  });

  test('toCallFacts carries the protected forms; blank, over-long or non-string ones are absent', () => {
    expect(toCallFacts(cdrPayload(inboundProtected))).toMatchObject({
      caller: '',
      protectedCaller: '139abcdefg',
      protectedCallee: null,
    });
    for (const odd of ['   ', 'x'.repeat(65), 139, null])
      expect(toCallFacts(cdrPayload({ ...inboundProtected, ProtectedCaller: odd })).protectedCaller).toBe(
        null,
      );
    expect(toCallRecord(cdrPayload({ ...inboundProtected, ProtectedCaller: ' ' })).caller.masked).toBe(
      'unknown',
    );
  });

  test('a number that is present wins over its protected form', () => {
    const r = toCallRecord(cdrPayload({ ...inboundProtected, Caller: '008613912345678' }));
    expect(r.caller).toEqual({ raw: '008613912345678', masked: '+86 139****5678' });
  });
});

describe('toCallRecord: misuse throws CdrParserError', () => {
  test('not a validated push (toCallFacts too)', () => {
    for (const convert of [toCallRecord, toCallFacts])
      for (const bad of [null, {}, { SessionId: '' }, JSON.parse('[]')]) {
        try {
          convert(bad);
          expect.unreachable();
        } catch (error) {
          expect(isCdrParserError(error) && error.code).toBe('cdr_parser_invalid_input');
          expect((error as Error).message).toContain('parsePush(...).push.payload');
        }
      }
  });

  test('a voicemail of another session', () => {
    const payload = cdrPayload(inboundNoAgent);
    expect(() =>
      toCallRecord(payload, { voicemail: { ...voicemailForNoAgent, SessionId: 'other' } }),
    ).toThrowError(/belongs to session other/);
  });

  test('parsePush output feeds toCallRecord directly', () => {
    const result = parsePush({ query: { action: 'cdr', version: '1' }, body: JSON.stringify(outboundBusy) });
    if (!result.ok || result.push.kind !== 'cdr') throw new Error('expected a cdr push');
    expect(toCallRecord(result.push.payload).sessionId).toBe('out-busy');
  });
});
