import {
  type CallRecord,
  type ChatRecord,
  formatDuration,
  maskNumber,
  maskText,
  summarize,
} from '@ccc-kit/cdr-parser';
import { type DeskImCdr, deskEndStatusLabel } from '@ccc-kit/schemas';
import { ACTION_SESSIONS_MORE, encodeActionValue } from './action-value.ts';
import { actions, button, context, header, section } from './blocks.ts';
import { slackDate } from './dates.ts';
import { escapeMrkdwn, mrkdwnCode } from './escape.ts';
import { fitToLimits } from './limits.ts';
import { CALL_OUTCOME_EMOJI, CHAT_OUTCOME_EMOJI, unix } from './record-format.ts';
import { clipText } from './truncate.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** A row of a session list: a call or chat record, or a Desk `describe_im_cdr_list` entry as received. */
export type SessionListItem = CallRecord | ChatRecord | DeskImCdr;

/** Which page of which query the sessions are: the "More" button asks for the next one. */
export interface SessionPage {
  /** Offset of the first session shown. */
  readonly offset: number;
  /** Page size asked for, 1–100. */
  readonly limit: number;
  /** Total across pages when the API said (`TotalCount`); without it, a full page implies more. */
  readonly total?: number;
  /** Query window, Unix seconds. */
  readonly start: number;
  readonly end: number;
  /** The filter the user typed (customer id, number), carried to the next page. */
  readonly filter?: string;
}

const SECTION_CHARS = 2900;

/** The customer of a Desk row: nickname (digit runs masked) or id (masked), unless `showNumbers`. */
function deskCustomer(cdr: DeskImCdr, options: RenderOptions): string {
  const nickname = cdr.ClientUserNickName?.trim();
  if (options.showNumbers) return nickname || cdr.ClientUserId || '';
  return nickname ? maskText(nickname) : cdr.ClientUserId ? maskNumber(cdr.ClientUserId) : '';
}

// Desk fills `EndStatus` when a session ends: a row without one is a session still open.
const IN_PROGRESS = 'In progress';

function deskLine(cdr: DeskImCdr, options: RenderOptions): string {
  const customer = deskCustomer(cdr, options);
  const open = !cdr.EndStatus;
  const when = cdr.Timestamp ? ` · ${slackDate(cdr.Timestamp, options.timeZone)}` : '';
  const duration = cdr.Duration && !open ? ` · ${formatDuration(cdr.Duration)}` : '';
  const stars = cdr.SatisfactionSelected
    ? ` · ${'★'.repeat(Math.min(5, Math.max(0, cdr.SatisfactionSelected)))}`
    : '';
  const status = open ? IN_PROGRESS : deskEndStatusLabel(cdr.EndStatus);
  const words = `Chat with ${customer || 'unknown customer'}${cdr.AgentId ? ` · ${cdr.AgentId}` : ''} · ${status}${duration}${stars}`;
  return `:speech_balloon: ${escapeMrkdwn(words)}${when} · ${mrkdwnCode(cdr.SessionId)}`;
}

// Desk records are loose objects (any key may appear), so a record is told apart by its `kind` value.
const isRecord = (item: SessionListItem): item is CallRecord | ChatRecord =>
  (item as { kind?: unknown }).kind === 'call' || (item as { kind?: unknown }).kind === 'chat';

function itemLine(item: SessionListItem, options: RenderOptions): string {
  if (!isRecord(item)) return deskLine(item as DeskImCdr, options);
  const title = summarize(item, options.timeZone ? { timeZone: options.timeZone } : {}).title;
  const emoji =
    item.kind === 'call'
      ? (CALL_OUTCOME_EMOJI[item.outcome] ?? CALL_OUTCOME_EMOJI.unknown)
      : (CHAT_OUTCOME_EMOJI[item.outcome] ?? CHAT_OUTCOME_EMOJI.unknown);
  const at = item.startedAt ?? item.endedAt;
  const when = at ? ` · ${slackDate(unix(at), options.timeZone)}` : '';
  return `${emoji} ${escapeMrkdwn(title)}${when} · ${mrkdwnCode(item.sessionId)}`;
}

/** Whether a page has a next one. */
const hasMore = (count: number, page: SessionPage): boolean =>
  page.total !== undefined ? page.offset + count < page.total : count >= page.limit;

/** How many lines fit one section; the rest go to the next page rather than being dropped. */
function linesThatFit(lines: readonly string[]): number {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    if (count > 0 && used + line.length + 1 > SECTION_CHARS) break;
    used += line.length + 1;
    count++;
  }
  return count;
}

/**
 * One page of sessions (calls, chats or Desk chat records), one line each with outcome, time and session
 * id, and a "More" button carrying the next page's `{ v, offset, limit, start, end, filter }` when there
 * are more. Rows that do not fit one message are not dropped: the "More" button starts from them. A Desk
 * row without an end status is a session still open and reads "In progress"; customer ids and digit runs
 * in nicknames are masked unless `showNumbers`. Rows are shown in the order given.
 *
 * @example
 * const res = await desk.describeImCdrList({ StartTimestamp, EndTimestamp, Limit: 10, Offset: 0 });
 * const page = { offset: 0, limit: 10, total: res.TotalCount, start: StartTimestamp, end: EndTimestamp };
 * await respond(sessionListMessage(res.IMCdrList, page));
 */
export function sessionListMessage(
  sessions: readonly SessionListItem[],
  page: SessionPage,
  options: RenderOptions = {},
): SlackMessage {
  const lines = sessions.map((s) => itemLine(s, options));
  const shown = linesThatFit(lines);
  const last = page.offset + shown;
  const total = page.total !== undefined ? ` of ${page.total}` : '';
  const title = shown ? `Sessions ${page.offset + 1}–${last}${total}` : 'No sessions found';
  const more = shown > 0 && (shown < sessions.length || hasMore(sessions.length, page));
  const next = {
    v: 1 as const,
    offset: last,
    limit: page.limit,
    start: page.start,
    end: page.end,
    ...(page.filter !== undefined ? { filter: page.filter } : {}),
  };
  return fitToLimits({
    text: title,
    blocks: [
      header(title),
      section(
        shown
          ? clipText(lines.slice(0, shown).join('\n'), SECTION_CHARS)
          : '_No sessions in this time range._',
      ),
      context([`${slackDate(page.start, options.timeZone)} to ${slackDate(page.end, options.timeZone)}`]),
      ...(more ? [actions([button('More', ACTION_SESSIONS_MORE, encodeActionValue(next))])] : []),
    ],
  });
}
