import { type CallRecord, summarize } from '@ccc-kit/cdr-parser';
import { ACTION_CALL_DETAILS, ACTION_CALL_RECORDING, ACTION_VOICEMAIL } from './action-value.ts';
import { actions, button, context, fields, header } from './blocks.ts';
import { type CallPostStyle, compactCallFields, fullCallFields } from './call-fields.ts';
import { assertTimeZone, slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode } from './escape.ts';
import { type FollowUpView, needsFollowUp } from './follow-up.ts';
import { followUpPost } from './follow-up-post.ts';
import { fitToLimits } from './limits.ts';
import { CALL_OUTCOME_EMOJI, sessionValue, severityLine, unix } from './record-format.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** What the call's thread holds, as far as the poster knows: the post says so and offers the voicemail. */
export interface CallThread {
  /** Participant recordings (`record` pushes) of the call. */
  readonly recordings: number;
  /** Voicemails (`voicemail` pushes) the caller left. */
  readonly voicemails: number;
}

/** Options of {@link callSummaryMessage}. */
export interface CallSummaryOptions extends RenderOptions {
  /** What arrived for the call after it ended; the webhook updates the post (`chat.update`) as it grows. */
  readonly thread?: CallThread;
  /**
   * Follow-up state: with it, a post whose call needsFollowUp shows the state and its buttons. Without it
   * (or for other calls), nothing changes.
   */
  readonly followUp?: FollowUpView;
  /**
   * This call is a callback started from Slack for that missed call (the webhook reads it from the call's
   * UUI): the post names it, so the two posts read as one story.
   */
  readonly callbackOf?: { readonly sessionId: string } | undefined;
  /** `compact` (default): fields only add what the title does not say; `full`: every field. */
  readonly style?: CallPostStyle;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `:studio_microphone: 2 recordings · :mailbox_with_mail: 1 voicemail in the thread`, or nothing. */
function threadLine(thread: CallThread | undefined): string | undefined {
  if (!thread) return undefined;
  const parts = [
    ...(thread.recordings > 0 ? [`:studio_microphone: ${plural(thread.recordings, 'recording')}`] : []),
    ...(thread.voicemails > 0 ? [`:mailbox_with_mail: ${plural(thread.voicemails, 'voicemail')}`] : []),
  ];
  return parts.length ? `${parts.join(' · ')} in the thread` : undefined;
}

const number = (n: CallRecord['caller'], options: RenderOptions): string =>
  escapeMrkdwn(options.showNumbers && n.raw ? n.raw : n.masked);

/**
 * The channel post for a finished call: outcome emoji and title in the header, a bold "Needs follow-up" /
 * "Action needed" line for warnings and alerts (severity never relies on colour), the fields (`style`
 * `compact` by default: only what the title does not say — number, agent, skill group, wait; `full`: every
 * fact; numbers masked unless `showNumbers`), the session and the start time as a date token, and the
 * "Call details" and (only when the call has one) "Recording" buttons carrying `{ v, sessionId, start, end }`.
 * With `thread`, a line says which recordings and voicemails are in the thread, and a voicemail adds a
 * "Play voicemail" button. With `followUp`, a call that `needsFollowUp` also shows who took or resolved it
 * and the "I'll call back" / "Resolved" / "Reopen" buttons (first in the row); the webhook re-renders the
 * post (`chat.update`) as the state changes.
 *
 * @example
 * const record = toCallRecord(push.payload);
 * await client.chat.postMessage({ channel, ...callSummaryMessage(record, { timeZone: 'Asia/Shanghai' }) });
 */
export function callSummaryMessage(record: CallRecord, options: CallSummaryOptions = {}): SlackMessage {
  assertTimeZone(options.timeZone);
  const summary = summarize(record, options.timeZone ? { timeZone: options.timeZone } : {});
  const emoji = CALL_OUTCOME_EMOJI[record.outcome] ?? CALL_OUTCOME_EMOJI.unknown;
  const status = severityLine(summary.severity, record.endStatus.meaning);
  const value = sessionValue(record.sessionId, record.startedAt, record.endedAt);
  const followUp = options.followUp && needsFollowUp(record) ? options.followUp : undefined;
  const follow = followUpPost({ followUp, status, value, timeZone: options.timeZone });
  const when = record.startedAt ?? record.endedAt;
  const buttons = value
    ? [
        ...follow.buttons,
        button('Call details', ACTION_CALL_DETAILS, value),
        ...(record.hasRecording ? [button('Recording', ACTION_CALL_RECORDING, value)] : []),
        ...((options.thread?.voicemails ?? 0) > 0 ? [button('Play voicemail', ACTION_VOICEMAIL, value)] : []),
      ]
    : [];
  const thread = threadLine(options.thread);
  const facts = fields(
    options.style === 'full'
      ? fullCallFields(record, options)
      : compactCallFields(record, summary.title, options),
  );
  const counts =
    record.transfers > 0 ? [`${record.transfers} transfer${record.transfers === 1 ? '' : 's'}`] : [];
  return fitToLimits({
    text: `${follow.textPrefix}${escapeMrkdwn(summary.title)} (caller ${number(record.caller, options)})`,
    blocks: [
      header(`${emoji} ${summary.title}`),
      ...follow.blocks,
      ...(facts.fields?.length ? [facts] : []),
      context([
        `Session ${mrkdwnCode(record.sessionId)}`,
        ...(when ? [slackDate(unix(when), options.timeZone)] : []),
        ...counts,
        ...(options.callbackOf
          ? [
              `:leftwards_arrow_with_hook: Callback of missed call ${mrkdwnCode(options.callbackOf.sessionId)}`,
            ]
          : []),
      ]),
      ...(thread ? [context([thread])] : []),
      ...(buttons.length ? [actions(buttons)] : []),
    ],
  });
}
