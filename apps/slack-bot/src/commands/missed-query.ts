import type { MoreActionValue } from '@ccc-kit/slack-blocks';

/** Rows per page of `/ccc missed`. */
export const MISSED_PAGE_SIZE = 10;

/** Which page of `/ccc missed`: missed since `since` (Unix seconds), of one skill group or all. */
export interface MissedQuery {
  readonly since: number;
  /** When the command ran (Unix seconds): the window a button carries. */
  readonly until: number;
  readonly group?: string;
  /** Rows already shown. */
  readonly skip: number;
}

/** The value of a More or Share button repeating `query` from its `skip`. */
export function missedActionValue(query: MissedQuery): MoreActionValue {
  return {
    v: 1,
    offset: query.skip,
    limit: MISSED_PAGE_SIZE,
    start: query.since,
    end: query.until,
    ...(query.group ? { filter: `group:${query.group}` } : {}),
  };
}
