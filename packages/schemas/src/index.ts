export * from './ccc/common.ts';
export * from './ccc/session-detail.ts';
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
export type { Parser, SafeParser } from './helpers.ts';
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
