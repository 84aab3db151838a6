import { AsrData, CdrPush, DescribeSessionDetailResponse, PstnSession, TelCdrInfo } from '@ccc-kit/schemas';
import * as v from 'valibot';
import type { CallFixture, Dataset } from '../../dataset/types.ts';

/** The application id used by the CCC emulator tests. */
export const TEST_SDK_APP_ID = 1400000000;

/** What varies between test calls. */
export interface TestCallInput {
  readonly sessionId: string;
  /** Call start, Unix seconds. */
  readonly time: number;
  readonly caller?: string;
  readonly callee?: string;
  /** `false` = offline ASR not enabled for this call. */
  readonly asr?: boolean;
}

/** A small but schema-valid call fixture (every part parsed through `@ccc-kit/schemas`). */
export function makeCall(input: TestCallInput): CallFixture {
  const { sessionId, time, caller = '008613800000000', callee = '008640012345' } = input;
  const common = {
    Caller: caller,
    Callee: callee,
    RingTimestamp: time + 2,
    AcceptTimestamp: time + 5,
    EndedTimestamp: time + 65,
  };
  const asr =
    input.asr === false
      ? null
      : [
          v.parse(AsrData, {
            User: 'agent@example.com',
            Message: 'Hello',
            Start: time * 1000 + 5_000,
            End: time * 1000 + 6_000,
          }),
        ];
  return {
    sessionId,
    telCdr: v.parse(TelCdrInfo, {
      ...common,
      SessionId: sessionId,
      Time: time,
      StartTimestamp: time,
      Direction: 0,
      CallType: 2,
      Duration: 60,
      EndStatus: 1,
      EndStatusString: 'ok',
      AsrStatus: asr ? 'Complete' : 'NotExists',
    }),
    detail: v.parse(v.omit(DescribeSessionDetailResponse, ['RequestId']), {
      ...common,
      CallType: 2,
      StartTimeStamp: time,
      StaffUserId: 'agent@example.com',
      EndStatus: 1,
      HungUpSide: 'user',
    }),
    asr,
    telSession: v.parse(PstnSession, {
      ...common,
      SessionID: sessionId,
      StartTimestamp: time,
      SessionStatus: 'finished',
      Direction: 0,
    }),
    push: v.parse(CdrPush, { ...common, SessionId: sessionId, StartTimestamp: time, EndStatusString: 'ok' }),
    records: [],
    voicemail: null,
  };
}

/** `count` calls one minute apart from `start`, session ids `s-000`, `s-001`, … */
export function makeDataset(count: number, start: number): Dataset {
  const calls = Array.from({ length: count }, (_, i) =>
    makeCall({ sessionId: `s-${String(i).padStart(3, '0')}`, time: start + i * 60, asr: i % 2 === 0 }),
  );
  return { seed: 1, sdkAppId: TEST_SDK_APP_ID, calls, chats: [] };
}

/** An agent leg of a {@link makeLiveCall} call, Unix seconds. */
export interface TestLeg {
  readonly mail: string;
  readonly groupId: number;
  readonly ring: number;
  /** When the agent answered; absent = never. */
  readonly accept?: number;
  readonly end: number;
  /** `ServeParticipant.Type` (default `staffSeat`; `outboundSeat` is an external line). */
  readonly type?: string;
}

/** What shapes a call for the real-time actions: its phases, in Unix seconds. */
export interface LiveCallInput {
  readonly sessionId: string;
  readonly start: number;
  readonly end: number;
  /** 0 inbound (default), 1 outbound. */
  readonly direction?: 0 | 1;
  /** When the call joined the queue of `groupId`; absent = never queued. */
  readonly queued?: number;
  readonly groupId?: number;
  /** The line called (default `008640012345`). */
  readonly callee?: string;
  readonly legs?: readonly TestLeg[];
}

/** A schema-valid call whose CDR tells exactly the given phases and agent legs. */
export function makeLiveCall(input: LiveCallInput): CallFixture {
  const { sessionId, start, end, direction = 0, queued = 0, groupId = 0, legs = [] } = input;
  const base = makeCall({ sessionId, time: start, asr: false });
  const telCdr = v.parse(TelCdrInfo, {
    ...base.telCdr,
    Direction: direction,
    CallType: direction === 0 ? 2 : 1,
    Callee: input.callee ?? '008640012345',
    QueuedTimestamp: queued,
    QueuedSkillGroupId: groupId,
    SkillGroupId: groupId,
    EndedTimestamp: end,
    ServeParticipants: legs.map((leg) => ({
      Mail: leg.mail,
      Type: leg.type ?? 'staffSeat',
      SkillGroupId: leg.groupId,
      StartTimestamp: leg.ring,
      RingTimestamp: leg.ring,
      AcceptTimestamp: leg.accept ?? 0,
      EndedTimestamp: leg.end,
    })),
  });
  return { ...base, telCdr };
}
