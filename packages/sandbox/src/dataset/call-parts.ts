import type { IvrKeyPressedElement, SeatUserInfo, ServeParticipant } from '@ccc-kit/schemas';
import type { CallStory, IvrKey, Leg } from './call-story.ts';
import type { DatasetAgent } from './catalog.ts';
import type { RecordingLinks } from './numbers.ts';

/** Full key element, as the API returns it (with the press time in ms and the IVR node). */
export const fullKey = (key: IvrKey): IvrKeyPressedElement => ({
  Key: key.key,
  Label: key.label,
  Timestamp: key.at,
  NodeLabel: key.node,
});

/** Key element as the CDR push documents it (`{"Key":"1","Label":"..."}`). */
export const shortKey = (key: IvrKey): IvrKeyPressedElement => ({ Key: key.key, Label: key.label });

/** The agent leg reported as `SeatUser`: the last agent who talked, else the last one who rang. */
export const lastAgentLeg = (story: CallStory): Leg | undefined =>
  story.legs.findLast((leg) => leg.accept > 0) ?? story.legs.at(-1);

/** `SeatUser` of a CDR: the push form, or the API's `SeatUserInfo` with role and extension. */
export function seatUser(agent: DatasetAgent, form: 'push' | 'api'): SeatUserInfo {
  const base = {
    Mail: agent.mail,
    Name: agent.name,
    Nick: agent.nick ?? '',
    Phone: agent.phone ?? '',
    UserId: agent.mail,
    StaffNumber: agent.staffNumber,
    SkillGroupNameList: [...agent.skillGroups],
  };
  return form === 'push' ? base : { ...base, Role: 3, ExtensionNumber: agent.extensionNumber ?? '' };
}

/**
 * `ServeParticipants`: the API form carries the signed recording links, the push form the
 * `SkillGroupPriority` its doc lists instead.
 */
export function participants(
  story: CallStory,
  links: ReadonlyMap<string, RecordingLinks>,
  form: 'push' | 'api',
): ServeParticipant[] {
  return story.legs.map((leg, i) => {
    const previous = story.legs[i - 1];
    const next = story.legs[i + 1];
    const link = leg.recordId ? links.get(leg.recordId) : undefined;
    const common = {
      Mail: leg.agent.mail,
      Phone: leg.type === 'staffPhoneSeat' ? (leg.agent.phone ?? '') : '',
      RingTimestamp: leg.ring,
      AcceptTimestamp: leg.accept,
      EndedTimestamp: leg.end,
      RecordId: leg.recordId ?? '',
      Type: leg.type,
      TransferFrom: leg.from?.mail ?? '',
      TransferFromType: leg.from && previous ? previous.type : '',
      TransferTo: leg.to?.mail ?? '',
      TransferToType: leg.to && next ? next.type : '',
      SkillGroupId: leg.group.id,
      EndStatusString: leg.endStatus,
      Sequence: i,
      StartTimestamp: leg.start,
      SkillGroupName: leg.group.name,
    };
    return form === 'push'
      ? { ...common, SkillGroupPriority: 0 }
      : { ...common, RecordURL: link?.apiUrl ?? '', CustomRecordURL: link?.customUrl ?? '' };
  });
}

/** Talk time: end − answer, 0 when never answered (the push doc's definition). */
export const talkSeconds = (story: CallStory): number => (story.accept > 0 ? story.end - story.accept : 0);

/** Time in the IVR: until queued; a call that never queued spent all of it (up to the AI pickup) there. */
export function ivrSeconds(story: CallStory): number {
  if (story.queued > 0) return story.queued - story.start;
  if (story.plan.shape === 'inbound') return story.end - story.start;
  return story.plan.shape === 'ai' ? story.ring - story.start : 0;
}
