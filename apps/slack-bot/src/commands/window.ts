import type { Since } from './parse.ts';

const DAY = 86_400;
/** Default search window of `/ccc call` and the call buttons: Tencent wants a range shorter than 90 days. */
export const CALL_LOOKBACK_DAYS = 89;
/** How far back CCC call details can be searched (DescribeSessionDetail: "up to the past 180 days"). */
export const CALL_RETENTION_DAYS = 180;
/** Default window of `/ccc sessions`. */
export const SESSIONS_LOOKBACK_DAYS = 7;
// Margin kept from Tencent's 180-day limit, so a window computed now is still valid when it is signed.
const RETENTION_MARGIN = 600;

/** A search window in Unix seconds; `endsNow` when it runs up to the moment of the command. */
export interface SearchWindow {
  readonly start: number;
  readonly end: number;
  readonly endsNow: boolean;
}

/** A window, or the one-line reason the `--since` value cannot be used. */
export type WindowResult =
  | { readonly ok: true; readonly window: SearchWindow }
  | { readonly ok: false; readonly problem: string };

const startOf = (since: Since, now: number): number =>
  since.kind === 'ago' ? now - since.seconds : since.unix;

/** Default window of `/ccc calls <number>`. */
export const NUMBER_CALLS_LOOKBACK_DAYS = 30;
/** Default window of `/ccc calls --agent`. */
export const AGENT_CALLS_LOOKBACK_DAYS = 7;

/**
 * The DescribeSessionDetail (or DescribeTelCdr) window for `--since` (default: the last `defaultDays`,
 * 89): from `since`, at most 89 days long, never past now, never more than 180 days back.
 */
export function callWindow(
  since: Since | undefined,
  nowMs: number,
  defaultDays: number = CALL_LOOKBACK_DAYS,
): WindowResult {
  const now = Math.floor(nowMs / 1000);
  const start = since ? startOf(since, now) : now - defaultDays * DAY;
  if (start > now) return { ok: false, problem: `\`--since ${since?.text}\` is in the future.` };
  if (start < now - CALL_RETENTION_DAYS * DAY)
    return {
      ok: false,
      problem: `\`--since ${since?.text}\` is more than ${CALL_RETENTION_DAYS} days ago; Tencent keeps call details for ${CALL_RETENTION_DAYS} days.`,
    };
  const clamped = Math.max(start, now - CALL_RETENTION_DAYS * DAY + RETENTION_MARGIN);
  const end = Math.min(clamped + CALL_LOOKBACK_DAYS * DAY, now);
  return { ok: true, window: { start: clamped, end, endsNow: end === now } };
}

/** Default window of `/ccc missed`: one day. */
export const MISSED_LOOKBACK_DAYS = 1;

/** The window up to now for `--since` (default: the last `defaultDays`, 7: describe_im_cdr_list's). */
export function sessionsWindow(
  since: Since | undefined,
  nowMs: number,
  defaultDays: number = SESSIONS_LOOKBACK_DAYS,
): WindowResult {
  const now = Math.floor(nowMs / 1000);
  const start = since ? startOf(since, now) : now - defaultDays * DAY;
  if (start > now) return { ok: false, problem: `\`--since ${since?.text}\` is in the future.` };
  return { ok: true, window: { start, end: now, endsNow: true } };
}

const day = (unix: number): string => new Date(unix * 1000).toISOString().slice(0, 10);

/** "in the last 89 days", "in the last 24 hours" or "between 2024-06-01 and 2024-08-29", for messages. */
export function describeWindow(window: SearchWindow): string {
  const span = window.end - window.start;
  if (!window.endsNow) return `between ${day(window.start)} and ${day(window.end)}`;
  if (span < 2 * DAY) return `in the last ${Math.max(1, Math.round(span / 3600))} hours`;
  return `in the last ${Math.round(span / DAY)} days`;
}

/**
 * A call window from a button, trimmed to what Tencent still keeps (its start at most 180 days back);
 * undefined when the whole window is older (a button on a post older than 180 days).
 */
export function retainedWindow(start: number, end: number, nowMs: number): SearchWindow | undefined {
  const oldest = Math.floor(nowMs / 1000) - CALL_RETENTION_DAYS * DAY + RETENTION_MARGIN;
  if (end < oldest) return undefined;
  return { start: Math.max(start, oldest), end, endsNow: false };
}

/** The answer for a call whose details Tencent no longer keeps. */
export const RETENTION_EXPIRED = `This call is more than ${CALL_RETENTION_DAYS} days old; Tencent no longer keeps its details.`;
