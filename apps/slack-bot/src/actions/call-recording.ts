import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { RECORDINGS_FORBIDDEN } from '../access.ts';
import { fetchCallDetail } from '../commands/call.ts';
import { replyForFailure } from '../commands/run-lookup.ts';
import { RETENTION_EXPIRED, retainedWindow } from '../commands/window.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { noRecordingReply, recordingReply } from '../render.ts';
import { ephemeral, notConfiguredReply } from '../replies.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/**
 * "Recording" on a webhook post: a fresh signed link (DescribeSessionDetail `RecordURL`, valid about 24 h),
 * ephemeral, only for users allowed to hear recordings. The link is never stored, logged or shared.
 */
export async function callRecording(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const decoded = decodeActionValue(input.value);
  if (!decoded.ok || !('sessionId' in decoded.value)) return inv.respond(invalidButtonReply());
  const { sessionId, start, end } = decoded.value;
  if (!(await deps.access.canHearRecordings(inv.userId))) {
    deps.logger.info({ user: inv.userId, sessionId }, 'recording refused');
    return inv.respond(ephemeral(RECORDINGS_FORBIDDEN));
  }
  if (!deps.ccc) return inv.respond(notConfiguredReply('call'));
  const window = retainedWindow(start, end, deps.now());
  if (!window) return inv.respond(ephemeral(RETENTION_EXPIRED));
  try {
    const detail = await fetchCallDetail(deps, sessionId, window);
    const link = detail.RecordURL || detail.CustomRecordURL;
    deps.logger.info({ user: inv.userId, sessionId, found: Boolean(link) }, 'recording link requested');
    await inv.respond(link ? recordingReply(sessionId, link) : noRecordingReply(sessionId));
  } catch (error) {
    await inv.respond(replyForFailure(deps, inv, { kind: 'call', sessionId, window }, error));
  }
}
