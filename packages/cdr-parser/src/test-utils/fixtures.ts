import type { CdrPush, ImCdrPush, VoicemailPush } from '@ccc-kit/schemas';
import { parsePush } from '../parse-push.ts';

/**
 * Realistic pushes for scenarios the Tencent samples do not cover (the seeds only hold one outbound call
 * and one legacy outbound call). Field names and value shapes follow tencent-api.md §2.3 and §3.
 */
export const T0: number = 1_700_000_000;

/** A push body as Tencent sends it, before validation. */
export type Wire = Readonly<Record<string, unknown>>;

/** Inbound to Sales: IVR key 1, Alice misses, Zhang San answers, transfers to Li Si; survey answered. */
export const inboundTransferred: Wire = {
  SdkAppId: 1400482256,
  SessionId: 'in-transferred',
  Caller: '008613812345678',
  Callee: '008675512345678',
  Direction: 0,
  CallType: 2,
  Duration: 192,
  SeatUser: { Mail: 'lisi@example.com', Name: 'Li Si', StaffNumber: '1002', UserId: 'lisi@example.com' },
  CallerLocation: 'Shenzhen',
  IVRDuration: 10,
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 10,
  RingTimestamp: T0 + 12,
  AcceptTimestamp: T0 + 35,
  EndedTimestamp: T0 + 227,
  IVRKeyPressed: ['1'],
  IVRKeyPressedEx: [{ Key: '1', Label: 'Sales', Timestamp: (T0 + 8) * 1000 }],
  HungUpSide: 'user',
  EndStatusString: 'ok',
  QueuedSkillGroupId: 11,
  QueuedSkillGroupName: 'Sales',
  RecordId: 'rec-customer',
  PostIVRKeyPressed: [{ Key: '1', Label: 'Very satisfied' }],
  ServeParticipants: [
    {
      Mail: 'lisi@example.com',
      Sequence: 2,
      Type: 'staffSeat',
      StartTimestamp: T0 + 150,
      RingTimestamp: T0 + 151,
      AcceptTimestamp: T0 + 155,
      EndedTimestamp: T0 + 227,
      TransferFrom: 'zhangsan@example.com',
      TransferFromType: 'staffSeat',
      EndStatusString: 'ok',
      SkillGroupId: 11,
      SkillGroupName: 'Sales',
    },
    {
      Mail: 'alice@example.com',
      Sequence: 0,
      Type: 'staffSeat',
      StartTimestamp: T0 + 10,
      RingTimestamp: T0 + 12,
      AcceptTimestamp: 0,
      EndedTimestamp: T0 + 27,
      EndStatusString: 'seatGiveUp',
    },
    {
      Mail: 'zhangsan@example.com',
      Sequence: 1,
      Type: 'staffPhoneSeat',
      StartTimestamp: T0 + 27,
      RingTimestamp: T0 + 28,
      AcceptTimestamp: T0 + 35,
      EndedTimestamp: T0 + 150,
      TransferTo: 'lisi@example.com',
      TransferToType: 'staffSeat',
      RecordId: 'rec-zhangsan',
      EndStatusString: 'ok',
    },
  ],
  TelLocation: { TelNumber: '008613812345678', Country: 'China', Province: 'Guangdong', City: 'Shenzhen' },
};

/** Inbound that waited 2m 05s in the Sales queue and gave up. */
export const inboundMissed: Wire = {
  SessionId: 'in-missed',
  Caller: '+86 138 1234 5678',
  Callee: '008675512345678',
  Direction: 0,
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 15,
  RingTimestamp: 0,
  AcceptTimestamp: 0,
  EndedTimestamp: T0 + 140,
  EndStatusString: 'waitingGiveUp',
  HungUpSide: 'user',
  QueuedSkillGroupId: 11,
  QueuedSkillGroupName: 'Sales',
  ServeParticipants: null,
};

/** Inbound outside working hours: the whole call is the closed-hours IVR message. */
export const inboundOutsideHours: Wire = {
  SessionId: 'in-closed',
  Caller: '008613812345678',
  Callee: '008675512345678',
  Direction: 0,
  StartTimestamp: T0,
  EndedTimestamp: T0 + 20,
  EndStatusString: 'notWorkTime',
  HungUpSide: 'system',
};

/** An outbound call to a busy callee. */
export const outboundBusy: Wire = {
  SessionId: 'out-busy',
  Caller: '008675512345678',
  Callee: '0014155550134',
  Direction: 1,
  CallType: 1,
  SeatUser: { Mail: 'zhangsan@example.com', Name: 'Zhang San', StaffNumber: '1001' },
  StartTimestamp: T0,
  RingTimestamp: T0 + 3,
  AcceptTimestamp: 0,
  EndedTimestamp: T0 + 9,
  EndStatusString: 'busy',
  ServeParticipants: [
    { Mail: 'zhangsan@example.com', Sequence: 0, StartTimestamp: T0, AcceptTimestamp: T0 + 1 },
  ],
};

/** An inbound call nobody could take, followed by a voicemail push of the same session. */
export const inboundNoAgent: Wire = {
  SessionId: 'in-voicemail',
  Caller: '008618486147605',
  Callee: '008675512345678',
  Direction: 0,
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 5,
  EndedTimestamp: T0 + 60,
  EndStatusString: 'noSeatOnline',
};
export const voicemailForNoAgent: VoicemailPush = {
  SessionId: 'in-voicemail',
  Timestamp: T0 + 60,
  RecordURL: 'https://example.invalid/vm.mp3',
  EndpointUser: '008618486147605',
};

/**
 * An inbound call answered with Tencent's number protection on: `Caller` arrives empty and
 * `ProtectedCaller` carries the id the enterprise's mapping gave the number (Tencent's example shape,
 * `139abcdefg`); the hotline called is not protected (`ProtectedCallee` empty).
 */
export const inboundProtected: Wire = {
  SdkAppId: 1400482256,
  SessionId: 'in-protected',
  Caller: '',
  Callee: '00864001234567',
  ProtectedCaller: '139abcdefg',
  ProtectedCallee: '',
  Direction: 0,
  CallType: 2,
  Duration: 60,
  SeatUser: { Mail: 'zhangsan@example.com', Name: 'Zhang San', StaffNumber: '1001' },
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 5,
  RingTimestamp: T0 + 6,
  AcceptTimestamp: T0 + 10,
  EndedTimestamp: T0 + 70,
  EndStatusString: 'ok',
  HungUpSide: 'user',
  QueuedSkillGroupId: 11,
  QueuedSkillGroupName: 'Sales',
};

/** A chat that Shannon (no name in SeatUser) served for 4m 10s. */
export const chatAnswered: Wire = {
  SdkAppId: 1400482256,
  SessionId: 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d',
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 10,
  RingTimestamp: T0 + 12,
  AcceptTimestamp: T0 + 20,
  EndedTimestamp: T0 + 270,
  QueuedSkillGroupId: 3067,
  QueuedSkillGroupName: 'Online customer service',
  Duration: 250,
  IVRDuration: 10,
  EndStatusString: 'ok',
  UserId: '8618655061639',
  UserNickName: 'Shannong',
  IVRKeyPressed: ['2'],
  SeatUser: { Mail: 'shannon@qq.com', Name: '', StaffNumber: '' },
  UserRemark: '',
  ClientData: '{"orderId":"A-1"}',
};

/** Parses a wire object through `parsePush` exactly as the webhook would, and returns the payload. */
export function cdrPayload(wire: object): CdrPush {
  const result = parsePush({ query: '?action=cdr&version=1', body: JSON.stringify(wire) });
  if (!result.ok || result.push.kind !== 'cdr')
    throw new Error(`fixture rejected: ${JSON.stringify(result)}`);
  return result.push.payload;
}

/** Same for IM CDR pushes. */
export function imcdrPayload(wire: object): ImCdrPush {
  const result = parsePush({ query: '?action=imcdr&version=1', body: JSON.stringify(wire) });
  if (!result.ok || result.push.kind !== 'imcdr')
    throw new Error(`fixture rejected: ${JSON.stringify(result)}`);
  return result.push.payload;
}
