import {
  type CdrPush,
  callTypeLabel,
  type SeatUserInfo,
  type ServeParticipant,
  type VoicemailPush,
} from '@ccc-kit/schemas';
import { callTimeline } from './call-timeline.ts';
import { CdrParserError, CdrParserErrorCode } from './errors.ts';
import { maskNumber } from './mask.ts';
import { endStatusInfo, outcomeOf, outcomeRow } from './outcomes.ts';
import { peopleResolver, skillGroupOf, sortParticipants, toParticipant } from './participants.ts';
import type {
  AgentInfo,
  CallDirection,
  CallOutcome,
  CallRecord,
  Durations,
  Satisfaction,
} from './record-types.ts';
import { dateOf, display, durationsOf, ivrKeysOf, list, seconds } from './timeline.ts';

/** Options of {@link toCallRecord}. */
export interface CallRecordOptions {
  /** A voicemail push of the same session: the outcome becomes `voicemail` and the timeline shows it. */
  readonly voicemail?: VoicemailPush | undefined;
  /** Display form of phone numbers. Default {@link maskNumber}; pass `(raw) => raw` only for trusted audiences. */
  readonly maskNumber?: ((raw: string) => string) | undefined;
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

/** The last survey answer that is a real key (`noInput` means the caller pressed nothing). */
function satisfactionOf(cdr: CdrPush): Satisfaction | null {
  const answer = list(cdr.PostIVRKeyPressed).findLast((k) => k.Key && k.Key !== 'noInput');
  return answer?.Key
    ? { key: display(answer.Key, 80), label: answer.Label ? display(answer.Label, 80) : null }
    : null;
}

function locationOf(cdr: CdrPush): string | null {
  const t = cdr.TelLocation;
  const parts = [t?.City, t?.Province, t?.Country].map((s) => s?.trim()).filter((s): s is string => !!s);
  const unique = parts.filter((s, i) => s !== parts[i - 1]);
  return unique.length > 0 ? unique.join(', ') : cdr.CallerLocation?.trim() || null;
}

const HUNG_UP_BY = { seat: 'agent', user: 'customer', system: 'system' } as const;

function assertCdr(cdr: unknown, options: CallRecordOptions): asserts cdr is CdrPush {
  const sessionId = (cdr as { SessionId?: unknown } | null)?.SessionId;
  if (typeof sessionId !== 'string' || sessionId === '')
    throw new CdrParserError(
      CdrParserErrorCode.InvalidInput,
      'toCallRecord needs a validated CDR push (parsePush(...).push.payload) with a SessionId',
    );
  if (options.voicemail && options.voicemail.SessionId !== sessionId)
    throw new CdrParserError(
      CdrParserErrorCode.InvalidInput,
      `The voicemail belongs to session ${options.voicemail.SessionId}, not ${sessionId}`,
    );
}

function outcomeFor(cdr: CdrPush, direction: CallDirection, options: CallRecordOptions): CallOutcome {
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

/** Who and where: agent (falling back to the last answering leg), skill group, numbers. */
function partiesOf(cdr: CdrPush, sorted: readonly ServeParticipant[], mask: (raw: string) => string) {
  const answeredLeg = sorted.findLast((p) => seconds(p.AcceptTimestamp) !== null && p.Mail?.trim());
  const legAgent = answeredLeg?.Mail
    ? { name: null, email: answeredLeg.Mail.trim(), staffNumber: null }
    : null;
  const groupLeg = sorted.find((p) => skillGroupOf(p.SkillGroupId, p.SkillGroupName));
  return {
    agent: agentOf(cdr.SeatUser) ?? legAgent,
    skillGroup:
      skillGroupOf(cdr.QueuedSkillGroupId, cdr.QueuedSkillGroupName) ??
      skillGroupOf(groupLeg?.SkillGroupId, groupLeg?.SkillGroupName),
    caller: { raw: cdr.Caller ?? '', masked: mask(cdr.Caller ?? '') },
    callee: { raw: cdr.Callee ?? '', masked: mask(cdr.Callee ?? '') },
  };
}

/**
 * Turns a validated CDR push into the {@link CallRecord} the Slack layer renders: direction, outcome (see
 * `OUTCOMES`), masked numbers, durations derived from the timestamps (0 = never happened) and a timeline.
 *
 * @throws {CdrParserError} `cdr_parser_invalid_input` when given something without a `SessionId`, or a
 *   voicemail of another session.
 * @example
 * const result = parsePush({ query: '?action=cdr&version=1', body });
 * if (result.ok && result.push.kind === 'cdr') {
 *   const call = toCallRecord(result.push.payload);
 *   console.log(call.outcome, call.durations.talk, call.caller.masked);
 * }
 */
export function toCallRecord(cdr: CdrPush, options: CallRecordOptions = {}): CallRecord {
  assertCdr(cdr, options);
  const mask = options.maskNumber ?? maskNumber;
  const direction = directionOf(cdr);
  const sorted = sortParticipants(list(cdr.ServeParticipants));
  const people = peopleResolver(cdr.SeatUser, mask);
  const parties = partiesOf(cdr, sorted, mask);
  const endStatus = endStatusInfo(cdr.EndStatusString);
  const hungUpBy = HUNG_UP_BY[cdr.HungUpSide as keyof typeof HUNG_UP_BY] ?? null;
  const vm = options.voicemail;
  const voicemail = vm ? { url: vm.RecordURL, at: dateOf(vm.Timestamp) } : null;
  const agentName = parties.agent?.name ?? parties.agent?.email ?? null;
  const groupName = parties.skillGroup?.name ?? null;
  const story = callTimeline({
    cdr,
    direction,
    participants: sorted,
    people,
    agentName,
    groupName,
    endStatus,
    hungUpBy,
    voicemail,
    ...parties,
  });
  return {
    kind: 'call',
    sessionId: cdr.SessionId,
    sdkAppId: cdr.SdkAppId ?? null,
    direction,
    callType: cdr.CallType ?? null,
    // Without CallType, the direction still tells people what kind of call it was.
    callTypeLabel:
      cdr.CallType != null
        ? callTypeLabel(cdr.CallType)
        : direction === 'inbound'
          ? 'Inbound call'
          : 'Outbound call',
    ...parties,
    outcome: outcomeFor(cdr, direction, options),
    endStatus,
    hungUpBy,
    startedAt: dateOf(cdr.StartTimestamp),
    endedAt: dateOf(cdr.EndedTimestamp),
    durations: durationsFor(cdr, direction, sorted),
    ...story,
    participants: sorted.map((p) => toParticipant(p, direction, people)),
    satisfaction: satisfactionOf(cdr),
    location: locationOf(cdr),
    ivrKeys: ivrKeysOf(list(cdr.IVRKeyPressed), list(cdr.IVRKeyPressedEx)),
    hasRecording: !!cdr.RecordId?.trim() || sorted.some((p) => !!p.RecordId?.trim()),
    uui: cdr.Uui ?? (typeof cdr.UUI === 'string' ? cdr.UUI : null),
    remark: cdr.UserRemark ?? null,
    voicemail,
  };
}
