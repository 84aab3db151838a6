import type {
  AsrData,
  CdrPush,
  ChatMessage,
  DescribeSessionDetailResponse,
  DeskImCdr,
  GetSessionStateResponse,
  ImCdrPush,
  PstnSession,
  RecordPush,
  TelCdrInfo,
  VoicemailPush,
} from '@ccc-kit/schemas';
import type { DatasetAgent, DatasetSkillGroup } from './catalog.ts';
import type { CompanyLines } from './numbers.ts';

/**
 * `T` without the keys `K`. Unlike `Omit`, it keeps the known keys of loose object types (`Omit` over a type
 * with an index signature leaves only the index signature, typing every field `unknown`).
 */
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/** One voice call as every emulated surface sees it: the same call in the API answers and in the pushes. */
export interface CallFixture {
  readonly sessionId: string;
  /** The row DescribeTelCdr returns. */
  readonly telCdr: TelCdrInfo;
  /** DescribeSessionDetail's `Response` without `RequestId` (the emulator adds a fresh one). */
  readonly detail: Without<DescribeSessionDetailResponse, 'RequestId'>;
  /** DescribeTelRecordAsr sentences; `null` when offline ASR is not enabled for this call. */
  readonly asr: readonly AsrData[] | null;
  /** DescribeTelSession's `Session`. */
  readonly telSession: PstnSession;
  /** What Tencent pushes with `?action=cdr`. */
  readonly push: CdrPush;
  /** Recording pushes (`?action=record`), one per participant recording. */
  readonly records: readonly RecordPush[];
  /** The voicemail push (`?action=voicemail`), when the caller left one. */
  readonly voicemail: VoicemailPush | null;
}

/** One Desk chat session. */
export interface ChatFixture {
  readonly sessionId: string;
  /** The row describe_im_cdr_list returns. */
  readonly imCdr: DeskImCdr;
  /** Every message, oldest first. */
  readonly messages: readonly ChatMessage[];
  /** get_session_state fields for this session (`CurrentState`, `AgentId`). */
  readonly state: Pick<GetSessionStateResponse, 'CurrentState' | 'AgentId'>;
  readonly clientUserId: string;
  readonly customerServiceId: string;
  /** What Tencent pushes with `?action=imcdr`. */
  readonly push: ImCdrPush;
}

/** A deterministic day (or any range) of contact-center activity. */
export interface Dataset {
  readonly seed: number;
  readonly sdkAppId: number;
  readonly calls: readonly CallFixture[];
  /**
   * Inbound calls in progress at the end of the range: only the live metrics count them (no CDR, no push,
   * no DescribeTelCdr row until they end). Absent: none.
   */
  readonly liveCalls?: readonly CallFixture[];
  readonly chats: readonly ChatFixture[];
  /**
   * The agents the data was generated with (DescribeStaffInfoList lists them; CreateCallOutSession dials
   * for them). Absent from hand-built datasets: the emulator then knows no agent.
   */
  readonly agents?: readonly DatasetAgent[];
  /** The skill groups the agents belong to, with their ids. */
  readonly skillGroups?: readonly DatasetSkillGroup[];
  /** The contact center's own numbers: `hotline` (inbound calls) and `outbound` (the caller of outbound calls). */
  readonly lines?: CompanyLines;
}

/**
 * What `generateDataset` returns: a {@link Dataset} that always carries the agents, skill groups and company
 * numbers it was generated with.
 */
export type GeneratedDataset = Dataset & Required<Pick<Dataset, 'agents' | 'skillGroups' | 'lines'>>;
