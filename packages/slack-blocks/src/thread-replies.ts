import { maskNumber } from '@ccc-kit/cdr-parser';
import type { RecordPush, VoicemailPush } from '@ccc-kit/schemas';
import { ACTION_CALL_RECORDING, ACTION_VOICEMAIL } from './action-value.ts';
import { actions, button, context, section } from './blocks.ts';
import { assertTimeZone, plainDate, slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode, mrkdwnLink } from './escape.ts';
import { fitToLimits } from './limits.ts';
import { sessionValue } from './record-format.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** Options of the thread replies: the link rule is the same as for call details. */
export interface ThreadReplyOptions extends RenderOptions {
  /** A link to show; without it (or `allowLink`) the reply has a "Recording" button instead of a link. */
  readonly recordingUrl?: string;
  /** Show the push's own `RecordURL` (only where everyone who can read the thread may hear it). */
  readonly allowLink?: boolean;
}

const endpoint = (value: string | null | undefined, options: RenderOptions): string =>
  value ? escapeMrkdwn(options.showNumbers ? value : maskNumber(value)) : 'unknown';

/** A call lasts less than this: the button's window reaches this far before the push to include its start. */
const CALL_REACH_MS = 86_400_000;

/** What a reply's button asks for: its action, label and, for a participant's recording, its `RecordId`. */
interface ReplyButton {
  readonly action: string;
  readonly label: string;
  readonly recordId?: string | null | undefined;
}

function replyBlocks(
  line: string,
  push: { SessionId: string; Timestamp?: number | null | undefined; RecordURL?: string | null | undefined },
  options: ThreadReplyOptions,
  target: ReplyButton,
) {
  const url = options.recordingUrl ?? (options.allowLink ? push.RecordURL : undefined);
  const at = push.Timestamp ? new Date(push.Timestamp * 1000) : null;
  // The push comes when the recording is ready, after the call: DescribeSessionDetail's window must reach
  // back to the call's start.
  const from = at ? new Date(at.getTime() - CALL_REACH_MS) : null;
  const value = sessionValue(push.SessionId, from, at, target.recordId);
  const when = push.Timestamp ? [slackDate(push.Timestamp, options.timeZone)] : [];
  return [
    section(url ? `${line}\n${mrkdwnLink(url, target.label)}` : line),
    context([`Session ${mrkdwnCode(push.SessionId)}`, ...when]),
    ...(!url && value ? [actions([button(target.label, target.action, value)])] : []),
  ];
}

/**
 * Thread reply (or, in a voicemail inbox channel, a post) for a voicemail push: who left it and when, and a
 * "Play voicemail" button (`ACTION_VOICEMAIL`; the bot fetches a fresh `VoicemailRecordURL`), or a link only
 * when `recordingUrl` or `allowLink` is passed. The caller's number is masked unless `showNumbers`.
 *
 * @example
 * await client.chat.postMessage({ channel, thread_ts, ...voicemailMessage(push) });
 */
export function voicemailMessage(push: VoicemailPush, options: ThreadReplyOptions = {}): SlackMessage {
  assertTimeZone(options.timeZone);
  const from = endpoint(push.EndpointUser, options);
  const at = push.Timestamp ? ` at ${plainDate(push.Timestamp, options.timeZone)}` : '';
  return fitToLimits({
    text: `Voicemail from ${from}${at}`,
    blocks: replyBlocks(`:mailbox_with_mail: *Voicemail* from ${from}`, push, options, {
      action: ACTION_VOICEMAIL,
      label: 'Play voicemail',
    }),
  });
}

/**
 * Thread reply for a recording push (one per participant: customer number or agent email), with a
 * "Recording" button carrying the participant's `RecordId` (the bot resolves it through
 * DescribeSessionDetail `ServeParticipants`), or a link only when `recordingUrl` or `allowLink` is passed.
 *
 * @example
 * await client.chat.postMessage({ channel, thread_ts, ...recordingReadyMessage(push) });
 */
export function recordingReadyMessage(push: RecordPush, options: ThreadReplyOptions = {}): SlackMessage {
  assertTimeZone(options.timeZone);
  const who = endpoint(push.EndpointUser, options);
  return fitToLimits({
    text: `Recording ready (${who})`,
    blocks: replyBlocks(`:studio_microphone: *Recording ready* · ${who}`, push, options, {
      action: ACTION_CALL_RECORDING,
      label: 'Recording',
      recordId: push.RecordId,
    }),
  });
}
