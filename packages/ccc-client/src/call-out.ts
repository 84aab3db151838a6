import { type CreateCallOutSessionRequest, safeParseCreateCallOutSessionResponse } from '@ccc-kit/schemas';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { Execute } from './executor.ts';
import type { CccClient, CreateCallOutSessionArgs } from './types.ts';
import { validateResponse } from './validate.ts';

const ACTION = 'CreateCallOutSession';
/** Largest documented `UUI`, in bytes of UTF-8. */
export const MAX_UUI_BYTES = 1024;

/** Tencent requires the `0086` prefix on every number of this action (apis-wave-2 §1). */
const NUMBER_0086 = /^0086\d+$/;

const argument = (message: string): CccError =>
  new CccError(CccClientErrorCode.InvalidArgument, `${ACTION}: ${message}`, { action: ACTION });

// The messages never repeat a number: it is a customer's personal data.
function checkNumber(value: unknown, name: string): void {
  if (typeof value !== 'string' || !NUMBER_0086.test(value))
    throw argument(
      `${name} must be 0086 followed by digits, e.g. 008613012345678 (Tencent requires the prefix): normalise +86… or 13… numbers first`,
    );
}

/**
 * Builds and checks a CreateCallOutSession body before any request: a non-empty `userId`, `0086` numbers,
 * a `uui` of at most 1024 bytes. `IsForceUseMobile` is always `true` (the only value Tencent supports) and
 * the custom data goes in `UUI`, never the deprecated `Uui`.
 */
export function callOutParams(sdkAppId: number, args: CreateCallOutSessionArgs): CreateCallOutSessionRequest {
  const { userId, callee, callers, uui } = args;
  if (typeof userId !== 'string' || userId.trim() === '')
    throw argument("userId must be the agent's CCC account (an email), not empty");
  checkNumber(callee, 'callee');
  if (callers !== undefined && !Array.isArray(callers)) throw argument('callers must be a list of numbers');
  for (const [i, caller] of (callers ?? []).entries()) checkNumber(caller, `callers[${i}]`);
  if (uui !== undefined) {
    if (typeof uui !== 'string') throw argument('uui must be a string');
    const bytes = new TextEncoder().encode(uui).length;
    if (bytes > MAX_UUI_BYTES)
      throw argument(`uui must be at most ${MAX_UUI_BYTES} bytes of UTF-8 (got ${bytes}): shorten it`);
  }
  return {
    SdkAppId: sdkAppId,
    UserId: userId,
    Callee: callee,
    ...(callers?.length ? { Callers: [...callers] } : {}),
    IsForceUseMobile: true,
    ...(uui === undefined ? {} : { UUI: uui }),
  };
}

/**
 * The client's `createCallOutSession`. Not idempotent: a second request would ring the agent and the
 * customer a second time, so after a request may have reached Tencent (network error, timeout, HTTP 5xx)
 * the error is thrown, never retried; only `RequestLimitExceeded*` (refused before processing) is.
 */
export function callOutMethods(execute: Execute, sdkAppId: number): Pick<CccClient, 'createCallOutSession'> {
  return {
    async createCallOutSession(args) {
      const response = await execute(ACTION, callOutParams(sdkAppId, args), false);
      return validateResponse(ACTION, response, safeParseCreateCallOutSessionResponse);
    },
  };
}
