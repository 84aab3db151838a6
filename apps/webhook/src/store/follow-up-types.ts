/** Follow-up of a missed call, as the store keeps it (one row per call session, absent = nobody acted). */

/** `open` (nobody has it), `taken` (someone will call back), `resolved`. */
export type FollowUpState = 'open' | 'taken' | 'resolved';
/** How a follow-up ended, as the person resolving it said. */
export type FollowUpOutcome = 'reached' | 'no_answer' | 'wrong_number' | 'other';
/** Every {@link FollowUpOutcome}. */
export const FOLLOW_UP_OUTCOME_VALUES: readonly FollowUpOutcome[] = [
  'reached',
  'no_answer',
  'wrong_number',
  'other',
];

/** The follow-up of one call. Times are epoch ms; people are Slack user IDs. */
export interface FollowUpRow {
  readonly sessionId: string;
  readonly state: FollowUpState;
  readonly takenBy: string | null;
  readonly takenAt: number | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: number | null;
  readonly outcome: FollowUpOutcome | null;
  readonly note: string | null;
  /** Bumped by every change; each change's post updates carry it. */
  readonly version: number;
  readonly updatedAt: number;
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
  | { readonly action: 'reopen'; readonly sessionId: string; readonly userId: string; readonly at: number };

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
  takenBy: null,
  takenAt: null,
  resolvedBy: null,
  resolvedAt: null,
  outcome: null,
  note: null,
  version: 0,
  updatedAt: change.at,
});
