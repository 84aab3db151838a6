export * from './ccc/call-in-metrics.ts';
export * from './ccc/call-out-session.ts';
export * from './ccc/common.ts';
export * from './ccc/im-cdr-list.ts';
export * from './ccc/session-detail.ts';
export * from './ccc/staff-info-list.ts';
export * from './ccc/staff-status-metrics.ts';
export * from './ccc/tel-cdr.ts';
export * from './ccc/tel-record-asr.ts';
export * from './ccc/tel-session.ts';
export * from './desk/chat-messages.ts';
export * from './desk/envelope.ts';
export * from './desk/im-cdr-list.ts';
export * from './desk/msg-element.ts';
export * from './desk/session-state.ts';
export * from './enums/call.ts';
export * from './enums/desk.ts';
export * from './enums/end-status.ts';
export * from './enums/staff.ts';
export type { Parser, SafeParser, TolerantSafeParser } from './helpers.ts';
export {
  identifier,
  MAX_ENDPOINT_LENGTH,
  MAX_ID_LENGTH,
  MAX_NUMBER_LENGTH,
  NO_CONTROL_CHARACTERS,
  numberText,
  optNumberText,
} from './limits.ts';
export type { SafeParseResult, SchemaIssue } from './parse.ts';
export {
  describeIssues,
  isSchemaError,
  parseWith,
  SchemaError,
  SchemaErrorCode,
  safeParseWith,
  toSchemaIssues,
} from './parse.ts';
export * from './push/cdr.ts';
export * from './push/imcdr.ts';
export * from './push/recordings.ts';
export { ReliedFields } from './push/relied.ts';
export type { ReliedPaths, TolerantParseResult } from './tolerance.ts';
export { safeParseTolerant } from './tolerance.ts';
export * from './webhook/follow-ups.ts';
export * from './webhook/stats.ts';
