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
 * The agent's name from the call's DescribeTelCdr row (`SeatUser.Name`): DescribeSessionDetail has only
 * the agent's email, and the webhook's post of the same call names the agent. Best effort: undefined when
 * the row or the name is missing or the lookup fails (the title then shows the email).
 */
export async function fetchAgentName(
  deps: BotDeps,
  sessionId: string,
  window: SearchWindow,
): Promise<string | undefined> {
  try {
    const { TelCdrList } = await needCcc(deps).describeTelCdr({
      startTimestamp: window.start,
      endTimestamp: window.end,
      sessionIds: [sessionId],
      pageSize: 1,
    });
    return TelCdrList.find((row) => row.SessionId === sessionId)?.SeatUser?.Name?.trim() || undefined;
  } catch (error) {
    deps.logger.debug({ err: { message: (error as Error).message } }, 'agent name lookup failed');
    return undefined;
  }
}

/**
 * `/ccc call` and the Call details button. The detail's signed recording link is never rendered: the
 * message offers a Recording button instead, which checks who clicks it. The agent's name is looked up at
 * the same time (see {@link fetchAgentName}).
 */
export async function lookupCall(
  deps: BotDeps,
  request: Extract<LookupRequest, { kind: 'call' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  const [detail, agentName] = await Promise.all([
    fetchCallDetail(deps, request.sessionId, request.window),
    fetchAgentName(deps, request.sessionId, request.window),
  ]);
  return { reply: callDetailsReply(detail, request.sessionId, audience === 'ephemeral', agentName) };
}
