import type { CallOutcome, CallRecord } from '@ccc-kit/cdr-parser';
import type { FollowUpOutcome } from '@ccc-kit/schemas';
import type { InputBlock, ModalView, PlainTextElement } from '@slack/types';
import * as v from 'valibot';
import { type CallActionValue, decodeActionValue } from './action-value.ts';
import { section } from './blocks.ts';
import { escapeMrkdwn, oneLine } from './escape.ts';
import { LIMITS } from './limits.ts';
import { clipText } from './truncate.ts';

/** How a call-back ended, as picked in the Resolved modal (the webhook API's values). */
export type { FollowUpOutcome };

/** Outcome → words shown in the post and the modal. */
export const FOLLOW_UP_OUTCOMES: Readonly<Record<FollowUpOutcome, string>> = Object.freeze({
  reached: 'Reached the customer',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  other: 'Other',
});

/**
 * Where the follow-up of a call stands, as the webhook stored it; `callSummaryMessage(record, { followUp })`
 * shows it on the call's post. Every field is rendered defensively: stored values are never trusted to be
 * safe mrkdwn.
 */
export interface FollowUpView {
  /** `open`: nobody acted yet; `taken`: someone will call back; `resolved`: done (until reopened). */
  readonly state: 'open' | 'taken' | 'resolved';
  /** Slack user ID (`U…`/`W…`) of who clicked "I'll call back". */
  readonly takenBy: string | null;
  /** When the call was taken, Unix seconds. */
  readonly takenAt: number | null;
  /** Slack user ID of who resolved the follow-up. */
  readonly resolvedBy: string | null;
  /** When it was resolved, Unix seconds. */
  readonly resolvedAt: number | null;
  /** How it ended (resolved only). */
  readonly outcome: FollowUpOutcome | null;
  /** What the resolver wrote, as typed (masked and escaped when shown). */
  readonly note: string | null;
  /**
   * Resolved by itself: a later call reached the customer (the webhook saw it). Then `resolvedBy` is null
   * and the post says when, by whom and how.
   */
  readonly reached?: FollowUpReach | null | undefined;
  /** Who started a callback from Slack ("Call back now"), and when (Unix seconds). */
  readonly callbackBy?: string | null | undefined;
  readonly callbackAt?: number | null | undefined;
}

/** The call that reached the customer after a missed call. */
export interface FollowUpReach {
  /** When that call started, Unix seconds. */
  readonly at: number;
  /** The agent's name (or email), when known. */
  readonly agent: string | null;
  readonly direction: 'inbound' | 'outbound' | null;
  readonly talkSeconds: number;
}

/** The state of a call nobody acted on yet. */
export const OPEN_FOLLOW_UP: FollowUpView = Object.freeze({
  state: 'open',
  takenBy: null,
  takenAt: null,
  resolvedBy: null,
  resolvedAt: null,
  outcome: null,
  note: null,
});

// A customer tried to reach us and talked to nobody: someone should call them back. Outbound calls are
// our own attempts, and answered or bot-handled calls already reached a person or a flow.
const FOLLOW_UP_CALLS: ReadonlySet<CallOutcome> = new Set<CallOutcome>([
  'missed',
  'abandoned_in_ivr',
  'voicemail',
  'outside_hours',
]);

/**
 * Whether a call's post offers follow-up: inbound, and outcome `missed`, `abandoned_in_ivr`, `voicemail` or
 * `outside_hours`.
 *
 * @example
 * const record = toCallRecord(push.payload);
 * const followUp = needsFollowUp(record) ? OPEN_FOLLOW_UP : undefined;
 * await client.chat.postMessage({ channel, ...callSummaryMessage(record, { followUp }) });
 */
export function needsFollowUp(record: CallRecord): boolean {
  return record.direction === 'inbound' && FOLLOW_UP_CALLS.has(record.outcome);
}

/** `callback_id` of the Resolved modal. */
export const FOLLOW_UP_RESOLVE_MODAL = 'ccc_follow_up_resolve_modal';
/** Longest note accepted (characters). */
export const MAX_FOLLOW_UP_NOTE = 500;

const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
const OUTCOME_KEYS = Object.keys(FOLLOW_UP_OUTCOMES) as FollowUpOutcome[];

const outcomeInput = (): InputBlock => ({
  type: 'input',
  block_id: 'outcome',
  label: plain('Outcome'),
  element: {
    type: 'radio_buttons',
    action_id: 'outcome',
    options: OUTCOME_KEYS.map((key) => ({ text: plain(FOLLOW_UP_OUTCOMES[key]), value: key })),
  },
});

const noteInput = (): InputBlock => ({
  type: 'input',
  block_id: 'note',
  optional: true,
  label: plain('Note'),
  // Only unbroken runs of 7+ digits get masked when shown: ask people not to paste numbers at all.
  hint: plain("Everyone in the channel sees the note: leave out the customer's number."),
  element: {
    type: 'plain_text_input',
    action_id: 'note',
    multiline: true,
    max_length: MAX_FOLLOW_UP_NOTE,
  },
});

/**
 * The Resolved modal (a `views.open` view): an outcome (required radio buttons, `block_id`/`action_id`
 * `outcome`) and an optional multiline note (`note`, at most {@link MAX_FOLLOW_UP_NOTE} characters).
 * `private_metadata` carries `value`, the encoded `CallActionValue` of the button clicked, so the
 * submission names the call. `callerText` (e.g. the call's title) is shown escaped at the top.
 *
 * @example
 * // On ACTION_FOLLOW_UP_RESOLVE: the button's value goes into the modal as it is.
 * await client.views.open({ trigger_id: body.trigger_id, view: followUpResolveModal(action.value, title) });
 */
export function followUpResolveModal(value: string, callerText?: string): ModalView {
  const intro = callerText?.trim()
    ? [section(clipText(escapeMrkdwn(oneLine(callerText)), LIMITS.sectionText))]
    : [];
  return {
    type: 'modal',
    callback_id: FOLLOW_UP_RESOLVE_MODAL,
    private_metadata: value,
    title: plain('Resolve follow-up'),
    submit: plain('Resolve'),
    close: plain('Cancel'),
    blocks: [...intro, outcomeInput(), noteInput()],
  };
}

/** Result of {@link readFollowUpResolveSubmission}. */
export type FollowUpResolveSubmission =
  | {
      readonly ok: true;
      readonly value: CallActionValue;
      readonly outcome: FollowUpOutcome;
      readonly note: string | null;
    }
  | { readonly ok: false; readonly reason: string };

// Only what we read is checked; Slack adds many more keys (type, id, hash, blocks, …) to a submitted view.
const SubmittedView = v.object({
  callback_id: v.literal(FOLLOW_UP_RESOLVE_MODAL),
  private_metadata: v.string(),
  state: v.object({
    values: v.object({
      outcome: v.object({
        outcome: v.object({ selected_option: v.object({ value: v.picklist(OUTCOME_KEYS) }) }),
      }),
      // Slack sends `value: null` for an empty optional input.
      note: v.optional(v.object({ note: v.object({ value: v.nullish(v.string()) }) })),
    }),
  }),
});

const SHAPE_REASONS: ReadonlyArray<readonly [path: string, reason: string]> = [
  ['callback_id', 'Not the Resolve follow-up modal'],
  ['private_metadata', 'The modal does not name a call'],
  ['state.values.outcome', 'No known outcome was chosen'],
  ['state.values.note', 'The note is not text'],
];

const refuse = (reason: string): FollowUpResolveSubmission => ({ ok: false, reason });

/**
 * Reads a submitted Resolved modal (the `view` of a `view_submission` payload). Never throws: anything that
 * is not exactly this package's modal with a known outcome, a call it wrote and a note of at most
 * {@link MAX_FOLLOW_UP_NOTE} characters is `{ ok: false, reason }`. The note is trimmed; empty is `null`.
 *
 * @example
 * const read = readFollowUpResolveSubmission(body.view);
 * if (!read.ok) return ack({ response_action: 'errors', errors: { note: read.reason } });
 * await ack();
 * await resolveFollowUp(read.value.sessionId, user.id, read.outcome, read.note);
 */
export function readFollowUpResolveSubmission(view: unknown): FollowUpResolveSubmission {
  const parsed = v.safeParse(SubmittedView, view, { abortEarly: true });
  if (!parsed.success) {
    const path = parsed.issues[0] ? (v.getDotPath(parsed.issues[0]) ?? '') : '';
    const known = SHAPE_REASONS.find(([prefix]) => path.startsWith(prefix));
    return refuse(known ? known[1] : 'The submission is not a modal view');
  }
  const { private_metadata, state } = parsed.output;
  const decoded = decodeActionValue(private_metadata);
  if (!decoded.ok || !('sessionId' in decoded.value)) return refuse('The modal does not name a call');
  const note = (state.values.note?.note.value ?? '').trim();
  if (note.length > MAX_FOLLOW_UP_NOTE)
    return refuse(`The note is longer than ${MAX_FOLLOW_UP_NOTE} characters`);
  return {
    ok: true,
    value: decoded.value,
    outcome: state.values.outcome.outcome.selected_option.value,
    note: note || null,
  };
}
