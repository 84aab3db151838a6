import type { DeskImCdr } from '@ccc-kit/schemas';
import type { BotDeps } from '../deps.ts';
import { needDesk } from './backends.ts';
import { LIST_LIMIT, newestSessions } from './newest-sessions.ts';
import type { SearchWindow } from './window.ts';

/** Sessions per page of `/ccc sessions` (one section each, well under Slack's 50 blocks). */
export const SESSIONS_PAGE_SIZE = 10;

/** Which page of `/ccc sessions` to show: `skip` newest sessions were already shown. */
export interface SessionsQuery {
  readonly clientUserId: string | undefined;
  readonly window: SearchWindow;
  readonly skip: number;
}

/** One page, newest first. */
export interface SessionsPage {
  readonly sessions: readonly DeskImCdr[];
  readonly total: number;
  /** The query of the next page, when there is one. */
  readonly next: SessionsQuery | undefined;
}

/**
 * Fetches a page of chat sessions, newest first by each session's `Timestamp`, whatever order Desk lists
 * them in (see `newestSessions`: the window is read, or halved by time, until the `skip + 10` newest are
 * known). The window's end is fixed when the command runs, so More pages do not shift.
 */
export async function fetchSessionsPage(deps: BotDeps, query: SessionsQuery): Promise<SessionsPage> {
  const desk = needDesk(deps);
  const filter = query.clientUserId ? { clientUserId: query.clientUserId } : {};
  const list = (start: number, end: number, offset: number) =>
    desk.listSessions({ startTimestamp: start, endTimestamp: end, limit: LIST_LIMIT, offset, ...filter });
  const { total, sessions: newest } = await newestSessions(
    list,
    query.window,
    query.skip + SESSIONS_PAGE_SIZE,
  );
  const sessions = newest.slice(query.skip, query.skip + SESSIONS_PAGE_SIZE);
  const shown = query.skip + sessions.length;
  return {
    sessions,
    total,
    next: shown < total && sessions.length > 0 ? { ...query, skip: shown } : undefined,
  };
}
