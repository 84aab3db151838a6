import * as v from 'valibot';
import { SeatUserInfo } from '../ccc/common.ts';
import type { ImEndStatus } from '../enums/desk.ts';
import { list, openString, optNumber, optString, parser, rootObject, safeParser } from '../helpers.ts';

/** The IM (online chat) CDR data push (`?action=imcdr&version=1`), sent when a chat session ends. */
export const ImCdrPush = rootObject({
  SdkAppId: optNumber(),
  SessionId: v.pipe(v.string(), v.minLength(1, 'SessionId must not be empty')),
  StartTimestamp: optNumber(),
  QueuedTimestamp: optNumber(),
  /** First ring, Unix seconds. */
  RingTimestamp: optNumber(),
  /** First answer, Unix seconds. */
  AcceptTimestamp: optNumber(),
  EndedTimestamp: optNumber(),
  QueuedSkillGroupId: optNumber(),
  QueuedSkillGroupName: optString(),
  Duration: optNumber(),
  IVRDuration: optNumber(),
  /** e.g. `ok`, `autoFinished`, `noSeatOnline`. */
  EndStatusString: v.nullish(openString<ImEndStatus>()),
  /** Customer id. */
  UserId: optString(),
  UserNickName: optString(),
  IVRKeyPressed: list(v.string()),
  SeatUser: v.nullish(SeatUserInfo),
  UserRemark: optString(),
  ClientData: optString(),
});
/** Output type of {@link ImCdrPush}. */
export type ImCdrPush = v.InferOutput<typeof ImCdrPush>;

/** Parses an IM CDR push body, throwing `SchemaError`. */
export const parseImCdrPush = parser(ImCdrPush, 'IM CDR push');
/** Parses an IM CDR push body into a result value. */
export const safeParseImCdrPush = safeParser(ImCdrPush);
