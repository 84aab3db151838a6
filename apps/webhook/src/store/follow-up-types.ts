/** Follow-up of a missed call, as the store keeps it (one row per call session, absent = nobody acted). */

import type { FollowUpOutcome, FollowUpStateName } from '@ccc-kit/schemas';

export type { FollowUpOutcome };
/** `open` (nobody has it), `taken` (someone will call back), `resolved`. */
export type FollowUpState = FollowUpStateName;

/** The follow-up of one call. Times are epoch ms; people are Slack user IDs. */
export interface FollowUpRow {
  readonly sessionId: string;
  readonly state: FollowUpState;
  /** The missed call's customer (E.164 digits), when it opened by itself. */
  readonly customer: string | null;
  /** When the missed call started, when it opened by itself. */
  readonly missedAt: number | null;
  /** The skill group it was queued for, when known. */
  readonly skillGroup: string | null;
  readonly takenBy: string | null;
  readonly takenAt: number | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: number | null;
  readonly outcome: FollowUpOutcome | null;
  readonly note: string | null;
  /** Resolved by a later call that reached the customer: when it started (epoch ms)… */
  readonly reachedAt: number | null;
  /** …its session… */
  readonly reachedSession: string | null;
  /** …and how (JSON text: `agent`, `direction`, `talkSeconds`). */
  readonly reachedDetail: string | null;
  /** The last callback started from Slack: its session, who started it, when. */
  readonly callbackSession: string | null;
  readonly callbackBy: string | null;
  readonly callbackAt: number | null;
  /** Bumped by every change; each change's post updates carry it. */
  readonly version: number;
  readonly updatedAt: number;
}

/** A resolution for the time-to-resolve histogram: by a person in Slack, or by a call that reached the customer. */
export interface ResolvedFollowUp {
  readonly missedAt: number | null;
  readonly resolvedAt: number | null;
  readonly by: 'person' | 'call';
}

/** What someone did: take the call back, resolve it (with an outcome and an optional note), or reopen it. */
export type FollowUpChange =
  | { readonly action: 'take'; readonly sessionId: string; readonly userId: string; readonly at: number }
  | {
      readonly action: 'resolve';
      readonly sessionId: string;
      readonly userId: string;
      readonly at: number;
      readonly outcome: FollowUpOutcome;
      readonly note: string | null;
    }
  | { readonly action: 'reopen'; readonly sessionId: string; readonly userId: string; readonly at: number }
  | {
      readonly action: 'callback';
      readonly sessionId: string;
      readonly userId: string;
      readonly at: number;
      /** The session of the call Tencent started (CreateCallOutSession). */
      readonly callbackSession: string;
    };

/**
 * The result of {@link FollowUpChange}: applied (`changed` false when it was already so, e.g. the same person
 * taking it twice; `updates` = post updates queued), or refused because of the current state: `taken`
 * (someone else has it), `resolved` (already resolved), `not_resolved` (reopening an open call), or
 * `no_call` (no post of this call).
 */
export type FollowUpResult =
  | {
      readonly ok: true;
      readonly followUp: FollowUpRow;
      readonly changed: boolean;
      readonly updates: number;
    }
  | { readonly ok: false; readonly reason: 'no_call' }
  | {
      readonly ok: false;
      readonly reason: 'taken' | 'resolved' | 'not_resolved';
      readonly followUp: FollowUpRow;
    };

/** Why a change did not apply, given the row as it is now (the conditional write changed nothing). */
export function refusalOf(change: FollowUpChange, current: FollowUpRow | null): FollowUpResult {
  if (current === null) return { ok: false, reason: 'not_resolved', followUp: openRow(change) };
  if (change.action === 'take' && current.state === 'taken' && current.takenBy === change.userId)
    return { ok: true, followUp: current, changed: false, updates: 0 };
  // A callback's write only fails when someone else has the call or it is resolved.
  if (current.state === 'resolved') {
    return change.action === 'reopen'
      ? { ok: true, followUp: current, changed: false, updates: 0 }
      : { ok: false, reason: 'resolved', followUp: current };
  }
  if (change.action === 'reopen') return { ok: false, reason: 'not_resolved', followUp: current };
  return { ok: false, reason: 'taken', followUp: current };
}

/** The row of a call nobody acted on. */
const openRow = (change: FollowUpChange): FollowUpRow => ({
  sessionId: change.sessionId,
  state: 'open',
  customer: null,
  missedAt: null,
  skillGroup: null,
  takenBy: null,
  takenAt: null,
  resolvedBy: null,
  resolvedAt: null,
  outcome: null,
  note: null,
  reachedAt: null,
  reachedSession: null,
  reachedDetail: null,
  callbackSession: null,
  callbackBy: null,
  callbackAt: null,
  version: 0,
  updatedAt: change.at,
});
