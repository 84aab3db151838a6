import { type CallRecord, formatDuration, summarize } from '@ccc-kit/cdr-parser';
import { ACTION_CALL_DETAILS, ACTION_CALL_RECORDING } from './action-value.ts';
import { actions, button, context, fields, header, section } from './blocks.ts';
import { assertTimeZone, slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode } from './escape.ts';
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
import type { RenderOptions, SlackMessage } from './types.ts';

/** Options of {@link callSummaryMessage}. */
export type CallSummaryOptions = RenderOptions;

const number = (n: CallRecord['caller'], options: RenderOptions): string =>
  escapeMrkdwn(options.showNumbers && n.raw ? n.raw : n.masked);

function callFields(
  record: CallRecord,
  options: RenderOptions,
): ReadonlyArray<readonly [string, string | undefined]> {
  const d = record.durations;
  return [
    ['Caller', number(record.caller, options)],
    ['Called number', number(record.callee, options)],
    ['Agent', agentText(record.agent) ?? '_No agent_'],
    ['Skill group', groupText(record.skillGroup)],
    ['Queue wait', record.direction === 'inbound' ? formatDuration(d.queueWait) : undefined],
    ['Talk time', d.talk > 0 ? formatDuration(d.talk) : 'Not connected'],
    ['End reason', escapeMrkdwn(record.endStatus.meaning)],
    ['Hung up by', hungUpText(record.hungUpBy)],
  ];
}

/**
 * The channel post for a finished call: outcome emoji and title in the header, a bold "Needs follow-up" /
 * "Action needed" line for warnings and alerts (severity never relies on colour), the facts as fields
 * (numbers masked unless `showNumbers`), the session and the start time as a date token, and the
 * "Call details" and (only when the call has one) "Recording" buttons carrying `{ v, sessionId, start, end }`.
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
  const when = record.startedAt ?? record.endedAt;
  const buttons = value
    ? [
        button('Call details', ACTION_CALL_DETAILS, value),
        ...(record.hasRecording ? [button('Recording', ACTION_CALL_RECORDING, value)] : []),
      ]
    : [];
  const counts =
    record.transfers > 0 ? [`${record.transfers} transfer${record.transfers === 1 ? '' : 's'}`] : [];
  return fitToLimits({
    text: `${escapeMrkdwn(summary.title)} (caller ${number(record.caller, options)})`,
    blocks: [
      header(`${emoji} ${summary.title}`),
      ...(status ? [section(status)] : []),
      fields(callFields(record, options)),
      context([
        `Session ${mrkdwnCode(record.sessionId)}`,
        ...(when ? [slackDate(unix(when), options.timeZone)] : []),
        ...counts,
      ]),
      ...(buttons.length ? [actions(buttons)] : []),
    ],
  });
}
