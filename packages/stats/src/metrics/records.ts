import type {
  AgentInfo,
  CallDirection,
  CallOutcome,
  ChatOutcome,
  Durations,
  PhoneNumber,
  SkillGroupRef,
} from '@ccc-kit/cdr-parser';

/** The durations the metrics read: queue wait, agent ring and talk, whole seconds. */
export type StatsDurations = Pick<Durations, 'queueWait' | 'ring' | 'talk'>;

/**
 * What the call metrics read from a call: the fields cdr-parser's `CallRecord` (`toCallRecord`) and
 * `CallFacts` (`toCallFacts`, cheap enough for every push) both have, so either can be fed as is. Numbers
 * are raw strings (`CallFacts`) or `{ raw }` (`CallRecord`). `uui` is only on `CallRecord`: to count
 * callbacks from facts, add the push's `Uui` (`{ ...toCallFacts(cdr), uui: cdr.Uui }`).
 */
export interface StatsCall {
  readonly direction: CallDirection;
  readonly outcome: CallOutcome;
  /** `EndStatusString` verbatim: the cause of a missed call. */
  readonly endStatus: { readonly raw: string | null };
  readonly skillGroup: SkillGroupRef | null;
  readonly agent: AgentInfo | null;
  /** `StartTimestamp`: the `byHour` row. */
  readonly startedAt: Date | null;
  readonly durations: StatsDurations;
  readonly caller: string | Pick<PhoneNumber, 'raw'>;
  readonly callee: string | Pick<PhoneNumber, 'raw'>;
  /** `Uui`: a callback started from Slack carries `callbackUui(...)` here. */
  readonly uui?: string | null | undefined;
}

/**
 * What the chat metrics read from a chat: cdr-parser's `ChatRecord` (`toChatRecord`) fits as is. The IM CDR
 * push carries no rating, so `satisfaction` is optional: join it from Desk's `describe_im_cdr_list`
 * (`SatisfactionSelected`, 1–5 stars) by `SessionId` when you have it (`{ ...toChatRecord(push), satisfaction }`).
 */
export interface StatsChat {
  readonly outcome: ChatOutcome;
  /** IM `EndStatusString` verbatim: the cause of a missed chat. */
  readonly endStatus: { readonly raw: string | null };
  readonly skillGroup: SkillGroupRef | null;
  readonly agent: AgentInfo | null;
  readonly startedAt: Date | null;
  readonly durations: StatsDurations;
  /** The customer's rating, higher is better (Desk: 1–5 stars); absent, `null` or not finite: not rated. */
  readonly satisfaction?: number | null | undefined;
}
