import { callbackUui, type Push, parsePush } from '@ccc-kit/cdr-parser';

/**
 * Real push bodies for the hand-computed fixtures: Tencent's two CDR push samples (repaired JSON, as
 * `@ccc-kit/schemas/fixtures` keeps them) and cdr-parser's realistic pushes for the scenarios the samples do
 * not cover (inbound, missed, voicemail, chats). They go through `parsePush` exactly as the webhook's do.
 */
export const T0 = 1_700_000_000; // 2023-11-14 22:13:20 UTC, 06:13:20 in Asia/Shanghai

type Wire = Readonly<Record<string, unknown>>;

/** The current doc page's CDR push sample (one missing comma added): outbound, `numberNotExist`. */
export const docSeed = `{"SessionId":"99a1c8f8-eb3d-4xxx-8401-5f6aa8761232","Caller":"0086400xxx6666","Callee":"0086184xxxx7605",
"Direction":1,"Duration":0,"SeatUser":{"Mail":"zhangsan@tencent.con","Name":"Zhang San","Nick":"Youyou","Phone":"",
"UserId":"zhangsan@tencent.com","StaffNumber":"8546","SkillGroupNameList":["consultant outbound call"]},"CallerLocation":"",
"IVRDuration":0,"RingTimestamp":1677140072,"AcceptTimestamp":0,"EndedTimestamp":1677140081,"IVRKeyPressed":null,
"IVRKeyPressedEx":null,"HungUpSide":"seat","ServeParticipants":[{"Mail":"zhangsan@tencent.com","Phone":"",
"RingTimestamp":1677140068,"AcceptTimestamp":1677140069,"EndedTimestamp":1677140081,"RecordId":"dbe87035-019c-4xxx-bf4f-c29701ad315d",
"Type":"miniProgramSeat","TransferFrom":"","TransferFromType":"","TransferTo":"","TransferToType":"","SkillGroupId":2734,
"EndStatusString":"ok","Sequence":0,"StartTimestamp":1677140068,"SkillGroupName":"consultant outbound call","SkillGroupPriority":0}],
"EndStatusString":"numberNotExist","StartTimestamp":1677140068,"QueuedTimestamp":0,"PostIVRKeyPressed":null,
"QueuedSkillGroupId":2734,"QueuedSkillGroupName":"consultant outbound call","SdkAppId":1400482256,
"RecordId":"f65472d9-400a-4xxx-a51f-a49a55dab99a","UserRemark":"*******7605","Uui":"abc",
"TelLocation":{"TelNumber":"008618486147605","Country":"China","Province":"Guizhou","City":"Anshun","Operator":"mobile"}}`;

/** The older doc page's sample (masked SdkAppId repaired; duplicate `Duration` kept): outbound, `error`. */
export const docLegacy = `{"SdkAppId":1400000214,"SessionId":"e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55","QueuedSkillGroupId":1072,
"Direction":1,"StartTimestamp":1608130636,"RingTimestamp":1608130639,"AcceptTimestamp":0,"EndedTimestamp":1608130651,
"Duration":15,"Duration":0,"EndStatusString":"error","HungUpSide":"seat","Caller":"008602066247698","Callee":"008618621520280",
"IVRKeyPressed":null,"PostIVRKeyPressed":[{"key":"1","label":"非常满意"}],"SeatUser":{"Mail":"lululing@tencent.com",
"Name":"lululing","Nick":"璐璐","Phone":"","UserId":"lululing@tencent.com","StaffNumber":"007","SkillGroupNameList":["lulu"]},
"ServeParticipants":[{"Mail":"lululing@tencent.com","Phone":"","RecordId":"1608130636","StartTimestamp":1608130636,
"RingTimestamp":1608130639,"AcceptTimestamp":0,"EndedTimestamp":1608130651,"Type":"staffSeat"}]}`;

const HOTLINE = '008675512345678';
const sales = { QueuedSkillGroupId: 11, QueuedSkillGroupName: 'Sales' };

/** Inbound to Sales: queued at +10, first agent ring at +12 (Alice, no answer), Zhang San answers at +35, Li Si ends at +227. */
export const inboundTransferred: Wire = {
  SessionId: 'in-transferred',
  Caller: '008613812345678',
  Callee: HOTLINE,
  Direction: 0,
  SeatUser: { Mail: 'lisi@example.com', Name: 'Li Si', StaffNumber: '1002', UserId: 'lisi@example.com' },
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 10,
  RingTimestamp: T0 + 12,
  AcceptTimestamp: T0 + 35,
  EndedTimestamp: T0 + 227,
  EndStatusString: 'ok',
  ...sales,
};

/** Inbound that waited in the Sales queue from +15 and gave up at +140. */
export const inboundMissed: Wire = {
  SessionId: 'in-missed',
  Caller: '+86 138 1234 5678',
  Callee: HOTLINE,
  Direction: 0,
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 15,
  EndedTimestamp: T0 + 140,
  EndStatusString: 'waitingGiveUp',
  ...sales,
};

/** Inbound outside working hours. */
export const inboundOutsideHours: Wire = {
  SessionId: 'in-closed',
  Caller: '008613812345678',
  Callee: HOTLINE,
  Direction: 0,
  StartTimestamp: T0,
  EndedTimestamp: T0 + 20,
  EndStatusString: 'notWorkTime',
};

/** Inbound, no agent online (queued +5, ended +60); a voicemail push of the same session follows. */
export const inboundNoAgent: Wire = {
  SessionId: 'in-voicemail',
  Caller: '008618486147605',
  Callee: HOTLINE,
  Direction: 0,
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 5,
  EndedTimestamp: T0 + 60,
  EndStatusString: 'noSeatOnline',
};
export const voicemailForNoAgent: Wire = {
  SessionId: 'in-voicemail',
  Timestamp: T0 + 60,
  RecordURL: 'https://example.invalid/vm.mp3',
  EndpointUser: '008618486147605',
};

/** Inbound with number protection, answered by Zhang San 5 s after queueing (queued +5, ring +6, answer +10, end +70). */
export const inboundProtected: Wire = {
  SessionId: 'in-protected',
  Caller: '',
  Callee: '00864001234567',
  ProtectedCaller: '139abcdefg',
  Direction: 0,
  SeatUser: { Mail: 'zhangsan@example.com', Name: 'Zhang San', StaffNumber: '1001' },
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 5,
  RingTimestamp: T0 + 6,
  AcceptTimestamp: T0 + 10,
  EndedTimestamp: T0 + 70,
  EndStatusString: 'ok',
  ...sales,
};

/** Zhang San calls back the missed call from Slack (`Uui` = callbackUui), answered at +8, ended at +98. */
export const outboundCallback: Wire = {
  SessionId: 'out-callback',
  Caller: HOTLINE,
  Callee: '+86 138 1234 5678',
  Direction: 1,
  SeatUser: { Mail: 'zhangsan@example.com', Name: 'Zhang San', StaffNumber: '1001' },
  StartTimestamp: T0 + 3_600,
  RingTimestamp: T0 + 3_603,
  AcceptTimestamp: T0 + 3_608,
  EndedTimestamp: T0 + 3_698,
  EndStatusString: 'ok',
  Uui: callbackUui('in-missed'),
  ...sales,
};

/** Shannon's chat (the Desk sample's session): queued +10, offered +12, accepted +20, ended +270. */
export const chatAnswered: Wire = {
  SessionId: 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d',
  StartTimestamp: T0,
  QueuedTimestamp: T0 + 10,
  RingTimestamp: T0 + 12,
  AcceptTimestamp: T0 + 20,
  EndedTimestamp: T0 + 270,
  QueuedSkillGroupId: 3067,
  QueuedSkillGroupName: 'Online customer service',
  EndStatusString: 'ok',
  UserId: '8618655061639',
  SeatUser: { Mail: 'shannon@qq.com', Name: '', StaffNumber: '' },
};

/** Chats of the other endings, all in the same skill group, no agent. */
export const chatBot: Wire = {
  SessionId: 'chat-bot',
  StartTimestamp: T0,
  EndedTimestamp: T0 + 40,
  EndStatusString: 'ivrEnd',
};
export const chatNoAgent: Wire = {
  SessionId: 'chat-no-agent',
  StartTimestamp: T0 + 60,
  QueuedTimestamp: T0 + 70,
  EndedTimestamp: T0 + 75,
  QueuedSkillGroupId: 3067,
  QueuedSkillGroupName: 'Online customer service',
  EndStatusString: 'noSeatOnline',
};
export const chatSilent: Wire = {
  SessionId: 'chat-silent',
  StartTimestamp: T0 + 7_200,
  EndedTimestamp: T0 + 7_500,
  EndStatusString: 'autoFinished',
};

type PayloadOf<K extends Push['kind']> = Extract<Push, { kind: K }>['payload'];

/** The payload of a push body (object or text) of `action`, as `parsePush` returns it to the webhook. */
export function payloadOf<K extends 'cdr' | 'imcdr' | 'voicemail'>(
  action: K,
  body: Wire | string,
): PayloadOf<K> {
  const result = parsePush({
    query: `?action=${action}&version=1`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!result.ok || result.push.kind !== action)
    throw new Error(`fixture rejected: ${JSON.stringify(result)}`);
  return result.push.payload as PayloadOf<K>;
}
