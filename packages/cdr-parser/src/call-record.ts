import { type CdrPush, callTypeLabel, type VoicemailPush } from '@ccc-kit/schemas';
import { toCallFacts } from './call-facts.ts';
import { callTimeline } from './call-timeline.ts';
import { maskNumber } from './mask.ts';
import { peopleResolver, sortParticipants, toParticipant } from './participants.ts';
import { PROTECTED_NUMBER_TEXT } from './protected-number.ts';
import type { CallRecord, PhoneNumber, Satisfaction } from './record-types.ts';
import { dateOf, display, ivrKeysOf, list, seconds } from './timeline.ts';

/** Options of {@link toCallRecord}. */
export interface CallRecordOptions {
  /** A voicemail push of the same session: the outcome becomes `voicemail` and the timeline shows it. */
  readonly voicemail?: VoicemailPush | undefined;
  /** Display form of phone numbers. Default {@link maskNumber}; pass `(raw) => raw` only for trusted audiences. */
  readonly maskNumber?: ((raw: string) => string) | undefined;
}

/** The last survey answer that is a real key (`noInput` means the caller pressed nothing). */
function satisfactionOf(cdr: CdrPush): Satisfaction | null {
  const answer = list(cdr.PostIVRKeyPressed).findLast((k) => k.Key && k.Key !== 'noInput');
  return answer?.Key
    ? { key: display(answer.Key, 80), label: answer.Label ? display(answer.Label, 80) : null }
    : null;
}

/**
 * A party as shown: masked by `mask`, or `protected number` when number protection left the number empty
 * and sent its protected form (never passed to `mask`: `(raw) => raw` would show an empty string).
 */
function partyOf(raw: string, protectedId: string | null, mask: (raw: string) => string): PhoneNumber {
  return raw.trim() === '' && protectedId !== null
    ? { raw, masked: PROTECTED_NUMBER_TEXT, protectedId }
    : { raw, masked: mask(raw) };
}

/**
 * Whether the customer was ever connected: `AcceptTimestamp` set (0 means never), or, where it is absent,
 * an answered outcome. A participant's own answer does not count: on an outbound call the agent's leg is
 * "answered" from the start, while the customer may never pick up.
 */
function connectedOf(cdr: CdrPush, outcome: CallRecord['outcome']): boolean {
  if (seconds(cdr.AcceptTimestamp) !== null) return true;
  return cdr.AcceptTimestamp == null && outcome === 'answered';
}

function locationOf(cdr: CdrPush): string | null {
  const t = cdr.TelLocation;
  const parts = [t?.City, t?.Province, t?.Country].map((s) => s?.trim()).filter((s): s is string => !!s);
  const unique = parts.filter((s, i) => s !== parts[i - 1]);
  return unique.length > 0 ? unique.join(', ') : cdr.CallerLocation?.trim() || null;
}

/**
 * Turns a validated CDR push into the {@link CallRecord} the Slack layer renders: direction, outcome (see
 * `OUTCOMES`), masked numbers (`protected number` for a party hidden by number protection), durations derived from the timestamps (0 = never happened) and a timeline.
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
  const { protectedCaller, protectedCallee, ...facts } = toCallFacts(cdr, options);
  const mask = options.maskNumber ?? maskNumber;
  const { direction, agent, skillGroup, endStatus, hungUpBy } = facts;
  const sorted = sortParticipants(list(cdr.ServeParticipants));
  const people = peopleResolver(cdr.SeatUser, mask);
  const parties = {
    agent,
    skillGroup,
    caller: partyOf(facts.caller, protectedCaller, mask),
    callee: partyOf(facts.callee, protectedCallee, mask),
  };
  const vm = options.voicemail;
  const voicemail = vm ? { url: vm.RecordURL, at: dateOf(vm.Timestamp) } : null;
  const story = callTimeline({
    cdr,
    direction,
    participants: sorted,
    people,
    agentName: agent?.name ?? agent?.email ?? null,
    groupName: skillGroup?.name ?? null,
    endStatus,
    hungUpBy,
    voicemail,
    ...parties,
  });
  return {
    kind: 'call',
    ...facts,
    sdkAppId: cdr.SdkAppId ?? null,
    callType: cdr.CallType ?? null,
    // Without CallType, the direction still tells people what kind of call it was.
    callTypeLabel:
      cdr.CallType != null
        ? callTypeLabel(cdr.CallType)
        : direction === 'inbound'
          ? 'Inbound call'
          : 'Outbound call',
    ...parties,
    ...story,
    participants: sorted.map((p) => toParticipant(p, direction, people)),
    satisfaction: satisfactionOf(cdr),
    location: locationOf(cdr),
    ivrKeys: ivrKeysOf(list(cdr.IVRKeyPressed), list(cdr.IVRKeyPressedEx)),
    // Tencent may send a RecordId for a call nobody answered (a ringback at most): no Recording button then.
    hasRecording:
      connectedOf(cdr, facts.outcome) && (!!cdr.RecordId?.trim() || sorted.some((p) => !!p.RecordId?.trim())),
    uui: cdr.Uui ?? (typeof cdr.UUI === 'string' ? cdr.UUI : null),
    remark: cdr.UserRemark ?? null,
    voicemail,
  };
}
