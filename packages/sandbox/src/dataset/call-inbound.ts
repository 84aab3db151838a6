import type { CallPlan } from './call-plan.ts';
import {
  agentsIn,
  type CallContext,
  type CallStory,
  homeGroup,
  type IvrKey,
  keyAt,
  type Leg,
  leg,
  otherAgent,
  staffedGroups,
} from './call-story.ts';
import type { DatasetSkillGroup } from './catalog.ts';
import { customerNumber } from './numbers.ts';
import { LANGUAGE_MENU, SATISFACTION_KEYS, SELF_SERVICE_KEY } from './phrases.ts';
import type { Random } from './random.ts';

/** The part of an inbound story that depends on how the call went. */
type Flow = Pick<
  CallStory,
  | 'queued'
  | 'ring'
  | 'accept'
  | 'end'
  | 'group'
  | 'ivrKeys'
  | 'satisfaction'
  | 'legs'
  | 'hungUpSide'
  | 'customerRecordId'
  | 'voicemailSeconds'
>;

const seconds = (key: IvrKey): number => Math.floor(key.at / 1000);

/** A call that ended in the IVR (or before it), never queued. */
const ivrOnly = (end: number, hungUpSide: Flow['hungUpSide'], ivrKeys: IvrKey[] = []): Flow => ({
  queued: 0,
  ring: 0,
  accept: 0,
  end,
  group: null,
  ivrKeys,
  satisfaction: null,
  legs: [],
  hungUpSide,
  customerRecordId: null,
  voicemailSeconds: 0,
});

/** After a missed call the IVR offers voicemail: a beep, then the caller talks and hangs up. */
function withVoicemail(random: Random, plan: CallPlan, flow: Flow): Flow {
  if (!plan.voicemail) return flow;
  const recorded = random.int(10, 60);
  return { ...flow, end: flow.end + 3 + recorded, hungUpSide: 'user', voicemailSeconds: recorded };
}

/** A customer calling the hotline: IVR, then (usually) a queue and agents. */
export function inboundStory(
  random: Random,
  context: CallContext,
  plan: CallPlan,
  start: number,
  sessionId: string,
): CallStory {
  const customer = customerNumber(random);
  const flow = inboundFlow(random, context, plan, start);
  const caller = customer.number;
  return {
    sessionId,
    plan,
    direction: 0,
    callType: 2,
    caller,
    callee: context.lines.hotline,
    customer,
    start,
    ...flow,
    ai: null,
    uui: '',
  };
}

function inboundFlow(random: Random, context: CallContext, plan: CallPlan, start: number): Flow {
  const choice = random.pick(LANGUAGE_MENU);
  const language = keyAt(random, start + random.int(3, 7), choice.key, choice.label, 'Language');
  switch (plan.status) {
    case 'blackList':
      return ivrOnly(start + random.int(0, 2), 'system');
    case 'notWorkTime':
      return withVoicemail(random, plan, ivrOnly(start + random.int(8, 20), 'system'));
    case 'ivrGiveUp':
      return random.chance(0.5)
        ? ivrOnly(seconds(language) + random.int(2, 30), 'user', [language])
        : ivrOnly(start + random.int(3, 20), 'user');
    case 'ivrEnd': {
      const { key, label } = SELF_SERVICE_KEY;
      const self = keyAt(random, seconds(language) + random.int(3, 8), key, label, 'Self-service');
      return ivrOnly(seconds(self) + random.int(20, 90), 'system', [language, self]);
    }
    default:
      return queuedFlow(random, context, plan, language);
  }
}

function queuedFlow(random: Random, context: CallContext, plan: CallPlan, language: IvrKey): Flow {
  const group = random.pick(staffedGroups(context));
  const index = context.groups.findIndex((g) => g.id === group.id);
  const department = keyAt(
    random,
    seconds(language) + random.int(3, 8),
    String(index + 1),
    group.name,
    'Department',
  );
  const queued = seconds(department) + random.int(1, 3);
  const base = { ...ivrOnly(0, 'user', [language, department]), group, queued };
  switch (plan.status) {
    case 'noSeatOnline':
      return withVoicemail(random, plan, { ...base, end: queued + random.int(1, 5), hungUpSide: 'system' });
    case 'waitingGiveUp':
      return withVoicemail(random, plan, { ...base, end: queued + random.int(20, 300) });
    case 'ok':
      return answered(random, context, plan, base);
    default:
      return unanswered(random, context, plan.status, base);
  }
}

/** An agent rang but nobody talked: `ringingGiveUp`, `seatGiveUp`, `clientError`. */
function unanswered(random: Random, context: CallContext, status: string, base: Flow): Flow {
  const group = base.group as DatasetSkillGroup;
  const agent = random.pick(agentsIn(context, group));
  const ring = base.queued + random.int(5, 120);
  const ringFor =
    status === 'seatGiveUp'
      ? random.int(15, 30)
      : status === 'clientError'
        ? random.int(1, 6)
        : random.int(4, 25);
  const legEnd = ring + ringFor;
  const legs = [leg(random, { agent, group, start: ring, ring, end: legEnd, endStatus: status })];
  // seatGiveUp: the call goes back to the queue, where the caller eventually hangs up.
  const end = status === 'seatGiveUp' ? legEnd + random.int(5, 60) : legEnd;
  return { ...base, ring, end, legs, hungUpSide: status === 'clientError' ? 'system' : 'user' };
}

/** Answered, possibly transferred between agents, often followed by the satisfaction survey. */
function answered(random: Random, context: CallContext, plan: CallPlan, base: Flow): Flow {
  const ring = base.queued + (random.chance(0.2) ? random.int(30, 240) : random.int(0, 30));
  const legs = agentLegs(random, context, plan.transfers, base.group as DatasetSkillGroup, ring);
  const first = legs[0] as Leg;
  const talkEnd = (legs.at(-1) as Leg).end;
  const survey = random.chance(0.7) || plan.showcase ? random.pick(SATISFACTION_KEYS) : null;
  const satisfaction =
    survey && keyAt(random, talkEnd + random.int(3, 6), survey.key, survey.label, 'Satisfaction');
  const end = satisfaction ? seconds(satisfaction) + random.int(1, 3) : talkEnd;
  const hungUpSide = random.pick(['user', 'seat'] as const);
  return {
    ...base,
    ring,
    accept: first.accept,
    end,
    legs,
    satisfaction,
    hungUpSide,
    customerRecordId: random.uuid(),
  };
}

/** The first agent of the queued group, then one leg per transfer (blind transfers to other agents). */
function agentLegs(
  random: Random,
  context: CallContext,
  transfers: number,
  group: DatasetSkillGroup,
  firstRing: number,
): Leg[] {
  const legs: Leg[] = [];
  let agent = random.pick(agentsIn(context, group));
  let legGroup = group;
  let ring = firstRing;
  for (let i = 0; i <= transfers; i++) {
    const last = i === transfers;
    const next = last ? null : otherAgent(random, context, agent);
    const accept = ring + random.int(2, last && i === 0 ? 15 : 12);
    const end = accept + (last ? random.int(30, 900) : random.int(20, 300));
    const type = random.chance(0.15) ? 'staffPhoneSeat' : 'staffSeat';
    const from = legs.at(-1)?.agent ?? null;
    const endStatus = last ? 'ok' : 'seatForward';
    legs.push(
      leg(random, {
        agent,
        group: legGroup,
        type,
        start: ring,
        ring,
        accept,
        end,
        endStatus,
        from,
        to: next,
      }),
    );
    if (next) {
      agent = next;
      legGroup = homeGroup(context, next);
      ring = end;
    }
  }
  return legs;
}
