import { type CallRecord, formatDuration, summarize } from '@ccc-kit/cdr-parser';
import type { SectionBlock } from '@slack/types';
import {
  ACTION_CALL_DETAILS,
  ACTION_CALLS_MORE,
  encodeActionValue,
  type MoreActionValue,
} from './action-value.ts';
import { actions, button, context, header, section } from './blocks.ts';
import { slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode } from './escape.ts';
import { fitToLimits } from './limits.ts';
import { agentText, CALL_OUTCOME_EMOJI, sessionValue, unix } from './record-format.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** One page of a call list (`/ccc calls`): what it is, where it starts, and how to get the next one. */
export interface CallListPage {
  /** The header, e.g. `Calls with 0086138****8000` (plain text, escaped here; mask numbers before). */
  readonly heading: string;
  /** Position of the first call shown, from 0. */
  readonly offset: number;
  /** Calls in all, when known. */
  readonly total?: number | undefined;
  /** Query window, Unix seconds. */
  readonly start: number;
  readonly end: number;
  /** The value of the "More" button (`ACTION_CALLS_MORE`), when there is a next page. */
  readonly next?: MoreActionValue | undefined;
  /** A line under the list (mrkdwn, escaped by the caller), e.g. how far back the search got. */
  readonly note?: string | undefined;
}

/** Most rows one message shows (each is a block, well under Slack's 50). */
export const MAX_CALL_ROWS = 20;

/** The party that is not us: the caller of an inbound call, the callee of an outbound one. */
const customerOf = (call: CallRecord): string =>
  call.direction === 'outbound' ? call.callee.masked : call.caller.masked;

/** One call as a list row: outcome, time, customer, agent, talk time, session id, and a Details button. */
export function callRow(call: CallRecord, options: RenderOptions): SectionBlock {
  const zone = options.timeZone ? { timeZone: options.timeZone } : {};
  const title = summarize(call, zone).title;
  const emoji = CALL_OUTCOME_EMOJI[call.outcome] ?? CALL_OUTCOME_EMOJI.unknown;
  const at = call.startedAt ?? call.endedAt;
  const facts = [
    at ? slackDate(unix(at), options.timeZone) : undefined,
    escapeMrkdwn(customerOf(call)),
    agentText(call.agent),
    call.durations.talk > 0 ? `talk ${formatDuration(call.durations.talk)}` : undefined,
    mrkdwnCode(call.sessionId),
  ].filter(Boolean);
  const text = `${emoji} *${escapeMrkdwn(title)}*\n${facts.join(' · ')}`;
  const value = sessionValue(call.sessionId, call.startedAt, call.endedAt);
  const block = section(text);
  return value ? { ...block, accessory: button('Details', ACTION_CALL_DETAILS, value) } : block;
}

/**
 * A page of calls, newest first as given: one section per call (outcome, time, customer, agent, talk time,
 * session id) with a "Details" button (`ACTION_CALL_DETAILS`, the same value as a webhook post's), and a
 * "More" button (`ACTION_CALLS_MORE`) carrying `page.next`. Numbers are shown as the records mask them.
 * At most {@link MAX_CALL_ROWS} rows; give fewer.
 *
 * @example
 * const calls = rows.map((row) => toCallRecord(parseCdrPush(row)));
 * await respond(callListMessage(calls, { heading: 'Calls of Wang Fang', offset: 0, start, end }));
 */
export function callListMessage(
  calls: readonly CallRecord[],
  page: CallListPage,
  options: RenderOptions = {},
): SlackMessage {
  const shown = calls.slice(0, MAX_CALL_ROWS);
  const range = shown.length
    ? `${page.offset + 1}–${page.offset + shown.length}${page.total !== undefined ? ` of ${page.total}` : ''}`
    : '';
  const title = shown.length ? `${page.heading} · ${range}` : page.heading;
  const window = `${slackDate(page.start, options.timeZone)} to ${slackDate(page.end, options.timeZone)}`;
  return fitToLimits({
    text: escapeMrkdwn(shown.length ? title : `${page.heading}: no calls`),
    blocks: [
      header(title),
      ...(shown.length
        ? shown.map((call) => callRow(call, options))
        : [section('_No calls in this time range._')]),
      context([window, ...(page.note ? [page.note] : [])]),
      ...(page.next ? [actions([button('More', ACTION_CALLS_MORE, encodeActionValue(page.next))])] : []),
    ],
  });
}
