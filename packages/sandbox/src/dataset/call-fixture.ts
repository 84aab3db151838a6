import {
  type AsrData,
  type CdrPush,
  endStatusByName,
  type PstnSession,
  type RecordPush,
  type TelCdrInfo,
} from '@ccc-kit/schemas';
import { holdAndMute, transcript } from './call-extras.ts';
import {
  fullKey,
  ivrSeconds,
  lastAgentLeg,
  participants,
  seatUser,
  shortKey,
  talkSeconds,
} from './call-parts.ts';
import type { CallStory } from './call-story.ts';
import { asrLink, type RecordingLinks, recordingLinks, voicemailLink } from './numbers.ts';
import type { Random } from './random.ts';
import type { CallFixture } from './types.ts';

/** Everything drawn once per call and shared by its surfaces (links, ASR, voicemail). */
interface Media {
  readonly links: ReadonlyMap<string, RecordingLinks>;
  readonly customer: RecordingLinks | undefined;
  readonly asr: AsrData[] | null;
  readonly asrUrl: string;
  readonly voicemailUrls: string[];
  readonly voicemailAsrUrls: string[];
}

function drawMedia(random: Random, sdkAppId: number, story: CallStory): Media {
  const copied = random.chance(0.3);
  const recordings: [string, number][] = story.legs.flatMap((leg) =>
    leg.recordId ? [[leg.recordId, leg.end]] : [],
  );
  if (story.customerRecordId) recordings.unshift([story.customerRecordId, story.end]);
  const links = new Map(recordings.map(([id, at]) => [id, recordingLinks(random, sdkAppId, id, at, copied)]));
  // Offline ASR is enabled for most answered calls; `null` stands for "not enabled" (AsrStatus NotExists).
  const enabled = story.plan.asr ?? random.chance(0.8);
  const asr = story.accept > 0 && enabled ? transcript(random, story) : null;
  const voicemail = story.voicemailSeconds > 0;
  return {
    links,
    customer: story.customerRecordId ? links.get(story.customerRecordId) : undefined,
    asr,
    asrUrl: asr ? asrLink(random, 'cdr') : '',
    voicemailUrls: voicemail ? [voicemailLink(sdkAppId, story.sessionId, story.end)] : [],
    voicemailAsrUrls: voicemail && random.chance(0.5) ? [asrLink(random, 'voicemail')] : [],
  };
}

/** Fields DescribeTelCdr and DescribeSessionDetail share, with their common spellings. */
function shared(story: CallStory) {
  const code = endStatusByName(story.plan.status)?.code;
  return {
    Caller: story.caller,
    Callee: story.callee,
    CallType: story.callType,
    RingTimestamp: story.ring,
    AcceptTimestamp: story.accept,
    EndedTimestamp: story.end,
    QueuedTimestamp: story.queued,
    // Push-only statuses (e.g. `error`) have no numeric code: the field is absent rather than invented.
    ...(code == null ? {} : { EndStatus: code }),
    QueuedSkillGroupId: story.group?.id ?? 0,
    QueuedSkillGroupName: story.group?.name ?? '',
    HungUpSide: story.hungUpSide,
    UUI: story.uui,
  };
}

function telCdr(story: CallStory, media: Media): TelCdrInfo {
  const seat = lastAgentLeg(story);
  const post = story.satisfaction ? [fullKey(story.satisfaction)] : [];
  const { UUI, ...common } = shared(story);
  return {
    ...common,
    SessionId: story.sessionId,
    Time: story.start,
    StartTimestamp: story.start,
    Direction: story.direction,
    Duration: talkSeconds(story),
    RecordURL: media.customer?.apiUrl ?? '',
    RecordId: story.customerRecordId ?? '',
    ...(seat ? { SeatUser: seatUser(seat.agent, 'api') } : {}),
    SkillGroup: story.group?.name ?? '',
    SkillGroupId: story.group?.id ?? 0,
    CallerLocation: story.direction === 0 ? (story.customer?.place ?? '') : '',
    IVRDuration: ivrSeconds(story),
    IVRKeyPressed: story.ivrKeys.map((key) => key.key),
    IVRKeyPressedEx: story.ivrKeys.map(fullKey),
    ServeParticipants: participants(story, media.links, 'api'),
    EndStatusString: story.plan.status,
    PostIVRKeyPressed: post,
    PostIVRKeyPressedEx: post,
    ProtectedCaller: '',
    ProtectedCallee: '',
    Uui: UUI,
    UUI,
    AsrUrl: media.asrUrl,
    AsrStatus: media.asr ? 'Complete' : 'NotExists',
    CustomRecordURL: media.customer?.customUrl ?? '',
    Remark: '',
    VoicemailRecordURL: media.voicemailUrls,
    VoicemailAsrURL: media.voicemailAsrUrls,
    ...(story.ai ? { AIAgentId: story.ai.id, AIAgentName: story.ai.name } : {}),
  };
}

function cdrPush(story: CallStory, sdkAppId: number): CdrPush {
  const seat = lastAgentLeg(story);
  // The push documents no numeric EndStatus: only EndStatusString.
  const { UUI, EndStatus: _code, HungUpSide, ...common } = shared(story);
  return {
    SdkAppId: sdkAppId,
    SessionId: story.sessionId,
    ...common,
    Direction: story.direction,
    Duration: talkSeconds(story),
    ...(seat ? { SeatUser: seatUser(seat.agent, 'push') } : {}),
    CallerLocation: story.direction === 0 ? (story.customer?.place ?? '') : '',
    IVRDuration: ivrSeconds(story),
    StartTimestamp: story.start,
    IVRKeyPressed: story.ivrKeys.map((key) => key.key),
    IVRKeyPressedEx: story.ivrKeys.map(shortKey),
    HungUpSide,
    ServeParticipants: participants(story, new Map(), 'push'),
    EndStatusString: story.plan.status,
    PostIVRKeyPressed: story.satisfaction ? [shortKey(story.satisfaction)] : [],
    RecordId: story.customerRecordId ?? '',
    UserRemark: story.direction === 1 && story.customer ? `*******${story.callee.slice(-4)}` : '',
    Uui: UUI,
    // Lists the push does not carry parse to [] (the fixtures are in parsed form).
    PostIVRKeyPressedEx: [],
    VoicemailRecordURL: [],
    ...(story.customer ? { TelLocation: story.customer.location } : {}),
  };
}

function recordPushes(story: CallStory, sdkAppId: number, media: Media): RecordPush[] {
  const owners: [string, string, number][] = story.legs.flatMap((leg) =>
    leg.recordId ? [[leg.recordId, leg.agent.mail, leg.end]] : [],
  );
  if (story.customerRecordId && story.customer)
    owners.unshift([story.customerRecordId, story.customer.number, story.end]);
  return owners.map(([RecordId, EndpointUser, Timestamp]) => {
    const link = media.links.get(RecordId) as RecordingLinks;
    const base = {
      SdkAppId: sdkAppId,
      RecordId,
      SessionId: story.sessionId,
      Timestamp,
      EndpointUser,
      RecordURL: link.pushUrl,
    };
    return link.customUrl ? { ...base, CustomRecordURL: link.customUrl } : base;
  });
}

function sessionDetail(random: Random, story: CallStory, media: Media): CallFixture['detail'] {
  return {
    ...shared(story),
    StartTimeStamp: story.start,
    StaffUserId: lastAgentLeg(story)?.agent.mail ?? '',
    RecordURL: media.customer?.apiUrl ?? '',
    CustomRecordURL: media.customer?.customUrl ?? '',
    AsrURL: media.asrUrl,
    VoicemailRecordURL: media.voicemailUrls,
    VoicemailAsrURL: media.voicemailAsrUrls,
    IVRKeyPressed: story.ivrKeys.map(fullKey),
    PostIVRKeyPressed: story.satisfaction ? [fullKey(story.satisfaction)] : [],
    Events: holdAndMute(random, story.legs, story.plan.showcase),
    ServeParticipants: participants(story, media.links, 'api'),
  };
}

function pstnSession(random: Random, story: CallStory): PstnSession {
  const seat = lastAgentLeg(story);
  return {
    SessionID: story.sessionId,
    RoomID: String(random.int(10_000_000, 99_999_999)),
    Caller: story.caller,
    Callee: story.callee,
    StartTimestamp: story.start,
    RingTimestamp: story.ring,
    AcceptTimestamp: story.accept,
    StaffEmail: seat?.agent.mail ?? '',
    StaffNumber: seat?.agent.staffNumber ?? '',
    SessionStatus: 'finished',
    Direction: story.direction,
    OutBoundCaller: '',
    OutBoundCallee: '',
    ProtectedCaller: '',
    ProtectedCallee: '',
  };
}

/** Projects a call story onto every surface: API rows, detail, session, pushes, recordings, voicemail. */
export function callFixture(random: Random, sdkAppId: number, story: CallStory): CallFixture {
  const media = drawMedia(random, sdkAppId, story);
  const [RecordURL] = media.voicemailUrls;
  const { sessionId: SessionId, end: Timestamp, caller: EndpointUser } = story;
  return {
    sessionId: story.sessionId,
    telCdr: telCdr(story, media),
    detail: sessionDetail(random, story, media),
    asr: media.asr,
    telSession: pstnSession(random, story),
    push: cdrPush(story, sdkAppId),
    records: recordPushes(story, sdkAppId, media),
    voicemail: RecordURL ? { SdkAppId: sdkAppId, SessionId, Timestamp, RecordURL, EndpointUser } : null,
  };
}
