import { ParticipantTypeLabel, type SeatUserInfo, type ServeParticipant } from '@ccc-kit/schemas';
import { endStatusInfo, outcomeOf, outcomeRow } from './outcomes.ts';
import type { CallDirection, CallOutcome, CallParticipant, SkillGroupRef } from './record-types.ts';
import { dateOf, display, seconds } from './timeline.ts';

/** Resolves people named in a CDR (emails, phones) to display names; numbers masked. */
export interface PeopleResolver {
  /** Display name of an agent id or number as found in `TransferFrom`/`TransferTo`/`Mail`. */
  readonly who: (id: string) => string;
  /** Display name of a participant. */
  readonly nameOf: (p: ServeParticipant) => string;
  /** The `SeatUser` name when `p` is the `SeatUser`. */
  readonly seatNameOf: (p: ServeParticipant) => string | null;
  readonly mask: (raw: string) => string;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Builds the resolver. The `SeatUser` matches a participant by `Mail` or `UserId`: the current doc sample
 * has `Mail: zhangsan@tencent.con` (sic) on the `SeatUser` but `.com` on the participant and `UserId`.
 */
export function peopleResolver(
  seat: SeatUserInfo | null | undefined,
  mask: (raw: string) => string,
): PeopleResolver {
  const seatName = seat?.Name?.trim() || seat?.Nick?.trim() || null;
  const isSeat = (id: string | null | undefined): boolean => same(id, seat?.Mail) || same(id, seat?.UserId);
  const who = (id: string): string => (seatName && isSeat(id) ? seatName : display(mask(id)));
  const seatNameOf = (p: ServeParticipant): string | null => (seatName && isSeat(p.Mail) ? seatName : null);
  const nameOf = (p: ServeParticipant): string => {
    if (p.Mail?.trim()) return who(p.Mail);
    if (p.Phone?.trim()) return mask(p.Phone);
    return typeLabelOf(p.Type).toLowerCase();
  };
  return { who, nameOf, seatNameOf, mask };
}

/** Label of a participant type; unknown types are shown as they are. */
export const typeLabelOf = (type: string | null | undefined): string =>
  !type ? 'Participant' : (ParticipantTypeLabel[type as keyof typeof ParticipantTypeLabel] ?? type);

/** `ServeParticipants` sorted by `Sequence`; participants without one keep their order at the end. */
export function sortParticipants(list: readonly ServeParticipant[]): ServeParticipant[] {
  const rank = (p: ServeParticipant): number =>
    typeof p.Sequence === 'number' && Number.isFinite(p.Sequence) ? p.Sequence : Number.POSITIVE_INFINITY;
  return list
    .map((p, index) => ({ p, index }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.index - b.index)
    .map((x) => x.p);
}

/** A skill group reference, `null` when neither id (0 means none) nor name is known. */
export function skillGroupOf(
  id: number | null | undefined,
  name: string | null | undefined,
): SkillGroupRef | null {
  const cleanId = typeof id === 'number' && id !== 0 ? id : null;
  const cleanName = name?.trim() || null;
  return cleanId === null && cleanName === null ? null : { id: cleanId, name: cleanName };
}

function legOutcome(p: ServeParticipant, direction: CallDirection): CallOutcome {
  if (outcomeRow(p.EndStatusString)) return outcomeOf(p.EndStatusString, direction);
  if (seconds(p.AcceptTimestamp) !== null) return 'answered';
  if (seconds(p.RingTimestamp) !== null) return direction === 'inbound' ? 'missed' : 'not_answered';
  return 'unknown';
}

/** The public view of one participant. */
export function toParticipant(
  p: ServeParticipant,
  direction: CallDirection,
  people: PeopleResolver,
): CallParticipant {
  const answeredAt = dateOf(p.AcceptTimestamp);
  return {
    sequence: typeof p.Sequence === 'number' ? p.Sequence : null,
    type: p.Type ?? null,
    typeLabel: typeLabelOf(p.Type),
    name: people.seatNameOf(p),
    email: p.Mail?.trim() || null,
    phone: p.Phone?.trim() ? { raw: p.Phone, masked: people.mask(p.Phone) } : null,
    skillGroup: skillGroupOf(p.SkillGroupId, p.SkillGroupName),
    startedAt: dateOf(p.StartTimestamp),
    rangAt: dateOf(p.RingTimestamp),
    answeredAt,
    endedAt: dateOf(p.EndedTimestamp),
    answered: answeredAt !== null,
    outcome: legOutcome(p, direction),
    endStatus: endStatusInfo(p.EndStatusString),
    transferredFrom: p.TransferFrom?.trim() ? people.who(p.TransferFrom) : null,
    transferredTo: p.TransferTo?.trim() ? people.who(p.TransferTo) : null,
    hasRecording: !!p.RecordId?.trim(),
  };
}
