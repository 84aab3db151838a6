import * as v from 'valibot';
import {
  optNumber,
  optString,
  parser,
  rootObject,
  safeParser,
  tolerantParser,
  tolerantSafeParser,
} from '../helpers.ts';
import { identifier, MAX_ENDPOINT_LENGTH, numberText } from '../limits.ts';
import { ReliedFields } from './relied.ts';

/**
 * `EndpointUser` is documented as a string, but the voicemail sample sends a JSON number
 * (`13123456789`): numbers are accepted and kept as their decimal string.
 */
const endpointUser = v.nullish(
  v.pipe(
    v.union([v.string(), v.pipe(v.number(), v.transform(String))]),
    numberText('EndpointUser', MAX_ENDPOINT_LENGTH),
  ),
);

/** The recording data push (`?action=record&version=1`): one per participant recording of a call. */
export const RecordPush = rootObject({
  SdkAppId: optNumber(),
  RecordId: identifier('RecordId'),
  SessionId: identifier('SessionId'),
  /** Recording generation time, Unix seconds. */
  Timestamp: optNumber(),
  /** The customer's number or the agent's email. */
  EndpointUser: endpointUser,
  /** Recording link (free storage 3 months). */
  RecordURL: optString(),
  /** Copy in the customer's COS bucket, when enabled. */
  CustomRecordURL: optString(),
});
/** Output type of {@link RecordPush}. */
export type RecordPush = v.InferOutput<typeof RecordPush>;

/** The voicemail data push (`?action=voicemail`, no `version` in the docs). */
export const VoicemailPush = rootObject({
  SdkAppId: optNumber(),
  SessionId: identifier('SessionId'),
  Timestamp: optNumber(),
  RecordURL: v.pipe(v.string(), v.minLength(1, 'RecordURL must not be empty')),
  /** The caller's number. */
  EndpointUser: endpointUser,
});
/** Output type of {@link VoicemailPush}. */
export type VoicemailPush = v.InferOutput<typeof VoicemailPush>;

/** The reply Tencent expects from a push receiver; `ErrCode: 0` means stored, anything else is retried. */
export const PushReply = v.object({ ErrCode: v.number(), ErrMsg: v.string() });
/** Output type of {@link PushReply}. */
export type PushReply = v.InferOutput<typeof PushReply>;

/** Parses a recording push body, throwing `SchemaError`; wrong values outside the relied fields are dropped. */
export const parseRecordPush = tolerantParser(RecordPush, ReliedFields.RecordPush, 'recording push');
/** Parses a recording push body into a result value, with one warning per dropped field. */
export const safeParseRecordPush = tolerantSafeParser(RecordPush, ReliedFields.RecordPush);
/** Parses a voicemail push body, throwing `SchemaError`; wrong values outside the relied fields are dropped. */
export const parseVoicemailPush = tolerantParser(VoicemailPush, ReliedFields.VoicemailPush, 'voicemail push');
/** Parses a voicemail push body into a result value, with one warning per dropped field. */
export const safeParseVoicemailPush = tolerantSafeParser(VoicemailPush, ReliedFields.VoicemailPush);
/** Parses a push reply, throwing `SchemaError`. */
export const parsePushReply = parser(PushReply, 'push reply');
/** Parses a push reply into a result value. */
export const safeParsePushReply = safeParser(PushReply);
