import type { CallRecord } from '@ccc-kit/cdr-parser';
import type { DigestFigures } from './digest.ts';

/** One skill group's queue now (or the whole center's): CCC `DescribeCallInMetrics`. */
export interface HomeQueueRow {
  readonly name: string;
  readonly queued: number;
  readonly ringing: number;
  readonly inIvr: number;
  /** Seconds the longest caller now queued has waited; `null` when unknown. */
  readonly longestWait: number | null;
  /**
   * Calls connected now (`AcceptCount`: the SDK's 接通中数量, "connected at present"; the docs' English says
   * "connected", which some read as answered today: we follow the SDK). `null` when unknown.
   */
  readonly connected: number | null;
}

/** The queue now: the totals and every skill group (the view shows the busiest first). */
export interface HomeQueue {
  readonly total: HomeQueueRow;
  readonly groups: readonly HomeQueueRow[];
}

/** Agent statuses of `DescribeStaffStatusMetrics`, counted; `other` holds statuses Tencent may add. */
export interface HomeAgentCounts {
  readonly free: number;
  readonly busy: number;
  readonly afterCallWork: number;
  readonly rest: number;
  readonly notReady: number;
  readonly offline: number;
  readonly other: number;
}

/** The agents now: counts by status and, per skill group, who is free (CCC names, no customer data). */
export interface HomeAgents {
  readonly counts: HomeAgentCounts;
  readonly freeByGroup: readonly { readonly group: string; readonly names: readonly string[] }[];
}

/** Today's numbers (`@ccc-kit/stats`, as in the digest), the service level's seconds, and their source in words. */
export interface HomeToday extends DigestFigures {
  readonly serviceLevelSeconds: number;
  readonly source: string;
}

/**
 * One part of the tab as last read: its value and when it was read (Unix seconds), and when the last attempt
 * failed, why (one line): the view then shows the last good value with its age. `value: null` with a
 * `problem`: nothing was ever read.
 */
export interface HomePart<T> {
  readonly value: T | null;
  readonly readAt: number | null;
  readonly problem?: string | undefined;
}

/** The viewer's own calls, newest first, or why they cannot be shown (a sentence for them). */
export type HomeYourCalls = { readonly calls: readonly CallRecord[] } | { readonly reason: string };

/** What the Home tab shows. */
export interface HomeInput {
  /** When the view was built, Unix seconds. */
  readonly now: number;
  readonly queue: HomePart<HomeQueue>;
  readonly agents: HomePart<HomeAgents>;
  /** Absent when neither the webhook nor call records are configured. */
  readonly today?: HomePart<HomeToday> | undefined;
  readonly yourCalls?: HomeYourCalls | undefined;
  /** Time zone of the fallback texts (Slack shows dates in the viewer's own). */
  readonly timeZone?: string | undefined;
  /** Groups listed one by one (the busiest); the rest are summed in one line. Default 12. */
  readonly maxGroups?: number | undefined;
}
