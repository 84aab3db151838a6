import type { DescribeSessionDetailResponse } from '@ccc-kit/schemas';
import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { fetchCallDetail } from '../commands/call.ts';
import { replyForFailure } from '../commands/run-lookup.ts';
import { RETENTION_EXPIRED, retainedWindow } from '../commands/window.ts';
import type { BotDeps, Invocation, Reply } from '../deps.ts';
import { ephemeral, notConfiguredReply } from '../replies.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/** A call whose recordings the clicker may hear, with its fresh detail (signed links: use, never keep). */
export interface HearableCall {
  readonly sessionId: string;
  /** The participant's `RecordId` the button names (Recording buttons of thread replies). */
  readonly recordId: string | undefined;
  /** DescribeSessionDetail, fetched for this click. */
  readonly detail: DescribeSessionDetailResponse;
}

/** What a button hands out: names the refusal log line and the refusal's wording. */
export interface Hearing {
  /** `recording` or `voicemail`: the log says `<what> refused`. */
  readonly what: string;
  /** What a user who may not hear recordings reads. */
  readonly refusal: string;
}

/**
 * The steps every button that hands out a recording shares: decode the value, check that the clicker may
 * hear recordings (before Tencent is asked anything), then a fresh DescribeSessionDetail in the button's
 * window. Each step that stops answers the clicker itself and yields `undefined`; the caller only picks
 * the link(s) out of the detail.
 */
export async function hearableCall(
  deps: BotDeps,
  inv: Invocation,
  input: ActionInput,
  hearing: Hearing,
): Promise<HearableCall | undefined> {
  const stop = async (reply: Reply): Promise<undefined> => {
    await inv.respond(reply);
    return undefined;
  };
  const decoded = decodeActionValue(input.value);
  if (!decoded.ok || !('sessionId' in decoded.value)) return stop(invalidButtonReply());
  const { sessionId, start, end, recordId } = decoded.value;
  if (!(await deps.access.canHearRecordings(inv.userId))) {
    deps.logger.info({ user: inv.userId, sessionId }, `${hearing.what} refused`);
    return stop(ephemeral(hearing.refusal));
  }
  if (!deps.ccc) return stop(notConfiguredReply('call'));
  const window = retainedWindow(start, end, deps.now());
  if (!window) return stop(ephemeral(RETENTION_EXPIRED));
  try {
    const detail = await fetchCallDetail(deps, sessionId, window);
    return { sessionId, recordId, detail };
  } catch (error) {
    return stop(replyForFailure(deps, inv, { kind: 'call', sessionId, window }, error));
  }
}
