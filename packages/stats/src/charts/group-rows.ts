import { truncateLabel } from './labels.ts';

/** One skill group's wait, as {@link WaitByGroupChartInput} takes it. */
export interface GroupWait {
  /** The group's name, Chinese or not; long names are cut with `…`. */
  readonly name: string;
  /** 90th percentile of the wait before answer, in seconds; `null` when the group answered nothing. */
  readonly p90Seconds: number | null;
  /** Calls answered; orders the groups (busiest first) when every group has it. */
  readonly answered?: number | undefined;
}

/** A bar to draw: a group, or the groups that did not fit summed up as one row. */
export interface GroupRow {
  readonly label: string;
  readonly p90Seconds: number | null;
  /** True for the "Other (k groups)" row, whose bar is the worst p90 among those groups. */
  readonly isOther: boolean;
}

/**
 * The rows to draw, busiest first: when there are more than `maxGroups + 1` groups, the busiest `maxGroups`
 * and one "Other (k groups)" row (a row summing up a single group would hide it for nothing). Percentiles
 * cannot be merged, so that row shows the worst (highest) p90 among its groups: a slow group stays visible
 * even when it is not busy. Without `answered` on every group the caller's order is kept.
 */
export function groupRows(groups: ReadonlyArray<GroupWait>, maxGroups: number): GroupRow[] {
  const ordered = groups.every((g) => g.answered !== undefined)
    ? [...groups].sort((a, b) => (b.answered ?? 0) - (a.answered ?? 0) || compareNames(a.name, b.name))
    : [...groups];
  const shown = ordered.length <= maxGroups + 1 ? ordered.length : maxGroups;
  const rows = ordered.slice(0, shown).map(
    (g): GroupRow => ({
      label: truncateLabel(g.name) || '(no name)',
      p90Seconds: g.p90Seconds,
      isOther: false,
    }),
  );
  const rest = ordered.slice(shown);
  if (rest.length === 0) return rows;
  const worst = rest.reduce<number | null>(
    (max, g) => (g.p90Seconds !== null && (max === null || g.p90Seconds > max) ? g.p90Seconds : max),
    null,
  );
  rows.push({ label: `Other (${rest.length} groups)`, p90Seconds: worst, isOther: true });
  return rows;
}

// Code-point order, not the locale's: the same input draws the same chart on every machine.
const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
