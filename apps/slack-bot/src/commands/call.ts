import type { DescribeSessionDetailResponse } from '@ccc-kit/schemas';
import type { Audience, BotDeps } from '../deps.ts';
import { callDetailsReply } from '../render.ts';
import { needCcc } from './backends.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';
import type { SearchWindow } from './window.ts';

/** DescribeSessionDetail of one call in a window (Tencent requires start and end). */
export function fetchCallDetail(
  deps: BotDeps,
  sessionId: string,
  window: SearchWindow,
): Promise<DescribeSessionDetailResponse> {
  return needCcc(deps).describeSessionDetail({
    sessionId,
    startTimestamp: window.start,
    endTimestamp: window.end,
  });
}

/**
 * `/ccc call` and the Call details button. The detail's signed recording link is never rendered: the
 * message offers a Recording button instead, which checks who clicks it.
 */
export async function lookupCall(
  deps: BotDeps,
  request: Extract<LookupRequest, { kind: 'call' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  const detail = await fetchCallDetail(deps, request.sessionId, request.window);
  return { reply: callDetailsReply(detail, request.sessionId, audience === 'ephemeral') };
}
