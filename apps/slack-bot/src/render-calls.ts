import { maskNumber } from '@ccc-kit/cdr-parser';
import { callListMessage, type MoreActionValue, slackDate } from '@ccc-kit/slack-blocks';
import { CALLS_PAGE_SIZE, type CallsPage, type ResolvedCallsQuery } from './commands/calls-page.ts';
import type { Reply } from './deps.ts';

/** The `filter` of a calls More or Share value: `tel:<E.164 digits>` or `agent:<email>`. */
export function callsFilterText(filter: ResolvedCallsQuery['filter']): string {
  return filter.kind === 'number' ? `tel:${filter.number}` : `agent:${filter.email}`;
}

/** The value of a calls More or Share button for `query` (its page starts at `query.skip`). */
export function callsActionValue(query: ResolvedCallsQuery): MoreActionValue {
  return {
    v: 1,
    offset: query.skip,
    limit: CALLS_PAGE_SIZE,
    start: query.window.start,
    end: query.window.end,
    filter: callsFilterText(query.filter),
  };
}

function headingOf(page: CallsPage, filter: ResolvedCallsQuery['filter']): string {
  if (filter.kind === 'number') return `Calls with ${maskNumber(`00${filter.number}`)}`;
  const agent = page.calls.find((c) => c.agent?.email?.toLowerCase() === filter.email)?.agent;
  return `Calls of ${agent?.name ?? filter.email}`;
}

/**
 * A page of `/ccc calls`. In the channel (after Share) a customer's list has no More button: its value
 * would carry the full number to every member's client, while the message shows it masked.
 */
export function callsReply(page: CallsPage, query: ResolvedCallsQuery, inChannel: boolean): Reply {
  const hideMore = inChannel && query.filter.kind === 'number';
  const next = page.next && !hideMore ? callsActionValue(page.next) : undefined;
  const note =
    page.searchedFrom !== undefined
      ? `Searched back to ${slackDate(page.searchedFrom)} only: an agent's calls are found among all calls, and older ones were not read.`
      : undefined;
  return callListMessage(page.calls, {
    heading: headingOf(page, query.filter),
    offset: query.skip,
    total: page.total,
    start: query.window.start,
    end: query.window.end,
    next,
    note,
  });
}
