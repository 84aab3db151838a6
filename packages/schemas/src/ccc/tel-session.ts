import * as v from 'valibot';
import type { SessionStatus } from '../enums/call.ts';
import { openString, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { optNumberText } from '../limits.ts';

/** DescribeTelSession request. */
export const DescribeTelSessionRequest = v.object({ SdkAppId: v.number(), SessionId: v.string() });
/** Output type of {@link DescribeTelSessionRequest}. */
export type DescribeTelSessionRequest = v.InferOutput<typeof DescribeTelSessionRequest>;

/** A phone session as DescribeTelSession returns it (note `SessionID`, capital ID). */
export const PstnSession = v.looseObject({
  SessionID: v.string(),
  RoomID: optString(),
  Caller: optNumberText('Caller'),
  Callee: optNumberText('Callee'),
  StartTimestamp: optNumber(),
  RingTimestamp: optNumber(),
  AcceptTimestamp: optNumber(),
  StaffEmail: optString(),
  StaffNumber: optString(),
  /** `ringing`, `seatJoining`, `inProgress`, `finished`. */
  SessionStatus: v.nullish(openString<SessionStatus>()),
  /** 0 inbound, 1 outbound. */
  Direction: optNumber(),
  /** Transfer-to-external numbers. */
  OutBoundCaller: optNumberText('OutBoundCaller'),
  OutBoundCallee: optNumberText('OutBoundCallee'),
  ProtectedCaller: optNumberText('ProtectedCaller'),
  ProtectedCallee: optNumberText('ProtectedCallee'),
});
/** Output type of {@link PstnSession}. */
export type PstnSession = v.InferOutput<typeof PstnSession>;

/** DescribeTelSession `Response`. */
export const DescribeTelSessionResponse = v.looseObject({ Session: PstnSession, RequestId: v.string() });
/** Output type of {@link DescribeTelSessionResponse}. */
export type DescribeTelSessionResponse = v.InferOutput<typeof DescribeTelSessionResponse>;

/** Parses a DescribeTelSession `Response`, throwing `SchemaError`. */
export const parseDescribeTelSessionResponse = parser(
  DescribeTelSessionResponse,
  'DescribeTelSession response',
);
/** Parses a DescribeTelSession `Response` into a result value. */
export const safeParseDescribeTelSessionResponse = safeParser(DescribeTelSessionResponse);

/** Unix seconds that DescribePSTNActiveSessionList documents as strings (`"1607702199"`): coerced to numbers. */
const secondsFromString = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/, 'Expected Unix seconds as digits'))]),
  v.transform(Number),
);

/** An active session of DescribePSTNActiveSessionList (the one API whose timestamps are strings). */
export const PstnSessionInfo = v.looseObject({
  SessionID: v.string(),
  RoomID: optString(),
  Caller: optNumberText('Caller'),
  Callee: optNumberText('Callee'),
  SessionType: optString(),
  StartTimestamp: v.nullish(secondsFromString),
  AcceptTimestamp: v.nullish(secondsFromString),
  RingTimestamp: optNumber(),
  StaffEmail: optString(),
  StaffNumber: optString(),
  SessionStatus: optString(),
  Direction: optNumber(),
  ProtectedCaller: optNumberText('ProtectedCaller'),
  ProtectedCallee: optNumberText('ProtectedCallee'),
});
/** Output type of {@link PstnSessionInfo}. */
export type PstnSessionInfo = v.InferOutput<typeof PstnSessionInfo>;
