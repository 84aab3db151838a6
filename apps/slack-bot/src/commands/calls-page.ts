import { type CallRecord, normalizeNumber, toCallRecord } from '@ccc-kit/cdr-parser';
import { safeParseCdrPush, type TelCdrInfo } from '@ccc-kit/schemas';
import type { BotDeps } from '../deps.ts';
import { needCcc } from './backends.ts';
import { newestInWindow } from './newest-in-window.ts';
import type { CallsFilter } from './parse-calls.ts';
import type { SearchWindow } from './window.ts';

/** Calls per page of `/ccc calls` (one section and one Details button each). */
export const CALLS_PAGE_SIZE = 10;
/** DescribeTelCdr rows per request: Tencent's maximum. */
const TEL_CDR_PAGE = 100;
/**
 * DescribeTelCdr requests one page may use. A number is filtered by Tencent (one request, a few for a busy
 * number); an agent is not, so their calls are found by reading the window newest first: 30 requests read
 * up to 3,000 calls (about 2 s at the 20 requests/s Tencent allows), and the answer says how far back it got.
 */
export const MAX_CALLS_REQUESTS = 30;

/** Which page of `/ccc calls`; `filter` may still name a Slack user until the lookup resolves it. */
export interface CallsQuery {
  readonly filter: CallsFilter;
  readonly window: SearchWindow;
  /** Calls already shown (the newest `skip` of the window). */
  readonly skip: number;
}

/** A query whose agent is known by email. */
export type ResolvedCallsQuery = CallsQuery & { readonly filter: Exclude<CallsFilter, { kind: 'mention' }> };

/** One page, newest first. */
export interface CallsPage {
  readonly calls: readonly CallRecord[];
  /** Calls in all, when the whole window was searched. */
  readonly total: number | undefined;
  /** The query of the next page, when there is one. */
  readonly next: ResolvedCallsQuery | undefined;
  /** Set when the request budget ran out: only calls from this time on were searched. */
  readonly searchedFrom: number | undefined;
}

/**
 * The forms Tencent may store a number in, for DescribeTelCdr's `Phones`: `0086…` (the only documented
 * form), and for a mainland landline also with the trunk 0 kept (`00860755…`), as CCC writes landlines.
 */
export function tencentNumberForms(number: string): string[] {
  const forms = [`00${number}`];
  if (/^86[2-9]/.test(number) && !/^86[48]00/.test(number)) forms.push(`00860${number.slice(2)}`);
  return forms;
}

const timeOf = (row: TelCdrInfo): number => row.Time ?? row.StartTimestamp ?? 0;

/** Rows of the filter: Tencent's `Phones` semantics are undocumented, so its answer is checked here too. */
function keeper(filter: ResolvedCallsQuery['filter']): (row: TelCdrInfo) => boolean {
  if (filter.kind === 'number')
    return (row) =>
      !!row.SessionId && [row.Caller, row.Callee].some((n) => normalizeNumber(n) === filter.number);
  const handled = (mail: string | null | undefined) => mail?.trim().toLowerCase() === filter.email;
  return (row) =>
    !!row.SessionId && (handled(row.SeatUser?.Mail) || row.ServeParticipants.some((p) => handled(p.Mail)));
}

/** A DescribeTelCdr row as a record; undefined (and logged) for a row the push parser refuses. */
function recordOf(deps: BotDeps, row: TelCdrInfo): CallRecord | undefined {
  const parsed = safeParseCdrPush(row);
  if (parsed.ok) return toCallRecord(parsed.value);
  deps.logger.warn({ sessionId: row.SessionId, issues: parsed.issues.length }, 'call row skipped');
  return undefined;
}

/**
 * Fetches a page of a customer's or an agent's calls, newest first, whatever order DescribeTelCdr answers
 * in (see `newestInWindow`). The window's end is fixed when the command runs, so More pages do not shift.
 */
export async function fetchCallsPage(deps: BotDeps, query: ResolvedCallsQuery): Promise<CallsPage> {
  const ccc = needCcc(deps);
  const { filter } = query;
  const phones = filter.kind === 'number' ? { phones: tencentNumberForms(filter.number) } : {};
  const list = async (start: number, end: number, page: number) => {
    const args = { startTimestamp: start, endTimestamp: end, pageSize: TEL_CDR_PAGE, pageNumber: page };
    const answer = await ccc.describeTelCdr({ ...args, ...phones });
    return { items: answer.TelCdrList, totalCount: answer.TotalCount };
  };
  const need = query.skip + CALLS_PAGE_SIZE + 1;
  const found = await newestInWindow(list, query.window, need, {
    timeOf,
    idOf: (row) => row.SessionId ?? '',
    keep: keeper(filter),
    maxRequests: MAX_CALLS_REQUESTS,
  });
  const rows = found.rows.slice(query.skip, query.skip + CALLS_PAGE_SIZE);
  const shown = query.skip + rows.length;
  const more = found.rows.length > shown;
  return {
    calls: rows.flatMap((row) => recordOf(deps, row) ?? []),
    total: more || found.searchedFrom !== undefined ? undefined : found.rows.length,
    next: more ? { ...query, skip: shown } : undefined,
    searchedFrom: found.searchedFrom,
  };
}
