import { chatOutcomeOf } from '@ccc-kit/cdr-parser';
import type { DeskClient } from '@ccc-kit/desk-client';
import { DESK_TO_IM_END_STATUS, type DeskEndStatus, type DeskImCdr } from '@ccc-kit/schemas';
import type { ChatTotals } from '@ccc-kit/slack-blocks';
import { createChatStats, type StatsChat } from '@ccc-kit/stats';

/** Desk's session list has no queue or agent times: its chats add no wait or talk time. */
const NO_TIMES = { queueWait: 0, ring: 0, talk: 0 } as const;

/**
 * A Desk session row as the chat metrics read it. Its `EndStatus` is read as the push's `EndStatusString`
 * (`DESK_TO_IM_END_STATUS`), so both sources classify a chat alike; a row without one is a session still
 * open, which the push (sent when a chat ends) would not have counted either: left out.
 */
export function statsChatOfDeskRow(row: DeskImCdr): StatsChat | null {
  if (!row.EndStatus) return null;
  const status: string = DESK_TO_IM_END_STATUS[row.EndStatus as DeskEndStatus] ?? row.EndStatus;
  const group = row.AgentGroupName?.trim() || null;
  const groupId = Number(row.AgentGroupId);
  const email = row.AgentId?.trim() || null;
  return {
    outcome: chatOutcomeOf(status),
    endStatus: { raw: status },
    skillGroup:
      group || groupId > 0
        ? { id: Number.isInteger(groupId) && groupId > 0 ? groupId : null, name: group }
        : null,
    agent: email ? { name: null, email, staffNumber: null } : null,
    startedAt: typeof row.Timestamp === 'number' ? new Date(row.Timestamp * 1000) : null,
    durations: NO_TIMES,
    satisfaction: row.SatisfactionSelected ?? null,
  };
}

/**
 * The chats Desk recorded that started in a window (Unix seconds), of a skill group when `group` is given
 * (its name, case-insensitive): sessions, who answered, missed, ratings. No wait (`wait.p90` is `null`):
 * the session list has no queue times; the webhook's store (IM CDR pushes) has them.
 */
export async function deskChatTotals(
  desk: Pick<DeskClient, 'iterateSessions'>,
  window: { readonly start: number; readonly end: number },
  options: { readonly timeZone: string; readonly group?: string | undefined },
): Promise<ChatTotals> {
  const stats = createChatStats({ timeZone: options.timeZone });
  const group = options.group?.toLowerCase();
  // Desk's end is inclusive; a chat counts when it started in [start, end).
  for await (const row of desk.iterateSessions({ startTimestamp: window.start, endTimestamp: window.end })) {
    const chat = statsChatOfDeskRow(row);
    const at = chat?.startedAt?.getTime();
    if (!chat || at === undefined || at >= window.end * 1000 || at < window.start * 1000) continue;
    if (group === undefined || chat.skillGroup?.name?.toLowerCase() === group) stats.add(chat);
  }
  const totals = stats.result().totals;
  return { ...totals, wait: { ...totals.wait, p90: null } };
}
