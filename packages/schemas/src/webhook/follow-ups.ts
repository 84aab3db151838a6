import * as v from 'valibot';

// The internal API of apps/webhook that apps/slack-bot calls (`/internal/follow-ups`): one contract, here,
// so the bot's client and the webhook's handler cannot drift apart.

/** Path of the webhook's follow-up API. */
export const FOLLOW_UP_PATH = '/internal/follow-ups';
/** Longest note a resolution keeps (the bot's modal allows as much). */
export const MAX_FOLLOW_UP_NOTE = 500;

/** How a follow-up ended, as the person resolving it said. */
export const FOLLOW_UP_OUTCOME_VALUES = ['reached', 'no_answer', 'wrong_number', 'other'] as const;
/** One of {@link FOLLOW_UP_OUTCOME_VALUES}. */
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOME_VALUES)[number];
/** `open` (nobody has it), `taken` (someone will call back), `resolved`. */
export const FOLLOW_UP_STATE_VALUES = ['open', 'taken', 'resolved'] as const;
/** One of {@link FOLLOW_UP_STATE_VALUES}. */
export type FollowUpStateName = (typeof FOLLOW_UP_STATE_VALUES)[number];

const SessionId = v.pipe(v.string(), v.regex(/^[\w.:-]{1,128}$/, 'must be a call SessionId'));
const UserId = v.pipe(v.string(), v.regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user ID (U…)'));

/** `POST /internal/follow-ups` body: who did what to which call (the bot forwards a click). */
export const FollowUpChangeRequest = v.variant('action', [
  v.strictObject({ action: v.literal('take'), sessionId: SessionId, userId: UserId }),
  v.strictObject({ action: v.literal('reopen'), sessionId: SessionId, userId: UserId }),
  v.strictObject({
    action: v.literal('callback'),
    sessionId: SessionId,
    userId: UserId,
    callbackSession: SessionId,
  }),
  v.strictObject({
    action: v.literal('resolve'),
    sessionId: SessionId,
    userId: UserId,
    outcome: v.picklist(FOLLOW_UP_OUTCOME_VALUES, `must be one of ${FOLLOW_UP_OUTCOME_VALUES.join(', ')}`),
    note: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(MAX_FOLLOW_UP_NOTE)))),
  }),
]);
/** Input type of {@link FollowUpChangeRequest} (what the bot sends). */
export type FollowUpChangeRequest = v.InferInput<typeof FollowUpChangeRequest>;

/** A call's follow-up as the webhook answers it (times in epoch ms, people as Slack user IDs). */
export const FollowUpView = v.object({
  state: v.picklist(FOLLOW_UP_STATE_VALUES),
  takenBy: v.nullable(v.string()),
  takenAt: v.nullable(v.number()),
  resolvedBy: v.nullable(v.string()),
  resolvedAt: v.nullable(v.number()),
  outcome: v.nullable(v.picklist(FOLLOW_UP_OUTCOME_VALUES)),
  note: v.nullable(v.string()),
});
/** Output type of {@link FollowUpView}. */
export type FollowUpView = v.InferOutput<typeof FollowUpView>;

/**
 * The answer to a change: applied (200, `changed` false when it was already so), no post of that call
 * (404, `no_call`), or refused by the state it is in (409: `taken`, `resolved`, `not_resolved`).
 */
export const FollowUpChangeAnswer = v.union([
  v.object({ ok: v.literal(true), followUp: FollowUpView, changed: v.boolean() }),
  v.object({ ok: v.literal(false), reason: v.literal('no_call') }),
  v.object({
    ok: v.literal(false),
    reason: v.picklist(['taken', 'resolved', 'not_resolved']),
    followUp: FollowUpView,
  }),
]);
/** Output type of {@link FollowUpChangeAnswer}. */
export type FollowUpChangeAnswer = v.InferOutput<typeof FollowUpChangeAnswer>;

/** `GET /internal/follow-ups` answer: missed calls waiting for a callback, longest waiting first. */
export const WaitingFollowUps = v.object({
  total: v.number(),
  rows: v.array(
    v.object({
      sessionId: v.string(),
      state: v.picklist(['open', 'taken']),
      customer: v.nullable(v.string()),
      missedAt: v.number(),
      skillGroup: v.nullable(v.string()),
      takenBy: v.nullable(v.string()),
      takenAt: v.nullable(v.number()),
    }),
  ),
});
/** Output type of {@link WaitingFollowUps}. */
export type WaitingFollowUps = v.InferOutput<typeof WaitingFollowUps>;
