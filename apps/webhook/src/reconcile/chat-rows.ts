import { IM_END_STATUS_BY_CODE, type IMCdrInfo, type ImCdrPush, safeParseImCdrPush } from '@ccc-kit/schemas';
import { facts } from '../facts.ts';
import type { RoutingFacts } from '../routes/index.ts';
import type { Delivery } from '../store/types.ts';
import type { PreparedRow } from './rows.ts';

/** Where a reconciled chat body says it came from (`Reconciled.From`). */
export const CHAT_LIST_ACTION = 'DescribeIMCdrList';

/** The inbox dedupe key of a chat session: the one `parsePush` gives its `imcdr` push. */
export const chatDedupeKey = (sessionId: string): string => `imcdr:${sessionId}`;

/** `SkillGroupId` as the push's number when it is one (the list sends a string, the push a number). */
function groupId(id: string | null | undefined): number | undefined {
  const trimmed = id?.trim();
  return trimmed && /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Copies of the fields that are set, so an absent value stays absent rather than `null`. */
const present = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));

/**
 * An IM service record as the `imcdr` push body it stands for, so the relay renders it like a pushed chat
 * (`parseImCdrPush` → `toChatRecord`). Only what the record says is filled in: `Timestamp` is read as the
 * session start (Tencent documents it as "the session's time"; the sandbox and Desk's list agree) and
 * `Duration` is kept as is. No end time is made up from the two: with no queue, ring or accept time to
 * split it, the summary would show the whole session as bot time. There are no IVR keys, remark or client
 * data either. `EndStatusString` comes from the numeric `EndStatus` only where the inferred mapping knows
 * the code (`IM_END_STATUS_BY_CODE`); otherwise it is left out rather than guessed. `Reconciled` marks the
 * body and keeps what only the list has (record id, numeric end status, type, satisfaction).
 */
export function chatPushBody(row: IMCdrInfo): Record<string, unknown> {
  const status = row.EndStatus ?? undefined;
  return present({
    SessionId: row.SessionId,
    StartTimestamp: row.Timestamp,
    Duration: row.Duration,
    QueuedSkillGroupId: groupId(row.SkillGroupId),
    QueuedSkillGroupName: row.SkillGroupName || undefined,
    EndStatusString: status === undefined ? undefined : IM_END_STATUS_BY_CODE[status],
    UserId: row.ClientUserId || undefined,
    UserNickName: row.Nickname || undefined,
    SeatUser: row.StaffId ? { Mail: row.StaffId } : undefined,
    Reconciled: present({
      From: CHAT_LIST_ACTION,
      Id: row.Id,
      EndStatus: status,
      Type: row.Type,
      Satisfaction: row.Satisfaction,
    }),
  });
}

/** The routing facts of a chat body (`facts` of an `imcdr` push), for `routeForChat`. */
export function factsOfChat(chat: ImCdrPush): RoutingFacts {
  const { SessionId: sessionId } = chat;
  const dedupeKey = chatDedupeKey(sessionId);
  return facts({ kind: 'imcdr', payload: chat, sessionId, pushId: null, dedupeKey });
}

/**
 * Whether the session ended after `until` (epoch ms). The list filters on `Timestamp`, the session's start,
 * so a chat that started before the run's end may have ended after it: its push may still be on its way,
 * and the push, much richer than the record, should win. A later run, whose window still holds its start,
 * looks at it again.
 */
const endedAfter = (row: IMCdrInfo, until: number): boolean =>
  typeof row.Timestamp === 'number' &&
  typeof row.Duration === 'number' &&
  (row.Timestamp + row.Duration) * 1000 > until;

/**
 * A listed chat as an inbox item of kind `imcdr`, under the key its push gets (`imcdr:<SessionId>`, the
 * SessionId trimmed as the push parser trims it), so whichever of the two comes second is a duplicate. A
 * body the push parser refuses (a SessionId no push could have), or one the router cannot read, is
 * refused with the reason, for the quarantine; a record without a SessionId, or of a session that ended
 * after `until` (the run's end, epoch ms: see `endedAfter`), is skipped.
 */
export function prepareChat(
  row: IMCdrInfo,
  receivedAt: number,
  until: number,
  routeFor: (chat: ImCdrPush) => readonly Delivery[],
): PreparedRow {
  if (!row.SessionId || endedAfter(row, until)) return { skipped: true };
  const body = JSON.stringify(chatPushBody(row));
  const parsed = safeParseImCdrPush(JSON.parse(body));
  const refused = (message: string): PreparedRow => ({
    refused: { code: 'invalid_reconciled_row', message },
    body,
  });
  if (!parsed.ok)
    return refused(`${CHAT_LIST_ACTION} row is not a usable chat record: ${parsed.issues[0]?.message}`);
  let deliveries: readonly Delivery[];
  try {
    deliveries = routeFor(parsed.value);
  } catch (error) {
    return refused((error as Error).message);
  }
  const sessionId = parsed.value.SessionId;
  return {
    item: {
      kind: 'imcdr',
      dedupeKey: chatDedupeKey(sessionId),
      sessionId,
      pushId: null,
      source: 'reconcile',
      body,
      receivedAt,
      deliveries,
    },
  };
}
