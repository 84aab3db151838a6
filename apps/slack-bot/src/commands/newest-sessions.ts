import type { DeskPage } from '@ccc-kit/desk-client';
import type { DeskImCdr } from '@ccc-kit/schemas';

/** Sessions per describe_im_cdr_list request: Desk's maximum. */
export const LIST_LIMIT = 100;
/** Pages read of a single second's sessions (more than 100 sessions starting in one second). */
const MAX_SECOND_PAGES = 5;

/** One describe_im_cdr_list request: the sessions of `[start, end]` (Unix seconds, both included) from `offset`. */
export type ListSessionsPage = (start: number, end: number, offset: number) => Promise<DeskPage<DeskImCdr>>;

/** Every session of a window too narrow to split (one second), page after page. */
async function readAll(list: ListSessionsPage, at: number, first: DeskPage<DeskImCdr>) {
  const items = [...first.items];
  for (let page = 1; page < MAX_SECOND_PAGES && items.length < first.totalCount; page++) {
    const next = await list(at, at, items.length);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return items;
}

/**
 * All sessions of `[x, end]` for some `x >= start`, at least `need` of them when the window has that many:
 * a window whose first page holds every session is done; a larger one is halved by time and the newer half
 * read first, the older half only when the newer one falls short. Needs no order from Desk.
 */
async function collect(
  list: ListSessionsPage,
  window: { readonly start: number; readonly end: number },
  need: number,
  known?: DeskPage<DeskImCdr>,
): Promise<DeskImCdr[]> {
  const { start, end } = window;
  const first = known ?? (await list(start, end, 0));
  if (first.totalCount <= first.items.length) return [...first.items];
  if (end <= start) return readAll(list, start, first);
  const mid = start + Math.floor((end - start) / 2);
  const newer = await collect(list, { start: mid + 1, end }, need);
  if (newer.length >= need) return newer;
  return [...newer, ...(await collect(list, { start, end: mid }, need - newer.length))];
}

const byTimestampNewestFirst = (a: DeskImCdr, b: DeskImCdr): number =>
  (b.Timestamp ?? 0) - (a.Timestamp ?? 0) || b.SessionId.localeCompare(a.SessionId);

/**
 * The `need` newest sessions of a window, newest first by each session's `Timestamp`, and the window's
 * total. Desk documents no order for describe_im_cdr_list, so nothing is assumed: a window of at most 100
 * sessions is read in one request; a larger one is halved by time (newer half first) until the newest
 * sessions are all read. Requests go one at a time, one or two per halving: 2 for 150 sessions, 8 for a
 * week of 10,000 (the tests count them).
 *
 * @example
 * const { total, sessions } = await newestSessions(list, { start, end }, 20); // page 2 of 10 = sessions[10..19]
 */
export async function newestSessions(
  list: ListSessionsPage,
  window: { readonly start: number; readonly end: number },
  need: number,
): Promise<{ readonly total: number; readonly sessions: DeskImCdr[] }> {
  const first = await list(window.start, window.end, 0);
  const found = await collect(list, window, need, first);
  const unique = [...new Map(found.map((s) => [s.SessionId, s])).values()];
  return { total: first.totalCount, sessions: unique.sort(byTimestampNewestFirst) };
}
