import * as v from 'valibot';
import { SeatUserInfo } from '../ccc/common.ts';
import type { ImEndStatus } from '../enums/desk.ts';
import {
  list,
  openString,
  optNumber,
  optString,
  rootObject,
  tolerantParser,
  tolerantSafeParser,
} from '../helpers.ts';
import { identifier, optNumberText } from '../limits.ts';
import { ReliedFields } from './relied.ts';

/** The IM (online chat) CDR data push (`?action=imcdr&version=1`), sent when a chat session ends. */
export const ImCdrPush = rootObject({
  SdkAppId: optNumber(),
  SessionId: identifier('SessionId'),
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
  UserId: optNumberText('UserId'),
  UserNickName: optString(),
  IVRKeyPressed: list(v.string()),
  SeatUser: v.nullish(SeatUserInfo),
  UserRemark: optString(),
  ClientData: optString(),
});
/** Output type of {@link ImCdrPush}. */
export type ImCdrPush = v.InferOutput<typeof ImCdrPush>;

/** Parses an IM CDR push body, throwing `SchemaError`; wrong values outside the relied fields are dropped. */
export const parseImCdrPush = tolerantParser(ImCdrPush, ReliedFields.ImCdrPush, 'IM CDR push');
/** Parses an IM CDR push body into a result value, with one warning per dropped field. */
export const safeParseImCdrPush = tolerantSafeParser(ImCdrPush, ReliedFields.ImCdrPush);
