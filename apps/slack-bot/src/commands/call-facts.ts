import type { CccClient } from '@ccc-kit/ccc-client';
import type { PstnSession, TelCdrInfo } from '@ccc-kit/schemas';
import { isSessionNotFound } from '../failures.ts';
import { CALL_LOOKBACK_DAYS } from './window.ts';

/** What Tencent's records say about a call: who spoke on it and whether its transcript can exist yet. */
export interface CallFacts {
  /** The agents' accounts and numbers: SeatUser, every ServeParticipant, the AI agent's name. */
  readonly agents: readonly string[];
  /** The customer's number: Caller of an inbound call, Callee of an outbound one (and protected forms). */
  readonly customers: readonly string[];
  /** Unix seconds; undefined when the record does not say. */
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  /** `false` when nobody answered; undefined when unknown. */
  readonly connected: boolean | undefined;
  /** Still ringing or talking (DescribeTelSession). */
  readonly inProgress: boolean;
  /** DescribeTelCdr `AsrStatus`: `Complete`, `Processing` or `NotExists`; undefined without a CDR. */
  readonly asrStatus: string | undefined;
}

const DAY = 86_400;
// CallType 1 outbound, 5 predictive outbound, 6 internal (agent to agent: no customer on the line).
const OUTBOUND_TYPES = new Set([1, 5]);
const INTERNAL_TYPE = 6;

const present = (values: readonly (string | null | undefined)[]): string[] =>
  values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');

const positive = (value: number | null | undefined): number | undefined =>
  value && value > 0 ? value : undefined;

/** The customer's side of a call by Tencent's own direction fields; both numbers when they do not say. */
function customerNumbers(record: TelCdrInfo | PstnSession, callType?: number | null): string[] {
  if (callType === INTERNAL_TYPE) return [];
  const outbound = record.Direction === 1 || (callType != null && OUTBOUND_TYPES.has(callType));
  const inbound = record.Direction === 0 || callType === 2 || callType === 3;
  const caller = [record.Caller, record.ProtectedCaller];
  const callee = [record.Callee, record.ProtectedCallee];
  if (outbound) return present(callee);
  if (inbound) return present(caller);
  return present([...caller, ...callee]);
}

/** Facts from a DescribeTelCdr row. */
export function factsFromCdr(cdr: TelCdrInfo): CallFacts {
  const seat = cdr.SeatUser;
  const legs = cdr.ServeParticipants.flatMap((p) => [p.Mail, p.Phone]);
  const internal = cdr.CallType === INTERNAL_TYPE ? [cdr.Caller, cdr.Callee] : [];
  return {
    agents: present([seat?.Mail, seat?.UserId, seat?.Phone, ...legs, cdr.AIAgentName, ...internal]),
    customers: customerNumbers(cdr, cdr.CallType),
    startedAt: positive(cdr.StartTimestamp ?? cdr.Time),
    endedAt: positive(cdr.EndedTimestamp),
    connected: cdr.AcceptTimestamp == null ? undefined : cdr.AcceptTimestamp > 0,
    inProgress: false,
    asrStatus: cdr.AsrStatus || undefined,
  };
}

/** Facts from a DescribeTelSession answer (no end time, no ASR status, only the current agent). */
export function factsFromSession(session: PstnSession): CallFacts {
  return {
    agents: present([session.StaffEmail]),
    customers: customerNumbers(session),
    startedAt: positive(session.StartTimestamp),
    endedAt: undefined,
    connected: session.AcceptTimestamp == null ? undefined : session.AcceptTimestamp > 0,
    inProgress: session.SessionStatus != null && session.SessionStatus !== 'finished',
    asrStatus: undefined,
  };
}

/**
 * Looks a call up: its DescribeTelCdr row in the last 89 days, else DescribeTelSession (any age, fewer
 * facts). Undefined when neither knows the session. Two requests at most.
 */
export async function fetchCallFacts(
  ccc: CccClient,
  sessionId: string,
  nowMs: number,
): Promise<CallFacts | undefined> {
  const now = Math.floor(nowMs / 1000);
  const { TelCdrList } = await ccc.describeTelCdr({
    startTimestamp: now - CALL_LOOKBACK_DAYS * DAY,
    endTimestamp: now,
    sessionIds: [sessionId],
    pageSize: 1,
  });
  const cdr = TelCdrList.find((row) => row.SessionId === sessionId) ?? TelCdrList[0];
  if (cdr) return factsFromCdr(cdr);
  try {
    return factsFromSession((await ccc.describeTelSession({ sessionId })).Session);
  } catch (error) {
    if (isSessionNotFound(error)) return undefined;
    throw error;
  }
}
