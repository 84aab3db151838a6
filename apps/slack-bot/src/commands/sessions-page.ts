import type { DeskImCdr } from '@ccc-kit/schemas';
import type { BotDeps } from '../deps.ts';
import { needDesk } from './backends.ts';
import type { SearchWindow } from './window.ts';

/** Sessions per page of `/ccc sessions` (one section each, well under Slack's 50 blocks). */
export const SESSIONS_PAGE_SIZE = 10;

/** Which page of `/ccc sessions` to show: `skip` newest sessions were already shown. */
export interface SessionsQuery {
  readonly clientUserId: string | undefined;
  readonly window: SearchWindow;
  readonly skip: number;
  /** Sessions in the window, once known (the window's end is fixed, so it does not move). */
  readonly total?: number | undefined;
}

/** One page, newest first. */
export interface SessionsPage {
  readonly sessions: readonly DeskImCdr[];
  readonly total: number;
  /** The query of the next page, when there is one. */
  readonly next: SessionsQuery | undefined;
}

/**
 * Fetches a page of chat sessions, newest first. describe_im_cdr_list has no sort option and lists
 * sessions oldest first, so the page is read from the end of the window: with `total` known, offset
 * `total - skip - size`; the first page learns `total` from a first request.
 */
export async function fetchSessionsPage(deps: BotDeps, query: SessionsQuery): Promise<SessionsPage> {
  const desk = needDesk(deps);
  const base = {
    startTimestamp: query.window.start,
    endTimestamp: query.window.end,
    ...(query.clientUserId ? { clientUserId: query.clientUserId } : {}),
  };
  let total = query.total;
  let items: DeskImCdr[] | undefined;
  if (total === undefined) {
    const first = await desk.listSessions({ ...base, limit: SESSIONS_PAGE_SIZE, offset: 0 });
    total = first.totalCount;
    if (total <= SESSIONS_PAGE_SIZE) items = first.items;
  }
  const end = Math.max(0, total - query.skip);
  const offset = Math.max(0, end - SESSIONS_PAGE_SIZE);
  if (!items && end > 0) items = (await desk.listSessions({ ...base, limit: end - offset, offset })).items;
  const sessions = [...(items ?? [])].sort((a, b) => (b.Timestamp ?? 0) - (a.Timestamp ?? 0));
  const shown = query.skip + sessions.length;
  return {
    sessions,
    total,
    next: shown < total && sessions.length > 0 ? { ...query, skip: shown, total } : undefined,
  };
}
