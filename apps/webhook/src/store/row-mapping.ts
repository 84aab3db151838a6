import type { FollowUpRow } from './follow-up-types.ts';
import type { ClaimedMessage, InboxKind, InboxRow, OutboxRow, QuarantineRow } from './types.ts';

/** A row as a driver returns it: column name to value (Postgres int8 arrives as text). */
export type RawRow = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const strOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** Maps an `inbox` row (both engines; Postgres int8 arrives as text). */
export function toInboxRow(raw: RawRow): InboxRow {
  return {
    id: num(raw.id),
    kind: raw.kind as InboxRow['kind'],
    dedupeKey: String(raw.dedupe_key),
    sessionId: String(raw.session_id),
    pushId: strOrNull(raw.push_id),
    source: raw.source as InboxRow['source'],
    body: String(raw.body),
    receivedAt: num(raw.received_at),
  };
}

/** Maps an `outbox` row. */
export function toOutboxRow(raw: RawRow): OutboxRow {
  return {
    id: num(raw.id),
    inboxId: num(raw.inbox_id),
    parentId: numOrNull(raw.parent_id),
    channel: String(raw.channel),
    kind: raw.kind as OutboxRow['kind'],
    sessionId: String(raw.session_id),
    mention: strOrNull(raw.mention),
    state: raw.state as OutboxRow['state'],
    attempts: num(raw.attempts),
    nextAt: num(raw.next_at),
    leaseOwner: strOrNull(raw.lease_owner),
    leaseUntil: numOrNull(raw.lease_until),
    slackTs: strOrNull(raw.slack_ts),
    lastError: strOrNull(raw.last_error),
    createdAt: num(raw.created_at),
    fence: num(raw.fence ?? 0),
    inDoubt: num(raw.in_doubt ?? 0) === 1,
    firstAttemptAt: numOrNull(raw.first_attempt_at),
    lastAttemptAt: numOrNull(raw.last_attempt_at),
    awaitsCall: num(raw.awaits_call ?? 0) === 1,
  };
}

/**
 * Maps a claimed row joined with its inbox row, its parent post (`parent_state/ts/body/mention`) and its
 * session's thread counts (`recordings`, `voicemails`).
 */
export function toClaimedMessage(raw: RawRow): ClaimedMessage {
  const threadTs = raw.kind !== 'post' && raw.parent_state === 'sent' ? strOrNull(raw.parent_ts) : null;
  return {
    ...toOutboxRow(raw),
    inboxKind: raw.inbox_kind as InboxKind,
    body: String(raw.body),
    threadTs,
    parent:
      raw.kind === 'update' && raw.parent_body != null
        ? { body: String(raw.parent_body), mention: strOrNull(raw.parent_mention) }
        : null,
    thread: { recordings: num(raw.recordings ?? 0), voicemails: num(raw.voicemails ?? 0) },
    followUp: raw.fu_state == null ? null : followUpOf(raw),
  };
}

/** The follow-up columns a claim returns (`fu_*`). */
function followUpOf(raw: RawRow): ClaimedMessage['followUp'] {
  return {
    state: raw.fu_state as FollowUpRow['state'],
    takenBy: strOrNull(raw.fu_taken_by),
    takenAt: numOrNull(raw.fu_taken_at),
    resolvedBy: strOrNull(raw.fu_resolved_by),
    resolvedAt: numOrNull(raw.fu_resolved_at),
    outcome: strOrNull(raw.fu_outcome) as FollowUpRow['outcome'],
    note: strOrNull(raw.fu_note),
    reachedAt: numOrNull(raw.fu_reached_at),
    reachedDetail: strOrNull(raw.fu_reached_detail),
    callbackBy: strOrNull(raw.fu_callback_by),
    callbackAt: numOrNull(raw.fu_callback_at),
  };
}

/** Maps a `follow_ups` row. */
export function toFollowUpRow(raw: RawRow): FollowUpRow {
  return {
    sessionId: String(raw.session_id),
    state: raw.state as FollowUpRow['state'],
    customer: strOrNull(raw.customer),
    missedAt: numOrNull(raw.missed_at),
    skillGroup: strOrNull(raw.skill_group),
    takenBy: strOrNull(raw.taken_by),
    takenAt: numOrNull(raw.taken_at),
    resolvedBy: strOrNull(raw.resolved_by),
    resolvedAt: numOrNull(raw.resolved_at),
    outcome: strOrNull(raw.outcome) as FollowUpRow['outcome'],
    note: strOrNull(raw.note),
    reachedAt: numOrNull(raw.reached_at),
    reachedSession: strOrNull(raw.reached_session),
    reachedDetail: strOrNull(raw.reached_detail),
    callbackSession: strOrNull(raw.callback_session),
    callbackBy: strOrNull(raw.callback_by),
    callbackAt: numOrNull(raw.callback_at),
    version: num(raw.version),
    updatedAt: num(raw.updated_at),
  };
}

/** Maps a `quarantine` row. */
export function toQuarantineRow(raw: RawRow): QuarantineRow {
  return {
    id: num(raw.id),
    pushId: strOrNull(raw.push_id),
    action: strOrNull(raw.action),
    query: String(raw.query),
    reason: { code: String(raw.reason_code), message: String(raw.reason_message) },
    body: new Uint8Array(raw.body as Uint8Array),
    truncated: Boolean(raw.truncated),
    bodySize: num(raw.body_size),
    receivedAt: num(raw.received_at),
  };
}
