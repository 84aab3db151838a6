import * as v from 'valibot';
import { parser, safeParser } from '../helpers.ts';
import { identifier } from '../limits.ts';

/**
 * CreateCallOutSession request: an agent's outbound "dual call" (Tencent rings the agent's bound mobile
 * first, then the customer). Every number carries the `0086` prefix; `IsForceUseMobile` only supports
 * `true`; `UUI` (at most 1024 bytes) replaces the deprecated `Uui`.
 */
export const CreateCallOutSessionRequest = v.object({
  /** Application id. */
  SdkAppId: v.number(),
  /** The calling agent's account (email); the agent needs a bound, allow-listed mobile number. */
  UserId: v.string(),
  /** The customer's number, `0086` prefix required, e.g. `008613012345678`. */
  Callee: v.string(),
  /** Caller numbers to try in order (`0086` prefix); replaces the deprecated `Caller`. */
  Callers: v.optional(v.array(v.string())),
  /** Force the agent's mobile phone; Tencent currently supports only `true`. */
  IsForceUseMobile: v.optional(v.boolean()),
  /** Custom data carried to the CDR (`UUI`), at most 1024 bytes. */
  UUI: v.optional(v.string()),
});
/** Output type of {@link CreateCallOutSessionRequest}. */
export type CreateCallOutSessionRequest = v.InferOutput<typeof CreateCallOutSessionRequest>;

/**
 * CreateCallOutSession `Response`: the new session's id, known before anyone answers; the outcome arrives
 * later with the CDR (push or DescribeTelCdr) of that `SessionId`.
 */
export const CreateCallOutSessionResponse = v.looseObject({
  /** The new call session (the key of its CDR). */
  SessionId: identifier('SessionId'),
  RequestId: v.string(),
});
/** Output type of {@link CreateCallOutSessionResponse}. */
export type CreateCallOutSessionResponse = v.InferOutput<typeof CreateCallOutSessionResponse>;

/** Parses a CreateCallOutSession `Response`, throwing `SchemaError`. */
export const parseCreateCallOutSessionResponse = parser(
  CreateCallOutSessionResponse,
  'CreateCallOutSession response',
);
/** Parses a CreateCallOutSession `Response` into a result value. */
export const safeParseCreateCallOutSessionResponse = safeParser(CreateCallOutSessionResponse);
