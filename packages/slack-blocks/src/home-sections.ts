import { formatDuration } from '@ccc-kit/cdr-parser';
import type { KnownBlock } from '@slack/types';
import { context, fields, header, section } from './blocks.ts';
import { callRow } from './call-list.ts';
import { slackDate } from './dates.ts';
import { escapeMrkdwn } from './escape.ts';
import type { HomeAgents, HomeInput, HomePart, HomeQueue, HomeQueueRow, HomeToday } from './home-types.ts';

const seconds = (value: number | null): string => (value === null ? '–' : formatDuration(value));
const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
/** Free agents named per group; the rest counted. */
const MAX_NAMES = 8;

/** `3 min ago`, `40 s ago`. */
function age(now: number, readAt: number): string {
  const s = Math.max(0, Math.round(now - readAt));
  return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

/** The part's state under its heading: nothing when fresh, else the age of what is shown and why. */
export function staleNote(part: HomePart<unknown>, now: number, timeZone?: string): KnownBlock[] {
  if (!part.problem) return [];
  const reason = escapeMrkdwn(part.problem);
  if (part.value === null || part.readAt === null) return [context([`:warning: Not available: ${reason}`])];
  return [
    context([
      `:warning: Showing what was read ${slackDate(part.readAt, timeZone)} (${age(now, part.readAt)}): ${reason}`,
    ]),
  ];
}

const queueLine = (row: HomeQueueRow): string =>
  `*${escapeMrkdwn(row.name)}*: ${row.queued} queued · ${row.ringing} ringing · ${row.inIvr} in IVR · longest wait ${seconds(row.longestWait)}${row.connected === null ? '' : ` · ${row.connected} on a call`}`;

const busiest = (a: HomeQueueRow, b: HomeQueueRow): number =>
  b.queued - a.queued ||
  b.ringing - a.ringing ||
  (b.longestWait ?? 0) - (a.longestWait ?? 0) ||
  (b.connected ?? 0) - (a.connected ?? 0) ||
  a.name.localeCompare(b.name);

/** Totals, then the busiest groups one per line, the rest summed in one line. */
export function queueBlocks(queue: HomeQueue, maxGroups: number): KnownBlock[] {
  const t = queue.total;
  const sorted = [...queue.groups].sort(busiest);
  const shown = sorted.slice(0, maxGroups);
  const rest = sorted.slice(maxGroups);
  const restLine = rest.length
    ? [
        `_… ${rest.length} more group${rest.length === 1 ? '' : 's'}: ${rest.reduce((n, g) => n + g.queued, 0)} queued, ${rest.reduce((n, g) => n + g.ringing, 0)} ringing_`,
      ]
    : [];
  return [
    fields([
      ['Queued', String(t.queued)],
      ['Ringing', String(t.ringing)],
      ['In IVR', String(t.inIvr)],
      ['Longest wait now', seconds(t.longestWait)],
      ...(t.connected === null ? [] : ([['On a call now', String(t.connected)]] as const)),
    ]),
    ...(shown.length ? [section([...shown.map(queueLine), ...restLine].join('\n'))] : []),
  ];
}

/** Counts by status, then who is free in each group. */
export function agentBlocks(agents: HomeAgents): KnownBlock[] {
  const c = agents.counts;
  const free = agents.freeByGroup.filter((g) => g.names.length > 0);
  const lines = free.map((g) => {
    const names = g.names.slice(0, MAX_NAMES).map(escapeMrkdwn).join(', ');
    const more = g.names.length - MAX_NAMES;
    return `*${escapeMrkdwn(g.group)}*: ${names}${more > 0 ? ` and ${more} more` : ''}`;
  });
  return [
    fields([
      ['Free', String(c.free)],
      ['On a call', String(c.busy)],
      ['After-call work', String(c.afterCallWork)],
      ['Resting', String(c.rest)],
      ['Not ready', String(c.notReady)],
      ['Offline', String(c.offline + c.other)],
    ]),
    section(lines.length ? `Free now:\n${lines.join('\n')}` : '_Nobody is free right now._'),
  ];
}

/** Today's numbers. */
export function todayBlocks(today: HomeToday): KnownBlock[] {
  return [
    fields([
      ['Offered', String(today.offered)],
      ['Answered', `${today.answered} (${percent(today.answerRate)})`],
      ['Missed', String(today.missed)],
      [`Answered within ${today.serviceLevelSeconds}s`, percent(today.serviceLevel)],
      ['Longest wait', seconds(today.longestWait)],
    ]),
    context([`From ${escapeMrkdwn(today.source)}`]),
  ];
}

/** The viewer's last calls with Details buttons, or why there are none. */
export function yourCallBlocks(input: HomeInput): KnownBlock[] {
  const mine = input.yourCalls;
  if (!mine) return [];
  const body: KnownBlock[] =
    'reason' in mine
      ? [context([escapeMrkdwn(mine.reason)])]
      : mine.calls.length
        ? mine.calls.map((call) => callRow(call, input.timeZone ? { timeZone: input.timeZone } : {}))
        : [section('_No calls of yours today._')];
  return [header('Your calls'), ...body];
}
