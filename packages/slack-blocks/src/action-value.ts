import * as v from 'valibot';
import { SlackBlocksError, SlackBlocksErrorCode } from './errors.ts';

/** `action_id` of the "Call details" button. */
export const ACTION_CALL_DETAILS = 'ccc_call_details';
/** `action_id` of the "Recording" button. */
export const ACTION_CALL_RECORDING = 'ccc_call_recording';
/** `action_id` of the "Play voicemail" button (a voicemail reply, or a call post whose thread has one). */
export const ACTION_VOICEMAIL = 'ccc_voicemail';
/** `action_id` of the "More" button under a session list. */
export const ACTION_SESSIONS_MORE = 'ccc_sessions_more';
/** `action_id` of the "More" button under the waiting missed calls (`/ccc missed`). */
export const ACTION_MISSED_MORE = 'ccc_missed_more';
/** `action_id` of the "More" button under a call list (`/ccc calls`). */
export const ACTION_CALLS_MORE = 'ccc_calls_more';
/** `action_id` of the "Share to channel" button under an ephemeral lookup. */
export const ACTION_SHARE = 'ccc_share_to_channel';
/** Action id of the Home tab's Refresh button. */
export const ACTION_HOME_REFRESH = 'ccc_home_refresh';
/**
 * `action_id` of "I'll call back" on the post of a call that needs follow-up: the clicker takes the call
 * back. Its value is the call's {@link CallActionValue}, as on "Call details".
 */
export const ACTION_FOLLOW_UP_TAKE = 'ccc_follow_up_take';
/** `action_id` of "Call back now" on a missed-call post: a dual call from the clicker's CCC agent account. */
export const ACTION_FOLLOW_UP_CALL = 'ccc_follow_up_call';
/**
 * `action_id` of "Resolved" on the post of a call that needs follow-up: opens `followUpResolveModal`.
 * Its value is the call's {@link CallActionValue}.
 */
export const ACTION_FOLLOW_UP_RESOLVE = 'ccc_follow_up_resolve';
/** `action_id` of "Reopen" on the post of a resolved follow-up. Its value is the call's {@link CallActionValue}. */
export const ACTION_FOLLOW_UP_REOPEN = 'ccc_follow_up_reopen';

/** Slack's limit for a button `value`. */
const MAX_VALUE_LENGTH = 2000;
// DescribeSessionDetail accepts windows shorter than 90 days; a wider one in a value was not made by us.
const MAX_WINDOW_SECONDS = 90 * 86_400;
const unixSeconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4_102_444_800));
const windowOk = (w: { start: number; end: number }): boolean =>
  w.end >= w.start && w.end - w.start < MAX_WINDOW_SECONDS;

/**
 * The value of "Call details", "Recording", "Play voicemail", "Share" and the follow-up buttons: a session
 * and its DescribeSessionDetail window.
 */
export interface CallActionValue {
  readonly v: 1;
  /** Call or chat session id. */
  readonly sessionId: string;
  /** Window start, Unix seconds. */
  readonly start: number;
  /** Window end, Unix seconds. */
  readonly end: number;
  /**
   * "Recording" of one participant (a `record` push's `RecordId`): the bot resolves it to that participant's
   * link through DescribeSessionDetail `ServeParticipants`. Absent: the call's main recording.
   */
  readonly recordId?: string;
}

/** The value of a "More" button: the next page of the same list query. */
export interface MoreActionValue {
  readonly v: 1;
  /** Offset of the next page. */
  readonly offset: number;
  /** Page size, 1–100. */
  readonly limit: number;
  /** Query window start, Unix seconds. */
  readonly start: number;
  /** Query window end, Unix seconds. */
  readonly end: number;
  /** Optional filter (a customer id or a number), as the user typed it. */
  readonly filter?: string;
}

const identifier = v.pipe(v.string(), v.regex(/^[\w.:-]{1,128}$/));

const CallActionValueSchema = v.strictObject({
  v: v.literal(1),
  sessionId: identifier,
  start: unixSeconds,
  end: unixSeconds,
  recordId: v.exactOptional(identifier),
});

const MoreActionValueSchema = v.strictObject({
  v: v.literal(1),
  offset: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  start: unixSeconds,
  end: unixSeconds,
  filter: v.exactOptional(v.pipe(v.string(), v.maxLength(256))),
});

/** Any value this package puts in a button. */
export type ActionValue = CallActionValue | MoreActionValue;

/** Result of {@link decodeActionValue}: never throws, whatever a client sends back. */
export type DecodeActionValueResult =
  | { readonly ok: true; readonly value: ActionValue }
  | { readonly ok: false; readonly reason: string };

const AnyActionValue = v.union([CallActionValueSchema, MoreActionValueSchema]);

/**
 * Encodes a button value as compact JSON. Throws {@link SlackBlocksError} (`slack_blocks_value_too_long`)
 * past Slack's 2,000 characters, which only an absurd filter can reach.
 *
 * @example
 * encodeActionValue({ v: 1, sessionId: 'abc', start: 1756892000, end: 1756893000 });
 * // '{"v":1,"sessionId":"abc","start":1756892000,"end":1756893000}'
 */
export function encodeActionValue(value: ActionValue): string {
  const encoded = JSON.stringify(value);
  if (encoded.length > MAX_VALUE_LENGTH)
    throw new SlackBlocksError(
      SlackBlocksErrorCode.ValueTooLong,
      `Action value is ${encoded.length} characters; Slack accepts at most ${MAX_VALUE_LENGTH}`,
    );
  return encoded;
}

/**
 * Decodes a button value that came back in an interaction payload. Anything that is not exactly a value
 * this package wrote (bad JSON, extra keys, wrong types, an oversized or inverted window) is refused.
 *
 * @example
 * const decoded = decodeActionValue(action.value);
 * if (decoded.ok && 'sessionId' in decoded.value) await showDetails(decoded.value);
 */
export function decodeActionValue(raw: unknown): DecodeActionValueResult {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_VALUE_LENGTH)
    return { ok: false, reason: 'Action value is missing or too long' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'Action value is not JSON' };
  }
  const result = v.safeParse(AnyActionValue, json);
  if (!result.success) return { ok: false, reason: 'Action value does not match a known shape' };
  const value: ActionValue = result.output;
  return windowOk(value) ? { ok: true, value } : { ok: false, reason: 'Action value has an invalid window' };
}
