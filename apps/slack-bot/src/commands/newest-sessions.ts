import type { DeskPage } from '@ccc-kit/desk-client';
import type { DeskImCdr } from '@ccc-kit/schemas';
import { newestInWindow } from './newest-in-window.ts';

/** Sessions per describe_im_cdr_list request: Desk's maximum. */
export const LIST_LIMIT = 100;

/** One describe_im_cdr_list request: the sessions of `[start, end]` (Unix seconds, both included) from `offset`. */
export type ListSessionsPage = (start: number, end: number, offset: number) => Promise<DeskPage<DeskImCdr>>;

/**
 * The `need` newest sessions of a window, newest first by each session's `Timestamp`, and the window's
 * total. Desk documents no order for describe_im_cdr_list, so nothing is assumed: see {@link newestInWindow}
 * (a window of at most 100 sessions is one request; 8 requests for a week of 10,000; the tests count them).
 *
 * @example
 * const { total, sessions } = await newestSessions(list, { start, end }, 20); // page 2 of 10 = sessions[10..19]
 */
export async function newestSessions(
  list: ListSessionsPage,
  window: { readonly start: number; readonly end: number },
  need: number,
): Promise<{ readonly total: number; readonly sessions: DeskImCdr[] }> {
  const { total, rows } = await newestInWindow(
    (start, end, page) => list(start, end, page * LIST_LIMIT),
    window,
    need,
    { timeOf: (s) => s.Timestamp ?? 0, idOf: (s) => s.SessionId },
  );
  return { total, sessions: rows };
}
