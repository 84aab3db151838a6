import * as v from 'valibot';
import type { CurrentState } from '../enums/desk.ts';
import { openString, optString, parser, safeParser } from '../helpers.ts';
import { deskEnvelopeEntries } from './envelope.ts';

/**
 * `get_session_state` request: either `SessionId`, or `ClientUserId` + `CustomerServiceId` (the latter only
 * for the "application/client" integration).
 */
export const GetSessionStateRequest = v.union([
  v.object({ SessionId: v.string() }),
  v.object({ ClientUserId: v.string(), CustomerServiceId: v.string() }),
]);
/** Output type of {@link GetSessionStateRequest}. */
export type GetSessionStateRequest = v.InferOutput<typeof GetSessionStateRequest>;

/** `get_session_state` response. */
export const GetSessionStateResponse = v.looseObject({
  ...deskEnvelopeEntries,
  SessionId: optString(),
  /** `Chatbot`, `WaitingForAgentAnswering`, `Queuing`, `Agent`; anything else = not in session. */
  CurrentState: v.nullish(openString<CurrentState>()),
  /** Agent serving, set only for `WaitingForAgentAnswering` and `Agent`. */
  AgentId: optString(),
});
/** Output type of {@link GetSessionStateResponse}. */
export type GetSessionStateResponse = v.InferOutput<typeof GetSessionStateResponse>;

/** Parses a `get_session_state` response, throwing `SchemaError`. */
export const parseGetSessionStateResponse = parser(GetSessionStateResponse, 'get_session_state response');
/** Parses a `get_session_state` response into a result value. */
export const safeParseGetSessionStateResponse = safeParser(GetSessionStateResponse);
