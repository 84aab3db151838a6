import { safeParseCdrPush, safeParseImCdrPush } from '@ccc-kit/schemas';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toCallFacts } from './call-facts.ts';
import { toCallRecord } from './call-record.ts';
import { toChatRecord } from './chat-record.ts';
import { parsePush } from './parse-push.ts';
import type { CallRecord, ChatRecord, TimelineEvent } from './record-types.ts';
import { summarize } from './summary.ts';
import { anyString } from './test-utils/any-string.ts';
import { T0 } from './test-utils/fixtures.ts';

/** Timestamps as Tencent sends them (0 = never, close together) plus the odd values the schema allows. */
const ts = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: T0, max: T0 + 600 }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -1e13, max: 1e13 }) },
);
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^(00|\+)?86?1[0-9x*]{6,12}$/));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const key = fc.record(
  { Key: opt(text), Label: opt(text), Timestamp: opt(fc.oneof(ts, fc.nat())) },
  { requiredKeys: [] },
);
const participant = fc.record(
  {
    Mail: opt(fc.oneof(text, fc.emailAddress())),
    Phone: opt(text),
    Sequence: opt(fc.oneof(fc.nat(5), fc.double({ noNaN: true }))),
    StartTimestamp: opt(ts),
    RingTimestamp: opt(ts),
    AcceptTimestamp: opt(ts),
    EndedTimestamp: opt(ts),
    Type: opt(fc.constantFrom('staffSeat', 'outboundSeat', 'staffPhoneSeat', 'miniProgramSeat', 'holoSeat')),
    TransferFrom: opt(text),
    TransferTo: opt(text),
    EndStatusString: opt(fc.constantFrom('ok', 'seatGiveUp', 'busy', 'weird')),
    RecordId: opt(text),
  },
  { requiredKeys: [] },
);
const status = fc.constantFrom(
  'ok',
  'busy',
  'waitingGiveUp',
  'notWorkTime',
  'error',
  'unconnected',
  'new',
  '',
);
const cdr = fc.record(
  {
    SessionId: fc.stringMatching(/^[\w.:-]{1,10}$/),
    Caller: opt(text),
    Callee: opt(text),
    ProtectedCaller: opt(fc.oneof(text, fc.integer())),
    ProtectedCallee: opt(text),
    Direction: opt(fc.oneof(fc.constantFrom(0, 1), fc.integer())),
    CallType: opt(fc.constantFrom(1, 2, 3, 5, 6, 9)),
    StartTimestamp: opt(ts),
    QueuedTimestamp: opt(ts),
    RingTimestamp: opt(ts),
    AcceptTimestamp: opt(ts),
    EndedTimestamp: opt(ts),
    EndStatusString: opt(status),
    HungUpSide: opt(fc.constantFrom('seat', 'user', 'system', 'alien')),
    SeatUser: opt(fc.record({ Name: opt(text), Mail: opt(text), UserId: opt(text) }, { requiredKeys: [] })),
    ServeParticipants: opt(fc.array(participant, { maxLength: 4 })),
    IVRKeyPressed: opt(fc.array(text, { maxLength: 3 })),
    IVRKeyPressedEx: opt(fc.array(key, { maxLength: 3 })),
    PostIVRKeyPressed: opt(fc.array(key, { maxLength: 2 })),
    QueuedSkillGroupName: opt(text),
    TelLocation: opt(fc.record({ City: opt(text), Country: opt(text) }, { requiredKeys: [] })),
    UserRemark: opt(text),
    Uui: opt(text),
  },
  { requiredKeys: ['SessionId'] },
);
const imcdr = fc.record(
  {
    SessionId: fc.stringMatching(/^[\w.:-]{1,10}$/),
    StartTimestamp: opt(ts),
    QueuedTimestamp: opt(ts),
    RingTimestamp: opt(ts),
    AcceptTimestamp: opt(ts),
    EndedTimestamp: opt(ts),
    EndStatusString: opt(fc.constantFrom('ok', 'autoFinished', 'noSeatOnline', 'x')),
    UserId: opt(text),
    UserNickName: opt(text),
    IVRKeyPressed: opt(fc.array(text, { maxLength: 3 })),
    SeatUser: opt(fc.record({ Name: opt(text), Mail: opt(text) }, { requiredKeys: [] })),
  },
  { requiredKeys: ['SessionId'] },
);

/** Facts that hold ids, times and durations, never phone numbers. */
const NOT_PERSONAL = new Set([
  'Session',
  'Started',
  'IVR',
  'Queue wait',
  'Ringing',
  'Talk time',
  'Total',
  'Bot',
  'Waiting for agent',
  'Chat time',
  'Transfers',
]);

function expectWellFormed(record: CallRecord | ChatRecord): void {
  for (const seconds of Object.values(record.durations)) {
    expect(Number.isInteger(seconds) && seconds >= 0).toBe(true);
  }
  const times = record.timeline.flatMap((e: TimelineEvent) => (e.at ? [e.at.getTime()] : []));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  for (const event of record.timeline) expect(event.text).not.toMatch(/\d{7}|[\n\r]/);
  const summary = summarize(record);
  expect(summary.title.length).toBeLessThanOrEqual(150);
  for (const [label, value] of summary.facts) {
    expect(value.length).toBeLessThanOrEqual(300);
    if (!NOT_PERSONAL.has(label)) expect(value, label).not.toMatch(/\d{7}/);
  }
}

describe('properties', () => {
  test('any CDR the schema accepts: durations >= 0, timeline time-ordered, numbers masked, summary bounded', () => {
    fc.assert(
      fc.property(cdr, (wire) => {
        const parsed = safeParseCdrPush(wire);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        expectWellFormed(toCallRecord(parsed.value));
      }),
      { numRuns: 400 },
    );
  });

  test('toCallFacts says exactly what toCallRecord says, with raw numbers and protected forms', () => {
    fc.assert(
      fc.property(cdr, (wire) => {
        const parsed = safeParseCdrPush(wire);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        const facts = toCallFacts(parsed.value);
        const record = toCallRecord(parsed.value);
        const { caller, callee, protectedCaller, protectedCallee, ...rest } = facts;
        expect(record).toMatchObject(rest);
        expect([record.caller.raw, record.callee.raw]).toEqual([caller, callee]);
        // The protected form is shown in place of a number only when the number itself is missing.
        expect(record.caller.protectedId ?? null).toBe(caller.trim() === '' ? protectedCaller : null);
        expect(record.callee.protectedId ?? null).toBe(callee.trim() === '' ? protectedCallee : null);
      }),
      { numRuns: 400 },
    );
  });

  test('any IM CDR the schema accepts: same guarantees', () => {
    fc.assert(
      fc.property(imcdr, (wire) => {
        const parsed = safeParseImCdrPush(wire);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        expectWellFormed(toChatRecord(parsed.value));
      }),
      { numRuns: 200 },
    );
  });

  const seedBytes = Buffer.from(repairedSamples.cdrPushSeed);
  const mutatedSeed = fc
    .tuple(fc.nat(seedBytes.length), fc.uint8Array({ maxLength: 4 }), fc.nat(3))
    .map(([at, insert, drop]) =>
      Buffer.concat([seedBytes.subarray(0, at), insert, seedBytes.subarray(at + drop)]),
    );
  const anyBody = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    anyString({ maxLength: 300 }),
    fc.json({ maxDepth: 4 }),
    mutatedSeed,
  );
  const anyQuery = fc.oneof(
    fc.constantFrom(
      '?action=cdr&version=1',
      '?action=imcdr&version=1',
      '?action=record&version=1',
      '?action=voicemail',
    ),
    fc.string({ maxLength: 30 }),
  );

  test('any byte string yields a result, never an exception', () => {
    fc.assert(
      fc.property(anyQuery, anyBody, (query, body) => {
        const result = parsePush({ query, headers: { 'x-tccc-push-uuid': 'p' }, body });
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.message).not.toMatch(/[\n\r]/);
        else if (result.push.kind === 'cdr') expectWellFormed(toCallRecord(result.push.payload));
        else if (result.push.kind === 'imcdr') expectWellFormed(toChatRecord(result.push.payload));
      }),
      { numRuns: 600 },
    );
  });
});
