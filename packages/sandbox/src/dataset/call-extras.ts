import type { AsrData, SessionEvent } from '@ccc-kit/schemas';
import type { CallStory, Leg } from './call-story.ts';
import { AGENT_LINES, CUSTOMER_LINES, SMALL_TALK } from './phrases.ts';
import type { Random } from './random.ts';

/** At most this many ASR sentences per call (long calls would otherwise produce hundreds). */
const MAX_SENTENCES = 80;

/**
 * Hold/unhold and mute/unmute pairs inside agents' talk time (DescribeSessionDetail `Events`); with
 * `always`, the last leg gets both.
 */
export function holdAndMute(random: Random, legs: readonly Leg[], always = false): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (const leg of legs) {
    const forced = always && leg === legs.at(-1);
    const talk = leg.end - leg.accept;
    if (leg.accept === 0 || talk < 30) continue;
    const StaffEventDetail = { Staffs: [{ Mail: leg.agent.mail, StaffNumber: leg.agent.staffNumber }] };
    const pair = (on: string, off: string) => {
      const at = leg.accept + random.int(5, Math.floor(talk / 2));
      const until = at + random.int(3, Math.min(60, leg.end - at - 1));
      events.push({ Timestamp: at, EventType: on, StaffEventDetail });
      events.push({ Timestamp: until, EventType: off, StaffEventDetail });
    };
    if (random.chance(0.35) || forced) pair('StaffHold', 'StaffUnhold');
    if (random.chance(0.25) || forced) pair('StaffMute', 'StaffUnmute');
  }
  return events.sort((a, b) => (a.Timestamp ?? 0) - (b.Timestamp ?? 0));
}

/** A stretch of conversation between two speakers; `first` is the one answering the phone. */
interface Window {
  readonly from: number;
  readonly to: number;
  readonly first: string;
  readonly second: string;
}

function windows(story: CallStory): Window[] {
  if (story.ai && story.customer)
    return [{ from: story.accept, to: story.end, first: story.ai.name, second: story.customer.number }];
  const talking = story.legs.filter((leg) => leg.accept > 0);
  if (!story.customer) {
    const [a, b] = talking;
    return a && b ? [{ from: story.accept, to: story.end, first: b.agent.mail, second: a.agent.mail }] : [];
  }
  const customer = story.customer.number;
  // Outbound agent legs connect before the customer answers: the conversation starts at the answer.
  return talking.map((leg) => ({
    from: Math.max(leg.accept, story.accept),
    to: leg.end,
    first: leg.agent.mail,
    second: customer,
  }));
}

/** ASR sentences (Unix ms) alternating between the speakers of each talk window of the call. */
export function transcript(random: Random, story: CallStory): AsrData[] {
  const customerLines = CUSTOMER_LINES[story.group?.name ?? ''] ?? (CUSTOMER_LINES['*'] as readonly string[]);
  const sentences: AsrData[] = [];
  for (const window of windows(story)) {
    let at = window.from * 1000 + random.int(500, 2000);
    let speaker = window.first;
    while (at < window.to * 1000 - 3000 && sentences.length < MAX_SENTENCES) {
      const length = random.int(1500, 7000);
      const lines = random.chance(0.3) ? SMALL_TALK : speaker === window.first ? AGENT_LINES : customerLines;
      sentences.push({
        User: speaker,
        Message: random.pick(lines),
        Start: at,
        End: Math.min(at + length, window.to * 1000),
      });
      at += length + random.int(200, 2500);
      if (random.chance(0.75)) speaker = speaker === window.first ? window.second : window.first;
    }
  }
  return sentences;
}
