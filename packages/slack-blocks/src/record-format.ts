import type {
  AgentInfo,
  CallOutcome,
  CallRecord,
  ChatOutcome,
  Severity,
  SkillGroupRef,
} from '@ccc-kit/cdr-parser';
import { encodeActionValue } from './action-value.ts';
import { escapeMrkdwn } from './escape.ts';

/** Emoji shown before a call title: a hint next to the words, never the only signal. */
export const CALL_OUTCOME_EMOJI: Readonly<Record<CallOutcome, string>> = {
  answered: ':white_check_mark:',
  missed: ':warning:',
  outside_hours: ':crescent_moon:',
  abandoned_in_ivr: ':warning:',
  ivr_only: ':robot_face:',
  not_answered: ':no_bell:',
  blocked: ':no_entry:',
  failed: ':x:',
  ai_handled: ':robot_face:',
  voicemail: ':mailbox_with_mail:',
  unknown: ':grey_question:',
};

/** Emoji shown before a chat title. */
export const CHAT_OUTCOME_EMOJI: Readonly<Record<ChatOutcome, string>> = {
  answered: ':white_check_mark:',
  timed_out: ':hourglass:',
  transferred: ':arrow_right_hook:',
  missed: ':warning:',
  abandoned_in_ivr: ':warning:',
  ivr_only: ':robot_face:',
  outside_hours: ':crescent_moon:',
  failed: ':x:',
  unknown: ':grey_question:',
};

/**
 * The accent of a post in words: warnings and alerts get a bold status line, so the severity reads without
 * colour (screen readers, colour blindness, notifications). `info` posts stay quiet.
 */
export function severityLine(severity: Severity, reason: string): string | undefined {
  if (severity === 'warning') return `:warning: *Needs follow-up:* ${escapeMrkdwn(reason)}`;
  if (severity === 'alert') return `:rotating_light: *Action needed:* ${escapeMrkdwn(reason)}`;
  return undefined;
}

/** `Zhang San (zhangsan@tencent.com)`, escaped; `undefined` without an agent. */
export function agentText(agent: AgentInfo | null): string | undefined {
  if (!agent) return undefined;
  const main = agent.name ?? agent.email ?? (agent.staffNumber ? `#${agent.staffNumber}` : undefined);
  if (!main) return undefined;
  const extra = agent.name && agent.email ? ` (${agent.email})` : '';
  return escapeMrkdwn(`${main}${extra}`);
}

/** `Sales (#2522)`, escaped. */
export function groupText(group: SkillGroupRef | null): string | undefined {
  if (!group) return undefined;
  if (group.name) return escapeMrkdwn(group.id !== null ? `${group.name} (#${group.id})` : group.name);
  return group.id !== null ? `#${group.id}` : undefined;
}

const HUNG_UP_BY: Readonly<Record<NonNullable<CallRecord['hungUpBy']>, string>> = {
  agent: 'Agent',
  customer: 'Customer',
  system: 'System',
};

/** Who ended the call, in words. */
export const hungUpText = (by: CallRecord['hungUpBy']): string | undefined =>
  by ? HUNG_UP_BY[by] : undefined;

/** Seconds either side of a call in the DescribeSessionDetail window a button carries. */
const WINDOW_MARGIN = 300;

const ID = /^[\w.:-]{1,128}$/;

/**
 * The encoded `{ v, sessionId, start, end, recordId? }` of a record's buttons, or `undefined` when the
 * record has no time at all (DescribeSessionDetail needs a window).
 */
export function sessionValue(
  sessionId: string,
  startedAt: Date | null,
  endedAt: Date | null,
  recordId?: string | null,
): string | undefined {
  const from = startedAt ?? endedAt;
  const to = endedAt ?? startedAt;
  if (!from || !to) return undefined;
  const start = Math.max(0, Math.floor(from.getTime() / 1000) - WINDOW_MARGIN);
  const end = Math.floor(to.getTime() / 1000) + WINDOW_MARGIN;
  if (!ID.test(sessionId)) return undefined;
  // A RecordId that is not a plain identifier is left out: the button then asks for the main recording.
  const record = recordId && ID.test(recordId) ? { recordId } : {};
  return encodeActionValue({ v: 1, sessionId, start, end, ...record });
}

/** Unix seconds of a date. */
export const unix = (date: Date): number => Math.floor(date.getTime() / 1000);
