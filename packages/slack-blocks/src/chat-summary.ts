import { type ChatRecord, formatDuration, maskText, summarize } from '@ccc-kit/cdr-parser';
import { context, fields, header, section } from './blocks.ts';
import { assertTimeZone, slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode } from './escape.ts';
import { fitToLimits } from './limits.ts';
import { agentText, CHAT_OUTCOME_EMOJI, groupText, severityLine, unix } from './record-format.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** Options of {@link chatSummaryMessage}. */
export type ChatSummaryOptions = RenderOptions;

// Customers often make their phone number their nickname or say it in a remark: both are masked like
// numbers (runs of 7+ digits), as the title already does, unless `showNumbers`.
const customerWords = (text: string, options: RenderOptions): string =>
  options.showNumbers ? text : maskText(text);

function customerText(record: ChatRecord, options: RenderOptions): string {
  const { id, nickname } = record.customer;
  const shownId = options.showNumbers && id.raw ? id.raw : id.masked;
  return escapeMrkdwn(nickname ? `${customerWords(nickname, options)} (${shownId})` : shownId);
}

/**
 * The channel post for a finished chat session: outcome emoji and title, a bold status line for warnings
 * and alerts, the customer (id, and digit runs in the nickname and remark, masked unless `showNumbers`),
 * agent, skill group, waits and end reason as fields, and the session and start time as context.
 *
 * @example
 * await client.chat.postMessage({ channel, ...chatSummaryMessage(toChatRecord(push.payload)) });
 */
export function chatSummaryMessage(record: ChatRecord, options: ChatSummaryOptions = {}): SlackMessage {
  assertTimeZone(options.timeZone);
  const summary = summarize(record, options.timeZone ? { timeZone: options.timeZone } : {});
  const emoji = CHAT_OUTCOME_EMOJI[record.outcome] ?? CHAT_OUTCOME_EMOJI.unknown;
  const status = severityLine(summary.severity, record.endStatus.meaning);
  const d = record.durations;
  const when = record.startedAt ?? record.endedAt;
  return fitToLimits({
    text: `${escapeMrkdwn(summary.title)} (customer ${customerText(record, options)})`,
    blocks: [
      header(`${emoji} ${summary.title}`),
      ...(status ? [section(status)] : []),
      fields([
        ['Customer', customerText(record, options)],
        ['Agent', agentText(record.agent) ?? '_No agent_'],
        ['Skill group', groupText(record.skillGroup)],
        ['Bot time', d.ivr > 0 ? formatDuration(d.ivr) : undefined],
        ['Queue wait', formatDuration(d.queueWait)],
        ['Chat time', d.talk > 0 ? formatDuration(d.talk) : 'Not connected'],
        ['End reason', escapeMrkdwn(record.endStatus.meaning)],
        ['Remark', record.remark ? escapeMrkdwn(customerWords(record.remark, options)) : undefined],
      ]),
      context([
        `Chat session ${mrkdwnCode(record.sessionId)}`,
        ...(when ? [slackDate(unix(when), options.timeZone)] : []),
      ]),
    ],
  });
}
