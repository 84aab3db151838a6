import type { CallFixture, ChatFixture, Dataset } from '@ccc-kit/sandbox/dataset';
import {
  AsrData,
  CdrPush,
  ChatMessage,
  DescribeSessionDetailResponse,
  DeskImCdr,
  ImCdrPush,
  PstnSession,
  TelCdrInfo,
} from '@ccc-kit/schemas';
import * as v from 'valibot';

// Test-only fixtures: small, schema-valid calls and chats whose every field the assertions can name.

/** CCC application of the tests. */
export const CCC_APP = 1_400_000_000;
/** Desk application of the tests. */
export const DESK_APP = 1_600_000_000;
export const CCC_CREDENTIALS = {
  secretId: 'AKIDslackBotTest0001',
  secretKey: 'slack-bot-test-ccc-key',
} as const;
export const DESK_KEY = 'slack-bot-test-desk-key-0123456789';
/** A signed, time-limited link the bot must hand out fresh and never store. */
export const RECORD_URL = 'https://ccc-record.example.com/rec/abc.mp3?sign=SIGNED-24H';

/** Bob's phone: he took the transferred call on a phone line (`staffPhoneSeat`), not at a workstation. */
export const AGENT_PHONE = '008613900001111';

/** Inputs of {@link callFixture}. */
export interface CallInput {
  readonly sessionId: string;
  /** Start, Unix seconds. */
  readonly time: number;
  /** Sentences of the speech transcript; `null` when offline ASR is not enabled. */
  readonly asr?: readonly { user: string; message: string; offset: number }[] | null;
  /** The CDR's `AsrStatus` (default `Complete` with sentences, `NotExists` without). */
  readonly asrStatus?: 'Complete' | 'Processing' | 'NotExists';
  /** Nobody answered: no accept time, no talk. */
  readonly unanswered?: boolean;
}

/** The agents of every fixture call: Ann at her workstation, then Bob on his phone after a transfer. */
function cdrAgents(time: number, unanswered: boolean) {
  if (unanswered) return {};
  return {
    SeatUser: { Name: 'Bob', Mail: 'bob@example.com', StaffNumber: '1002', Phone: AGENT_PHONE },
    ServeParticipants: [
      { Mail: 'ann@example.com', Type: 'staffSeat', AcceptTimestamp: time + 25, EndedTimestamp: time + 150 },
      {
        Mail: 'bob@example.com',
        Phone: AGENT_PHONE,
        Type: 'staffPhoneSeat',
        TransferFrom: 'ann@example.com',
        AcceptTimestamp: time + 150,
        EndedTimestamp: time + 265,
      },
    ],
  };
}

/** An inbound call: queued 20 s, talked 4 min, one hold, a transfer, IVR keys and a satisfaction key. */
export function callFixture(input: CallInput): CallFixture {
  const { sessionId, time, asr = null, unanswered = false } = input;
  const times = {
    RingTimestamp: time + 22,
    AcceptTimestamp: unanswered ? 0 : time + 25,
    EndedTimestamp: time + 265,
  };
  const numbers = { Caller: '008613812345678', Callee: '008640012345' };
  return {
    sessionId,
    telCdr: v.parse(TelCdrInfo, {
      ...numbers,
      ...times,
      ...cdrAgents(time, unanswered),
      SessionId: sessionId,
      Time: time,
      StartTimestamp: time,
      Direction: 0,
      CallType: 2,
      Duration: unanswered ? 0 : 240,
      EndStatus: 1,
      EndStatusString: 'ok',
      AsrStatus: input.asrStatus ?? (asr ? 'Complete' : 'NotExists'),
    }),
    detail: v.parse(v.omit(DescribeSessionDetailResponse, ['RequestId']), {
      ...numbers,
      ...times,
      CallType: 2,
      StartTimeStamp: time,
      QueuedTimestamp: time + 5,
      StaffUserId: 'ann@example.com',
      EndStatus: 1,
      QueuedSkillGroupId: 203,
      QueuedSkillGroupName: 'Billing',
      RecordURL: RECORD_URL,
      HungUpSide: 'user',
      IVRKeyPressed: [{ Key: '2', Label: 'Billing', Timestamp: (time + 3) * 1000 }],
      PostIVRKeyPressed: [{ Key: '1', Label: 'Very satisfied', Timestamp: (time + 270) * 1000 }],
      Events: [
        {
          Timestamp: time + 60,
          EventType: 'StaffHold',
          StaffEventDetail: { Staffs: [{ Mail: 'ann@example.com' }] },
        },
        {
          Timestamp: time + 90,
          EventType: 'StaffUnhold',
          StaffEventDetail: { Staffs: [{ Mail: 'ann@example.com' }] },
        },
      ],
      ServeParticipants: [
        { Mail: 'ann@example.com', Type: 'staffSeat', Sequence: 0, StartTimestamp: time + 22, ...times },
        {
          Mail: 'bob@example.com',
          Type: 'staffSeat',
          Sequence: 1,
          TransferFrom: 'ann@example.com',
          AcceptTimestamp: time + 150,
          EndedTimestamp: time + 265,
        },
      ],
    }),
    asr: asr
      ? asr.map((s) =>
          v.parse(AsrData, {
            User: s.user,
            Message: s.message,
            Start: (time + s.offset) * 1000,
            End: (time + s.offset + 2) * 1000,
          }),
        )
      : null,
    telSession: v.parse(PstnSession, {
      ...numbers,
      ...times,
      SessionID: sessionId,
      StartTimestamp: time,
      SessionStatus: 'finished',
      Direction: 0,
    }),
    push: v.parse(CdrPush, {
      ...numbers,
      ...times,
      SessionId: sessionId,
      StartTimestamp: time,
      EndStatusString: 'ok',
    }),
    records: [],
    voicemail: null,
  };
}

/** Inputs of {@link chatFixture}. */
export interface ChatInput {
  readonly sessionId: string;
  /** Session time, Unix seconds. */
  readonly time: number;
  readonly messages?: number;
  readonly clientUserId?: string;
  readonly customerServiceId?: string;
  readonly state?: ChatFixture['state'];
  readonly stars?: number;
  /** The customer's nickname in the session list (default `Customer`). */
  readonly nickname?: string;
  /** Still open: Desk lists it without an end status. */
  readonly open?: boolean;
}

/** A chat whose messages alternate customer/agent, one second apart, oldest first. */
export function chatFixture(input: ChatInput): ChatFixture {
  const { sessionId, time, clientUserId = `user-${sessionId}` } = input;
  const messages = Array.from({ length: input.messages ?? 4 }, (_, i) =>
    v.parse(ChatMessage, {
      FromAccount: i % 2 === 0 ? clientUserId : 'ann@example.com',
      FromAccountRole: i % 2 === 0 ? 1 : 2,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `message ${i + 1}` } }],
      Timestamp: (time + i) * 1000,
    }),
  );
  return {
    sessionId,
    imCdr: v.parse(DeskImCdr, {
      SessionId: sessionId,
      ClientUserId: clientUserId,
      ClientUserNickName: input.nickname ?? 'Customer',
      AgentId: 'ann@example.com',
      AgentGroupName: 'Online support',
      Duration: 180,
      EndStatus: input.open ? '' : 'AgentEndedSession',
      SatisfactionSelected: input.stars ?? 5,
      Timestamp: time,
    }),
    messages,
    state: input.state ?? {},
    clientUserId,
    customerServiceId: input.customerServiceId ?? '@cs',
    push: v.parse(ImCdrPush, { SessionId: sessionId }),
  };
}

/** A dataset of the given calls and chats for both emulators. */
export const datasetOf = (calls: readonly CallFixture[], chats: readonly ChatFixture[]): Dataset => ({
  seed: 1,
  sdkAppId: CCC_APP,
  calls,
  chats,
});
