import {
  type CallParticipant,
  type CallRecord,
  formatDuration,
  maskText,
  summarize,
} from '@ccc-kit/cdr-parser';
import type { Button, KnownBlock } from '@slack/types';
import { ACTION_CALL_RECORDING, ACTION_SHARE } from './action-value.ts';
import { actions, button, context, fields, header, section } from './blocks.ts';
import { assertTimeZone, slackDate, slackTime } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode, mrkdwnLink } from './escape.ts';
import { fitToLimits } from './limits.ts';
import {
  agentText,
  CALL_OUTCOME_EMOJI,
  groupText,
  hungUpText,
  sessionValue,
  severityLine,
  unix,
} from './record-format.ts';
import { type DetailEvent, detailToCallRecord, type SessionDetailInput } from './session-detail-record.ts';
import { fitLines } from './truncate.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** Options of {@link callDetailsMessage}. */
export interface CallDetailsOptions extends RenderOptions {
  /** The session id that was looked up (DescribeSessionDetail does not repeat it). Needed for buttons. */
  readonly sessionId?: string;
  /** A fresh recording link to show. Without it (or `allowRecording`), no recording link is ever shown. */
  readonly recordingUrl?: string;
  /** Show the detail's own (freshly signed) `RecordURL`. Only for an ephemeral reply to the requester. */
  readonly allowRecording?: boolean;
  /** Add a "Share to channel" button (for ephemeral lookups). */
  readonly shareButton?: boolean;
  /**
   * The agent's name, when the caller knows it (DescribeTelCdr's `SeatUser.Name`): DescribeSessionDetail
   * carries only the email, and the title then names the agent as the channel post of the call does.
   */
  readonly agentName?: string | undefined;
}

const SECTION_CHARS = 2900;

const timelineLine = (e: DetailEvent, timeZone: string | undefined): string =>
  `${e.at ? slackTime(unix(e.at), timeZone) : '–'} · ${escapeMrkdwn(e.text)}`;

function participantLine(p: CallParticipant, index: number): string {
  const who = p.name ?? p.email ?? p.phone?.masked ?? p.typeLabel;
  const talk =
    p.answeredAt && p.endedAt ? `, talked ${formatDuration(unix(p.endedAt) - unix(p.answeredAt))}` : '';
  const from = p.transferredFrom ? `, transferred from ${p.transferredFrom}` : '';
  const status = p.answered ? 'answered' : 'did not answer';
  return `${index + 1}. ${escapeMrkdwn(`${who} · ${p.typeLabel}: ${status}${talk}${from} (${p.endStatus.meaning})`)}`;
}

function durationsLine(record: CallRecord, hold: number): string {
  const d = record.durations;
  const parts: Array<[string, number]> = [
    ['IVR', d.ivr],
    ['Queue', d.queueWait],
    ['Ringing', d.ring],
    ['Talk', d.talk],
    ['On hold', hold],
    ['Total', d.total],
  ];
  return parts
    .filter(([label, s]) => s > 0 || label === 'Total')
    .map(([label, s]) => `${label} ${formatDuration(s)}`)
    .join(' · ');
}

function detailFields(record: CallRecord, detail: SessionDetailInput, options: CallDetailsOptions) {
  const number = (n: CallRecord['caller']): string =>
    escapeMrkdwn(options.showNumbers && n.raw ? n.raw : n.masked);
  const s = record.satisfaction;
  const uui = detail.UUI?.trim();
  return fields([
    ['Caller', number(record.caller)],
    ['Called number', number(record.callee)],
    ['Agent', agentText(record.agent) ?? '_No agent_'],
    ['Skill group', groupText(record.skillGroup)],
    ['Call type', escapeMrkdwn(record.callTypeLabel)],
    ['End reason', escapeMrkdwn(record.endStatus.meaning)],
    ['Hung up by', hungUpText(record.hungUpBy)],
    ['Satisfaction', s ? escapeMrkdwn(s.label ? `${s.key} (${s.label})` : s.key) : undefined],
    ['UUI', uui ? escapeMrkdwn(options.showNumbers ? uui : maskText(uui)) : undefined],
    ['System reason', detail.SysHangupReasonString ? escapeMrkdwn(detail.SysHangupReasonString) : undefined],
  ]);
}

function recordingLink(detail: SessionDetailInput, options: CallDetailsOptions): string | undefined {
  const own = options.allowRecording ? (detail.RecordURL ?? detail.CustomRecordURL) : undefined;
  const voicemail = options.allowRecording ? detail.VoicemailRecordURL?.[0] : undefined;
  const url = options.recordingUrl ?? own ?? voicemail;
  if (!url) return undefined;
  const link = mrkdwnLink(url, url === voicemail ? 'Play the voicemail' : 'Play the recording');
  return `:studio_microphone: ${link} _(the link expires; ask again for a fresh one)_`;
}

function detailButtons(record: CallRecord, options: CallDetailsOptions, linkShown: boolean): Button[] {
  const value = options.sessionId
    ? sessionValue(options.sessionId, record.startedAt, record.endedAt)
    : undefined;
  if (!value) return [];
  return [
    ...(options.shareButton ? [button('Share to channel', ACTION_SHARE, value)] : []),
    ...(record.hasRecording && !linkShown ? [button('Recording', ACTION_CALL_RECORDING, value)] : []),
  ];
}

/** The timeline and participants sections: long lists say how much they left out. */
function listSections(record: CallRecord, timeline: readonly DetailEvent[], timeZone?: string): KnownBlock[] {
  const events = timeline.map((e) => timelineLine(e, timeZone));
  const legs = record.participants.map(participantLine);
  const eventText = fitLines(events, { maxChars: SECTION_CHARS, maxLines: 40, noun: 'events', keepLast: 1 });
  const legText = fitLines(legs, { maxChars: SECTION_CHARS, maxLines: 15, noun: 'participants' });
  return [
    section(`*Timeline*\n${eventText}`),
    ...(legs.length ? [section(`*Participants*\n${legText}`)] : []),
  ];
}

/**
 * The full detail of one call for the requester (DescribeSessionDetail): timeline of IVR keys, queue,
 * rings, answers, hold/mute, transfers and hang-up (`… N more events` when long, the hang-up always
 * shown), participants, durations, satisfaction and UUI. A recording link appears only when `recordingUrl`
 * or `allowRecording` is passed; otherwise a "Recording" button lets the requester ask for one.
 * DescribeSessionDetail does not repeat the session id: pass it as `sessionId` (buttons need it).
 *
 * @example
 * const detail = await ccc.describeSessionDetail({ sessionId, startTimestamp, endTimestamp });
 * await respond(callDetailsMessage(detail, { sessionId, shareButton: true }));
 */
export function callDetailsMessage(
  detail: SessionDetailInput,
  options: CallDetailsOptions = {},
): SlackMessage {
  assertTimeZone(options.timeZone);
  const sessionId = options.sessionId ?? 'unknown';
  const { showNumbers, timeZone } = options;
  const { record, timeline, holdSeconds } = detailToCallRecord(detail, {
    sessionId,
    showNumbers,
    agentName: options.agentName,
  });
  const summary = summarize(record, timeZone ? { timeZone } : {});
  const status = severityLine(summary.severity, record.endStatus.meaning);
  const recording = recordingLink(detail, options);
  const buttons = detailButtons(record, options, recording !== undefined);
  const when = record.startedAt ?? record.endedAt;
  return fitToLimits({
    text: `Call details: ${escapeMrkdwn(summary.title)}`,
    blocks: [
      header(`${CALL_OUTCOME_EMOJI[record.outcome] ?? CALL_OUTCOME_EMOJI.unknown} ${summary.title}`),
      ...(status ? [section(status)] : []),
      detailFields(record, detail, options),
      section(`*Durations*\n${durationsLine(record, holdSeconds)}`),
      ...listSections(record, timeline, timeZone),
      ...(recording ? [section(recording)] : []),
      context([
        `Session ${mrkdwnCode(sessionId)}`,
        ...(when ? [slackDate(unix(when), timeZone)] : []),
        `Request ${mrkdwnCode(detail.RequestId)}`,
      ]),
      ...(buttons.length ? [actions(buttons)] : []),
    ],
  });
}
