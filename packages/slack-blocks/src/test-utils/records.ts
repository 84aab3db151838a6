import { type CallRecord, type ChatRecord, toCallRecord, toChatRecord } from '@ccc-kit/cdr-parser';
import {
  type CdrPush,
  type DescribeSessionDetailResponse,
  type ImCdrPush,
  parseCdrPush,
  parseDescribeSessionDetailResponse,
  parseImCdrPush,
  type ServeParticipant,
} from '@ccc-kit/schemas';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';

/** The current doc page's CDR push sample (outbound, number does not exist). */
export const seedCdr: CdrPush = parseCdrPush(JSON.parse(repairedSamples.cdrPushSeed));
/** The older doc's CDR push sample (error status, lower-case survey keys). */
export const legacyCdr: CdrPush = parseCdrPush(JSON.parse(repairedSamples.cdrPushLegacy));
/** The DescribeSessionDetail doc sample's `Response`. */
export const seedDetail: DescribeSessionDetailResponse = parseDescribeSessionDetailResponse(
  JSON.parse(samples.cccSessionDetailResponse).Response,
);
/** The session id of {@link seedDetail} (from the request sample). */
export const seedDetailSessionId = '0f507d5d-e1e4-436e-a655-1d6c75a79b4f';

/**
 * An IM CDR push with the values of the Desk record sample (Shannon, 山浓, group 3067): Tencent prints no
 * IM push sample, so the seed chat is carried over field by field.
 */
export const seedImCdr: ImCdrPush = parseImCdrPush({
  SdkAppId: 1400000000,
  SessionId: 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d',
  StartTimestamp: 1730443120,
  QueuedTimestamp: 1730443122,
  RingTimestamp: 1730443124,
  AcceptTimestamp: 1730443126,
  EndedTimestamp: 1730443136,
  QueuedSkillGroupId: 3067,
  QueuedSkillGroupName: '在线客服',
  Duration: 10,
  IVRDuration: 2,
  EndStatusString: 'ok',
  UserId: '1299314544',
  UserNickName: '山浓',
  IVRKeyPressed: [],
  SeatUser: { Mail: 'shannon@qq.com', UserId: 'shannon@qq.com', Name: 'Shannon', SkillGroupNameList: [] },
});

export const seedCallRecord = (): CallRecord => toCallRecord(seedCdr);
export const seedChatRecord = (): ChatRecord => toChatRecord(seedImCdr);

/** An inbound call the caller gave up on while queued: nobody answered, no agent at all. */
export const missedNoAgentCdr: CdrPush = parseCdrPush({
  SessionId: 'c0ffee00-0000-4000-8000-000000000001',
  Caller: '008613812345678',
  Callee: '00864001234567',
  Direction: 0,
  CallType: 2,
  StartTimestamp: 1763632800,
  QueuedTimestamp: 1763632830,
  EndedTimestamp: 1763632955,
  EndStatusString: 'waitingGiveUp',
  HungUpSide: 'user',
  QueuedSkillGroupId: 7,
  QueuedSkillGroupName: 'Support',
  ServeParticipants: [],
});

/** `count` agent legs, each transferring to the next: a call with `count - 1` transfers. */
export function transferChain(count: number, start: number): ServeParticipant[] {
  return Array.from({ length: count }, (_, i) => ({
    Mail: `agent${i}@example.com`,
    Phone: '',
    Type: 'staffSeat',
    Sequence: i,
    StartTimestamp: start + i * 60,
    RingTimestamp: start + i * 60 + 2,
    AcceptTimestamp: start + i * 60 + 5,
    EndedTimestamp: start + i * 60 + 60,
    TransferFrom: i === 0 ? '' : `agent${i - 1}@example.com`,
    TransferFromType: i === 0 ? '' : 'staffSeat',
    TransferTo: i === count - 1 ? '' : `agent${i + 1}@example.com`,
    TransferToType: i === count - 1 ? '' : 'staffSeat',
    SkillGroupId: 7,
    SkillGroupName: 'Support',
    EndStatusString: i === count - 1 ? 'ok' : 'seatForward',
    RecordId: `rec-${i}`,
  }));
}
