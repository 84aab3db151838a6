export type { CallFactsOptions } from './call-facts.ts';
export { toCallFacts } from './call-facts.ts';
export type { CallRecordOptions } from './call-record.ts';
export { toCallRecord } from './call-record.ts';
export { callbackUui, missedCallOfUui } from './callback-uui.ts';
export type { ChatOutcomeRow } from './chat-outcomes.ts';
export { CHAT_OUTCOMES, chatOutcomeOf } from './chat-outcomes.ts';
export type { ChatRecordOptions } from './chat-record.ts';
export { toChatRecord } from './chat-record.ts';
export { formatDuration } from './duration.ts';
export { CdrParserError, CdrParserErrorCode, isCdrParserError } from './errors.ts';
export { formatTime, isValidTimeZone } from './format-time.ts';
export { maskNumber, maskText } from './mask.ts';
export { normalizeNumber, normalizeNumberPrefix } from './normalize-number.ts';
export type { OutcomeRow } from './outcomes.ts';
export { OUTCOMES, outcomeOf } from './outcomes.ts';
export { parsePush } from './parse-push.ts';
export { PROTECTED_NUMBER_TEXT } from './protected-number.ts';
export type {
  ParsePushOptions,
  ParsePushResult,
  Push,
  PushHeaders,
  PushKind,
  PushParseError,
  PushQuery,
  PushRequest,
} from './push-types.ts';
export { PushParseErrorCode } from './push-types.ts';
export type {
  AgentInfo,
  CallDirection,
  CallFacts,
  CallOutcome,
  CallParticipant,
  CallRecord,
  ChatOutcome,
  ChatRecord,
  Durations,
  EndStatusInfo,
  Fact,
  IvrKey,
  PhoneNumber,
  Satisfaction,
  Severity,
  SkillGroupRef,
  Summary,
  TimelineEvent,
  TimelineEventType,
} from './record-types.ts';
export type { SummarizeOptions } from './summary.ts';
export { summarize } from './summary.ts';
