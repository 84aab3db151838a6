import { addDays, dayStart, localTime } from '@ccc-kit/stats';

/** The range of `/ccc stats` as typed. */
export type StatsRange =
  | { readonly kind: 'today' }
  | { readonly kind: 'yesterday' }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'dates'; readonly from: string; readonly to: string };

/** A resolved range: Unix seconds, and how to say it. */
export interface StatsWindow {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Whole days a range may cover: Tencent's DescribeTelCdr window is under 90 days. */
export const MAX_STATS_DAYS = 90;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HINT = 'use today, yesterday, 7d (up to 90d) or 2026-11-01..2026-11-07';

const realDay = (day: string): boolean =>
  DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/** Reads the range argument of `/ccc stats` (default today); a problem in words otherwise. */
export function parseStatsRange(arg: string | undefined): StatsRange | { readonly problem: string } {
  if (arg === undefined || /^today$/i.test(arg)) return { kind: 'today' };
  if (/^yesterday$/i.test(arg)) return { kind: 'yesterday' };
  const days = /^(\d{1,3})d$/i.exec(arg);
  if (days) {
    const n = Number(days[1]);
    return n >= 1 && n <= MAX_STATS_DAYS
      ? { kind: 'days', days: n }
      : { problem: `\`${arg}\`: ask for 1d to ${MAX_STATS_DAYS}d.` };
  }
  const [from, to, ...more] = arg.split('..');
  if (from && to && more.length === 0 && realDay(from) && realDay(to)) return { kind: 'dates', from, to };
  return { problem: `\`${arg}\` is not a range: ${HINT}.` };
}

/** Today so far in `timeZone`: local midnight to now (Unix seconds). */
export function todayWindow(nowMs: number, timeZone: string): StatsWindow {
  const today = localTime(nowMs, timeZone).day;
  return {
    start: Math.floor(dayStart(today, timeZone) / 1000),
    end: Math.floor(nowMs / 1000),
    label: 'today',
  };
}

/**
 * The window of a range in `timeZone`: days run midnight to midnight there; `today` and `Nd` end now (`Nd`
 * is today and the N − 1 days before it). A date range is inclusive and must be in the past 180 days (as
 * far back as Tencent keeps records), in order, and at most 89 whole days.
 */
export function statsWindow(
  range: StatsRange,
  nowMs: number,
  timeZone: string,
): { readonly ok: true; readonly window: StatsWindow } | { readonly ok: false; readonly problem: string } {
  const today = localTime(nowMs, timeZone).day;
  const at = (day: string) => Math.floor(dayStart(day, timeZone) / 1000);
  const now = Math.floor(nowMs / 1000);
  switch (range.kind) {
    case 'today':
      return { ok: true, window: todayWindow(nowMs, timeZone) };
    case 'yesterday':
      return { ok: true, window: { start: at(addDays(today, -1)), end: at(today), label: 'yesterday' } };
    case 'days': {
      const label = range.days === 1 ? 'today' : `the last ${range.days} days`;
      return { ok: true, window: { start: at(addDays(today, 1 - range.days)), end: now, label } };
    }
    case 'dates': {
      const start = at(range.from);
      const end = Math.min(at(addDays(range.to, 1)), now);
      if (range.to < range.from)
        return { ok: false, problem: `${range.to} is before ${range.from}: swap them.` };
      if (range.from > today) return { ok: false, problem: `${range.from} has not happened yet.` };
      if (range.from < addDays(today, -179))
        return { ok: false, problem: 'Tencent keeps calls for 180 days.' };
      if (addDays(range.from, MAX_STATS_DAYS - 1) <= range.to)
        return { ok: false, problem: `A date range covers at most ${MAX_STATS_DAYS - 1} days.` };
      return { ok: true, window: { start, end, label: `${range.from} to ${range.to}` } };
    }
  }
}
