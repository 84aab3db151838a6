import type { CdrPush, SeatUserInfo, ServeParticipant, VoicemailPush } from '@ccc-kit/schemas';
import { CdrParserError, CdrParserErrorCode } from './errors.ts';
import { endStatusInfo, outcomeOf, outcomeRow } from './outcomes.ts';
import { skillGroupOf, sortParticipants } from './participants.ts';
import { protectedNumberOf } from './protected-number.ts';
import type { AgentInfo, CallDirection, CallFacts, CallOutcome, Durations } from './record-types.ts';
import { dateOf, durationsOf, list, seconds } from './timeline.ts';

/** Options of {@link toCallFacts}. */
export interface CallFactsOptions {
  /** A voicemail push of the same session: the outcome becomes `voicemail`. */
  readonly voicemail?: VoicemailPush | undefined;
}

/** Direction from `Direction`, else `CallType`, else the end status's scenario, else inbound. */
function directionOf(cdr: CdrPush): CallDirection {
  if (cdr.Direction === 0) return 'inbound';
  if (cdr.Direction === 1) return 'outbound';
  if (cdr.CallType === 1 || cdr.CallType === 5) return 'outbound';
  if (cdr.CallType === 2 || cdr.CallType === 3) return 'inbound';
  return outcomeRow(cdr.EndStatusString)?.scenario === 'outbound' ? 'outbound' : 'inbound';
}

/** The agent from `SeatUser`; `null` when it names nobody. */
export function agentOf(seat: SeatUserInfo | null | undefined): AgentInfo | null {
  const name = seat?.Name?.trim() || seat?.Nick?.trim() || null;
  const email = seat?.Mail?.trim() || seat?.UserId?.trim() || null;
  const staffNumber = seat?.StaffNumber?.trim() || null;
  return name || email || staffNumber ? { name, email, staffNumber } : null;
}

const HUNG_UP_BY = { seat: 'agent', user: 'customer', system: 'system' } as const;

function assertCdr(cdr: unknown, options: CallFactsOptions): asserts cdr is CdrPush {
  const sessionId = (cdr as { SessionId?: unknown } | null)?.SessionId;
  if (typeof sessionId !== 'string' || sessionId === '')
    throw new CdrParserError(
      CdrParserErrorCode.InvalidInput,
      'Expected a validated CDR push with a SessionId: pass parsePush(...).push.payload of a cdr push',
    );
  if (options.voicemail && options.voicemail.SessionId !== sessionId)
    throw new CdrParserError(
      CdrParserErrorCode.InvalidInput,
      `The voicemail belongs to session ${options.voicemail.SessionId}, not ${sessionId}`,
    );
}

function outcomeFor(cdr: CdrPush, direction: CallDirection, options: CallFactsOptions): CallOutcome {
  if (options.voicemail) return 'voicemail';
  const outcome = outcomeOf(cdr.EndStatusString, direction);
  // No end status at all (older or partial payloads): an answered call is still recognisable.
  return outcome === 'unknown' && !cdr.EndStatusString && seconds(cdr.AcceptTimestamp) !== null
    ? 'answered'
    : outcome;
}

function durationsFor(
  cdr: CdrPush,
  direction: CallDirection,
  sorted: readonly ServeParticipant[],
): Durations {
  // Inbound: the root RingTimestamp is an agent ring, as are the participants' rings; outbound: the customer's.
  const rings = [cdr.RingTimestamp, ...(direction === 'inbound' ? sorted.map((p) => p.RingTimestamp) : [])]
    .map(seconds)
    .filter((s): s is number => s !== null);
  const moments = {
    start: seconds(cdr.StartTimestamp),
    queued: seconds(cdr.QueuedTimestamp),
    firstRing: rings.length > 0 ? Math.min(...rings) : null,
    accept: seconds(cdr.AcceptTimestamp),
    end: seconds(cdr.EndedTimestamp),
  };
  return durationsOf(moments, direction === 'inbound');
}

/**
 * The facts of a call that need no rendering — direction, outcome, end status, agent, skill group, raw
 * numbers (and their number-protection forms), times and durations — without the timeline, participants and masking of {@link toCallRecord}
 * (which builds on this, so the two always agree). Cheap enough to run on every push, e.g. for routing.
 *
 * @throws {CdrParserError} `cdr_parser_invalid_input` as {@link toCallRecord}.
 * @example
 * const result = parsePush({ query: '?action=cdr&version=1', body });
 * if (result.ok && result.push.kind === 'cdr') {
 *   const { outcome, skillGroup } = toCallFacts(result.push.payload);
 * }
 */
export function toCallFacts(cdr: CdrPush, options: CallFactsOptions = {}): CallFacts {
  assertCdr(cdr, options);
  const direction = directionOf(cdr);
  const sorted = sortParticipants(list(cdr.ServeParticipants));
  const answeredLeg = sorted.findLast((p) => seconds(p.AcceptTimestamp) !== null && p.Mail?.trim());
  const legAgent = answeredLeg?.Mail
    ? { name: null, email: answeredLeg.Mail.trim(), staffNumber: null }
    : null;
  const groupLeg = sorted.find((p) => skillGroupOf(p.SkillGroupId, p.SkillGroupName));
  return {
    sessionId: cdr.SessionId,
    direction,
    // The agent falls back to the last answering leg.
    agent: agentOf(cdr.SeatUser) ?? legAgent,
    skillGroup:
      skillGroupOf(cdr.QueuedSkillGroupId, cdr.QueuedSkillGroupName) ??
      skillGroupOf(groupLeg?.SkillGroupId, groupLeg?.SkillGroupName),
    caller: cdr.Caller ?? '',
    callee: cdr.Callee ?? '',
    protectedCaller: protectedNumberOf(cdr, 'ProtectedCaller'),
    protectedCallee: protectedNumberOf(cdr, 'ProtectedCallee'),
    outcome: outcomeFor(cdr, direction, options),
    endStatus: endStatusInfo(cdr.EndStatusString),
    hungUpBy: HUNG_UP_BY[cdr.HungUpSide as keyof typeof HUNG_UP_BY] ?? null,
    startedAt: dateOf(cdr.StartTimestamp),
    endedAt: dateOf(cdr.EndedTimestamp),
    durations: durationsFor(cdr, direction, sorted),
  };
}
