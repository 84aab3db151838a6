import { randomUUID } from 'node:crypto';
import { CreateCallOutSessionRequest } from '@ccc-kit/schemas';
import * as v from 'valibot';
import { callOutFixture } from '../dataset/call-out.ts';
import type { CallFixture, Dataset } from '../dataset/types.ts';
import { type ActionResult, fail } from './api-error.ts';
import type { CccCallOut } from './call-overlay.ts';
import { checkIntegers, checkSdkAppId, readParams } from './params.ts';

/** What CreateCallOutSession needs besides the request body (see `ActionContext` in actions.ts). */
export interface CallOutContext {
  readonly dataset: Dataset;
  readonly sdkAppId: number;
  readonly nowSeconds: number;
  /** Seconds each placed call talks once the customer answers. */
  readonly callOutTalkSeconds: number;
  /** Keeps the placed call (the emulator's overlay; `at` is added there). */
  readonly placeCall: (call: CallFixture, callOut: Omit<CccCallOut, 'at'>) => void;
}

/** Tencent's own API example sends `IsForceUseMobile` as the string `"true"`: accepted next to `true`. */
const Request = v.object({
  ...CreateCallOutSessionRequest.entries,
  IsForceUseMobile: v.optional(v.union([v.boolean(), v.string()])),
});
type Request = v.InferOutput<typeof Request>;

const NUMBER_0086 = /^0086\d+$/;
const MAX_UUI_BYTES = 1024;
/** The company number calls go out from when a dataset has none of its own. */
const FALLBACK_OUTBOUND = '008675520000000';

/** The documented parameter rules, each answered with `InvalidParameterValue`. */
function checkValues({ IsForceUseMobile, Callee, Callers, UUI }: Request): ActionResult | undefined {
  if (IsForceUseMobile !== true && IsForceUseMobile !== 'true')
    return fail(
      'InvalidParameterValue',
      '`IsForceUseMobile` must be true: only mobile call-out is supported.',
    );
  const badNumber = [Callee, ...(Callers ?? [])].findIndex((n) => !NUMBER_0086.test(n));
  if (badNumber >= 0) {
    const name = badNumber === 0 ? 'Callee' : `Callers.${badNumber - 1}`;
    return fail('InvalidParameterValue', `\`${name}\` must be a number with the 0086 prefix.`);
  }
  if (UUI !== undefined && Buffer.byteLength(UUI, 'utf8') > MAX_UUI_BYTES)
    return fail('InvalidParameterValue', `\`UUI\` must be at most ${MAX_UUI_BYTES} bytes.`);
  return undefined;
}

/**
 * CreateCallOutSession: places an answered dual call for a dataset agent (found by `UserId`, case-insensitive)
 * and answers its new `SessionId`. Refused like Tencent: an unknown agent (`InvalidParameterValue.AccountNotExist`),
 * no bound mobile (`FailedOperation.CallOutFailed`), the agent's own mobile as `Callee`
 * (`FailedOperation.SeatStatusBusy`), a parameter breaking its documented rule (`InvalidParameterValue`).
 */
export function createCallOutSession(body: unknown, context: CallOutContext): ActionResult {
  const params = readParams(Request, body);
  if (!params.ok) return params;
  const { SdkAppId, UserId, Callee, UUI } = params.value;
  const bad =
    checkIntegers(params.value, ['SdkAppId']) ??
    checkSdkAppId(SdkAppId, context.sdkAppId) ??
    checkValues(params.value);
  if (bad) return bad;
  const { dataset } = context;
  const agent = dataset.agents?.find((a) => a.mail.toLowerCase() === UserId.toLowerCase());
  if (!agent)
    return fail('InvalidParameterValue.AccountNotExist', `The account \`${UserId}\` does not exist.`);
  const { phone } = agent;
  if (!phone)
    return fail('FailedOperation.CallOutFailed', 'Call-out failed: the agent has no mobile number bound.');
  if (Callee === phone)
    return fail('FailedOperation.SeatStatusBusy', "The agent is busy: the callee is the agent's own mobile.");
  const sessionId = randomUUID();
  const call = callOutFixture({
    dataset,
    agent: { ...agent, phone },
    sessionId,
    caller: dataset.lines?.outbound ?? FALLBACK_OUTBOUND,
    callee: Callee,
    uui: UUI ?? '',
    start: context.nowSeconds,
    talkSeconds: context.callOutTalkSeconds,
  });
  context.placeCall(call, { sessionId, userId: UserId, callee: Callee, uui: UUI });
  return { ok: true, body: { SessionId: sessionId } };
}
