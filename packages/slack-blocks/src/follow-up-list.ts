import { maskNumber } from '@ccc-kit/cdr-parser';
import type { SectionBlock } from '@slack/types';
import {
  ACTION_CALL_DETAILS,
  ACTION_MISSED_MORE,
  encodeActionValue,
  type MoreActionValue,
} from './action-value.ts';
import { actions, button, context, header, section } from './blocks.ts';
import { slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode, oneLine } from './escape.ts';
import { fitToLimits } from './limits.ts';
import { clipText } from './truncate.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** A missed call waiting for a callback, as the webhook lists it. */
export interface WaitingFollowUp {
  readonly sessionId: string;
  /** `open` (nobody has it) or `taken`. */
  readonly state: 'open' | 'taken';
  /** The customer's number in E.164 digits (`8613800138000`), when known; shown masked. */
  readonly customer: string | null;
  /** When the call was missed, Unix seconds. */
  readonly missedAt: number;
  readonly skillGroup: string | null;
  /** Slack user ID of who has it, when taken. */
  readonly takenBy: string | null;
  readonly takenAt: number | null;
}

/** One page of the waiting list. */
export interface WaitingPage {
  /** Position of the first row shown, from 0. */
  readonly offset: number;
  readonly total: number;
  /** Listed since, Unix seconds (the list's "missed since"). */
  readonly since: number;
  /** The value of the "More" button (`ACTION_MISSED_MORE`), when there is a next page. */
  readonly next?: MoreActionValue | undefined;
  /** The skill group listed, when the list is one group's. */
  readonly group?: string | undefined;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** Seconds of DescribeSessionDetail's window after the missed call's start (the Details button). */
const DETAILS_AFTER = 7_200;

function row(item: WaitingFollowUp, options: RenderOptions): SectionBlock {
  const who = item.customer ? maskNumber(`+${item.customer}`) : 'unknown number';
  const group = item.skillGroup ? ` · ${escapeMrkdwn(clipText(oneLine(item.skillGroup), 60))}` : '';
  const taken =
    item.state === 'taken' && item.takenBy && USER_ID.test(item.takenBy)
      ? `:raising_hand: <@${item.takenBy}> has it${item.takenAt ? ` since ${slackDate(item.takenAt, options.timeZone)}` : ''}`
      : '*Nobody has it yet*';
  const text = `:warning: *Missed call from ${escapeMrkdwn(who)}*${group}\n${slackDate(item.missedAt, options.timeZone)} · ${taken} · ${mrkdwnCode(item.sessionId)}`;
  const value = encodeActionValue({
    v: 1,
    sessionId: item.sessionId,
    start: Math.max(0, item.missedAt - 300),
    end: item.missedAt + DETAILS_AFTER,
  });
  return { ...section(text), accessory: button('Details', ACTION_CALL_DETAILS, value) };
}

/**
 * The missed calls waiting for a callback (`/ccc missed`), longest waiting first: who called (masked),
 * when, the skill group, who has it, each with a "Details" button (`ACTION_CALL_DETAILS`), and "More"
 * (`ACTION_MISSED_MORE`) carrying `page.next`. Give at most 20 rows.
 *
 * @example
 * await respond(waitingFollowUpsMessage(rows, { offset: 0, total: 3, since: nowSeconds - 86_400 }));
 */
export function waitingFollowUpsMessage(
  items: readonly WaitingFollowUp[],
  page: WaitingPage,
  options: RenderOptions = {},
): SlackMessage {
  const shown = items.slice(0, 20);
  const scope = page.group ? ` in ${clipText(oneLine(page.group), 60)}` : '';
  const title = shown.length
    ? `Missed calls waiting${scope} · ${page.offset + 1}–${page.offset + shown.length} of ${page.total}`
    : `No missed calls waiting${scope}`;
  return fitToLimits({
    text: escapeMrkdwn(title),
    blocks: [
      header(title),
      ...(shown.length
        ? shown.map((item) => row(item, options))
        : [section('_Every missed call of this period was called back or resolved._')]),
      context([`Missed since ${slackDate(page.since, options.timeZone)}, longest waiting first`]),
      ...(page.next ? [actions([button('More', ACTION_MISSED_MORE, encodeActionValue(page.next))])] : []),
    ],
  });
}
