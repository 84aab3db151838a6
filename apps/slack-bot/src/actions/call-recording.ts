import { maskNumber } from '@ccc-kit/cdr-parser';
import type { DescribeSessionDetailResponse, ServeParticipant } from '@ccc-kit/schemas';
import { RECORDINGS_FORBIDDEN } from '../access.ts';
import type { BotDeps, Invocation, Reply } from '../deps.ts';
import { noRecordingReply, recordingReply } from '../render.ts';
import type { ActionInput } from './action-input.ts';
import { hearableCall } from './hearable-call.ts';

/** Which recording a Recording button gets, and how the reply names it. */
export interface RecordingChoice {
  /** `main`: the call's own recording; `participant`: the leg whose `RecordId` the button carries. */
  readonly source: 'main' | 'participant';
  /** The signed link, when Tencent has one. */
  readonly url: string | undefined;
  /** Who the recording is of, for the reply (absent for a button that names nobody). */
  readonly whose: string | undefined;
}

/** A participant as people know them: the agent's email, else their masked number. */
const participantName = (p: ServeParticipant, index: number): string =>
  p.Mail || (p.Phone ? maskNumber(p.Phone) : `participant ${index + 1}`);

const linkOf = (holder: {
  readonly RecordURL?: string | null | undefined;
  readonly CustomRecordURL?: string | null | undefined;
}): string | undefined => holder.RecordURL || holder.CustomRecordURL || undefined;

/**
 * The recording a button asks for, in a fresh DescribeSessionDetail: without `recordId`, the call's main
 * recording; with one, the `ServeParticipants` leg holding that `RecordId`. A `RecordId` no leg holds is the
 * customer's: Tencent files the customer side as the call's own recording (`TelCdrInfo.RecordId`), which
 * the detail lists without its id, so the main recording answers it, named as such.
 */
export function chooseRecording(
  detail: DescribeSessionDetailResponse,
  recordId: string | undefined,
): RecordingChoice {
  const main = linkOf(detail);
  if (!recordId) return { source: 'main', url: main, whose: undefined };
  const index = detail.ServeParticipants.findIndex((p) => p.RecordId === recordId);
  const participant = detail.ServeParticipants[index];
  if (participant)
    return { source: 'participant', url: linkOf(participant), whose: participantName(participant, index) };
  return { source: 'main', url: main, whose: "the call's recording" };
}

function replyFor(sessionId: string, choice: RecordingChoice): Reply {
  if (choice.url) return recordingReply(sessionId, choice.url, choice.whose);
  if (choice.source === 'participant') return noRecordingReply(sessionId, `of ${choice.whose}`);
  return noRecordingReply(sessionId, choice.whose ? 'matching this button, and none of its own' : undefined);
}

/**
 * "Recording" on a webhook post or a recording thread reply: a fresh signed link (valid about 24 h) to the
 * call's recording, or to the participant's whose `RecordId` the button carries, ephemeral, only for users
 * allowed to hear recordings. The link is never stored, logged or shared.
 */
export async function callRecording(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const call = await hearableCall(deps, inv, input, { what: 'recording', refusal: RECORDINGS_FORBIDDEN });
  if (!call) return;
  const choice = chooseRecording(call.detail, call.recordId);
  deps.logger.info(
    {
      user: inv.userId,
      sessionId: call.sessionId,
      ...(call.recordId ? { recordId: call.recordId } : {}),
      source: choice.source,
      found: Boolean(choice.url),
    },
    'recording link requested',
  );
  await inv.respond(replyFor(call.sessionId, choice));
}
