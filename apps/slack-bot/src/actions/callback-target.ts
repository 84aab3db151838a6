import { type CccClient, isCccError } from '@ccc-kit/ccc-client';
import { maskNumber, normalizeNumber } from '@ccc-kit/cdr-parser';
import type { BotDeps } from '../deps.ts';
import { agentEmailOf } from '../people.ts';

/** A value, or the sentence telling the clicker why not. */
export type Found<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

/** The clicker's CCC agent: their mail (the `UserId` of CreateCallOutSession) and the mobile Tencent rings first. */
export interface Agent {
  readonly mail: string;
  readonly phone: string;
}

/**
 * Which CCC agent the clicker is: the explicit mapping (`CCC_AGENT_MAP`) first, else their Slack email; then
 * the agent must exist in CCC (DescribeStaffInfoList, mail compared case-insensitively) with a mobile number
 * bound, since Tencent rings the agent's mobile before the customer. Nobody can dial as someone else: the
 * Slack user who clicked is the only input.
 */
export async function agentOf(deps: BotDeps, ccc: CccClient, userId: string): Promise<Found<Agent>> {
  const email = await agentEmailOf(deps, userId);
  if (!email.ok) return { ok: false, reason: `I cannot tell which CCC agent you are: ${email.reason}` };
  const { StaffList } = await ccc.describeStaffInfoList({ staffMail: email.email, pageSize: 10 });
  const agent = StaffList.find((staff) => staff.Mail?.trim().toLowerCase() === email.email.toLowerCase());
  if (!agent?.Mail)
    return {
      ok: false,
      reason: `No CCC agent account has your email (${email.email}), so I cannot dial as you. An admin can map your Slack account to your agent account in CCC_AGENT_MAP.`,
    };
  if (!agent.Phone)
    return {
      ok: false,
      reason:
        'Your CCC agent account has no mobile number bound: Tencent rings the agent’s mobile first, then the customer. Ask an admin to bind yours.',
    };
  return { ok: true, value: { mail: agent.Mail, phone: agent.Phone } };
}

/** The customer of a call in Tencent's dialling form (`0086…`), or why it cannot be dialled. */
export async function customerOf(
  ccc: CccClient,
  sessionId: string,
  window: { readonly start: number; readonly end: number },
): Promise<Found<{ readonly callee: string; readonly masked: string }>> {
  const { TelCdrList } = await ccc.describeTelCdr({
    startTimestamp: window.start,
    endTimestamp: window.end,
    sessionIds: [sessionId],
    pageSize: 1,
  });
  const row = TelCdrList.find((r) => r.SessionId === sessionId);
  if (!row) return { ok: false, reason: 'Tencent no longer finds this call, so I do not know whom to call.' };
  const outbound = row.Direction === 1;
  const raw = (outbound ? row.Callee : row.Caller)?.trim() ?? '';
  if (!raw && (outbound ? row.ProtectedCallee : row.ProtectedCaller))
    return {
      ok: false,
      reason:
        'This customer’s number is protected (number protection is on), and Tencent documents no way to dial a protected number through the API: call back from the CCC workstation.',
    };
  const digits = normalizeNumber(raw);
  if (!digits || !/^86\d{6,13}$/.test(digits))
    return {
      ok: false,
      reason: 'Tencent’s call-back API only dials mainland China numbers (0086…), and this one is not.',
    };
  return { ok: true, value: { callee: `00${digits}`, masked: maskNumber(`00${digits}`) } };
}

/** What to tell the clicker when Tencent refuses the call (its documented reasons), else undefined. */
export function callOutRefusal(error: unknown): string | undefined {
  if (!isCccError(error)) return undefined;
  const reasons: Readonly<Record<string, string>> = {
    'FailedOperation.SeatStatusBusy':
      'Tencent says you are busy (on another call): try again when you are free.',
    'OperationDenied.NotInWhiteList':
      'Your mobile number is not on Tencent’s outbound allowlist yet: ask your admin to apply for it.',
    'FailedOperation.CalleeIsLimited': 'Tencent refused to call this number (it is restricted).',
    'FailedOperation.CallerOverFrequency':
      'Tencent’s outbound number is over its call frequency: try again later.',
    'FailedOperation.NoCallOutNumber':
      'Tencent has no outbound number to call from: ask your admin to set one up.',
    'InvalidParameterValue.AccountNotExist': 'Tencent does not know your agent account.',
    'FailedOperation.CallOutFailed': 'Tencent could not start the call.',
  };
  return reasons[error.code];
}
