import type { CdrPush, ServeParticipant } from '@ccc-kit/schemas';
import type { PeopleResolver } from './participants.ts';
import type { CallDirection, CallRecord, EndStatusInfo, PhoneNumber, TimelineEvent } from './record-types.ts';
import { dateOf, display, ivrKeyEvents, keyDateOf, list, orderTimeline, seconds } from './timeline.ts';

/** What the call timeline is built from. */
export interface CallTimelineInput {
  readonly cdr: CdrPush;
  readonly direction: CallDirection;
  readonly caller: PhoneNumber;
  readonly callee: PhoneNumber;
  /** `ServeParticipants` sorted by `Sequence`. */
  readonly participants: readonly ServeParticipant[];
  readonly people: PeopleResolver;
  readonly agentName: string | null;
  readonly groupName: string | null;
  readonly endStatus: EndStatusInfo;
  readonly hungUpBy: CallRecord['hungUpBy'];
  readonly voicemail: CallRecord['voicemail'];
}

const event = (at: Date | null, type: TimelineEvent['type'], text: string): TimelineEvent => ({
  at,
  type,
  text: display(text),
});

/** Agent legs: transfers in, rings, answers, misses and transfers out (the outbound originator is skipped). */
function participantEvents(input: CallTimelineInput): { events: TimelineEvent[]; transfers: number } {
  const { participants, people } = input;
  const originator =
    input.direction === 'outbound' ? participants.find((p) => !p.TransferFrom?.trim()) : undefined;
  const events: TimelineEvent[] = [];
  let transfers = 0;
  participants.forEach((p, index) => {
    const name = people.nameOf(p);
    if (p.TransferFrom?.trim()) {
      const at = dateOf(p.StartTimestamp) ?? dateOf(p.RingTimestamp);
      events.push(event(at, 'transferred', `Transferred from ${people.who(p.TransferFrom)} to ${name}`));
      transfers++;
    }
    if (p !== originator) {
      if (seconds(p.RingTimestamp)) events.push(event(dateOf(p.RingTimestamp), 'ringing', `Rang ${name}`));
      if (seconds(p.AcceptTimestamp))
        events.push(event(dateOf(p.AcceptTimestamp), 'answered', `Answered by ${name}`));
      else if (seconds(p.RingTimestamp))
        events.push(event(dateOf(p.EndedTimestamp), 'not_answered', `${name} did not answer`));
    }
    // A transfer to another participant is already counted on that participant's TransferFrom.
    if (p.TransferTo?.trim() && !participants[index + 1]?.TransferFrom?.trim()) {
      const text = `Transferred from ${name} to ${people.who(p.TransferTo)}`;
      events.push(event(dateOf(p.EndedTimestamp), 'transferred', text));
      transfers++;
    }
  });
  return { events, transfers };
}

function rootEvents(input: CallTimelineInput): TimelineEvent[] {
  const { cdr, direction, callee } = input;
  const ring = dateOf(cdr.RingTimestamp);
  const accept = dateOf(cdr.AcceptTimestamp);
  const out: TimelineEvent[] = [];
  if (direction === 'outbound') {
    if (ring) out.push(event(ring, 'ringing', `Ringing ${callee.masked}`));
    if (accept) out.push(event(accept, 'answered', `${callee.masked} answered`));
  } else if (input.participants.length === 0) {
    const agent = input.agentName ?? 'an agent';
    if (ring) out.push(event(ring, 'ringing', `Rang ${agent}`));
    if (accept) out.push(event(accept, 'answered', `Answered by ${agent}`));
  }
  return out;
}

function surveyEvents(cdr: CdrPush): TimelineEvent[] {
  return list(cdr.PostIVRKeyPressed).map((k) => {
    const key = k.Key ?? '';
    const text =
      key === 'noInput' || key === ''
        ? 'Satisfaction survey: no key pressed'
        : `Satisfaction survey: pressed ${key}${k.Label ? ` (${k.Label})` : ''}`;
    return event(keyDateOf(k.Timestamp), 'survey', text);
  });
}

const HUNG_UP = { agent: 'agent hung up', customer: 'customer hung up', system: 'ended by the system' };

/** The call's timeline, ordered by time, and the number of transfers seen. */
export function callTimeline(input: CallTimelineInput): { timeline: TimelineEvent[]; transfers: number } {
  const { cdr, direction, caller, callee, participants, people } = input;
  const originator = participants.find((p) => !p.TransferFrom?.trim());
  const starter = (originator && people.nameOf(originator)) ?? input.agentName ?? 'Agent';
  const startText =
    direction === 'outbound'
      ? `${starter} called ${callee.masked} from ${caller.masked}`
      : `Call from ${caller.masked} to ${callee.masked}`;
  const legs = participantEvents(input);
  const queued = dateOf(cdr.QueuedTimestamp);
  const ended = dateOf(cdr.EndedTimestamp);
  const hungUp = input.hungUpBy ? ` (${HUNG_UP[input.hungUpBy]})` : '';
  const events: TimelineEvent[] = [
    event(dateOf(cdr.StartTimestamp), 'started', startText),
    ...ivrKeyEvents(list(cdr.IVRKeyPressed), list(cdr.IVRKeyPressedEx), 'IVR'),
    ...(queued ? [event(queued, 'queued', input.groupName ? `Queued in ${input.groupName}` : 'Queued')] : []),
    ...legs.events,
    ...rootEvents(input),
    ...surveyEvents(cdr),
    ...(input.voicemail
      ? [event(input.voicemail.at, 'voicemail', `Voicemail left by ${caller.masked}`)]
      : []),
    ...(ended || cdr.EndStatusString
      ? [event(ended, 'ended', `Call ended: ${input.endStatus.meaning}${hungUp}`)]
      : []),
  ];
  return { timeline: orderTimeline(events), transfers: legs.transfers };
}
