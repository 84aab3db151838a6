import type { CallPlan } from './call-plan.ts';
import { type CallContext, type CallStory, homeGroup, type Leg, leg, otherAgent } from './call-story.ts';
import { AI_AGENTS } from './catalog.ts';
import { customerNumber } from './numbers.ts';
import type { Random } from './random.ts';

/** Outbound outcomes where the customer's phone never rang. */
const NEVER_RANG = new Set(['busy', 'powerOff', 'numberNotExist', 'notInService']);

/** Customer-side timeline of an outbound call: when the phone rang, was answered, and the call ended. */
function outboundTimes(random: Random, status: string, start: number) {
  if (status.startsWith('restricted')) return { ring: 0, accept: 0, end: start + random.int(0, 1) };
  if (NEVER_RANG.has(status)) return { ring: 0, accept: 0, end: start + random.int(3, 12) };
  const ring = start + random.int(1, 4);
  if (status === 'ok') {
    const accept = ring + random.int(3, 25);
    return { ring, accept, end: accept + random.int(20, 600) };
  }
  const ringFor = status === 'notAnswer' ? random.int(30, 60) : random.int(2, 15);
  return { ring, accept: 0, end: ring + ringFor };
}

const outboundHangUp = (random: Random, status: string): CallStory['hungUpSide'] => {
  if (status === 'ok') return random.pick(['user', 'seat'] as const);
  if (status === 'userReject') return 'user';
  // The push doc's own outbound sample (numberNotExist, error) says `seat`: the agent's dialler gave up.
  return status === 'notAnswer' || status === 'error' || status === 'numberNotExist' ? 'seat' : 'system';
};

/** What calls that never meet the IVR or the queue have in common. */
const DIRECT = {
  queued: 0,
  ivrKeys: [],
  satisfaction: null,
  voicemailSeconds: 0,
  ai: null,
  uui: '',
} as const;

/** An agent calling a customer from the outbound line (CallType 1, or 5 for predictive dialling). */
export function outboundStory(
  random: Random,
  context: CallContext,
  plan: CallPlan,
  start: number,
  sessionId: string,
): CallStory {
  const agent = random.pick(context.agents);
  const group = homeGroup(context, agent);
  const customer = customerNumber(random);
  const times = outboundTimes(random, plan.status, start);
  const accept = start + random.int(0, 1);
  // The agent's own leg always connects; the push sample reports it `ok` whatever the customer did.
  const agentLeg = leg(random, { agent, group, start, ring: start, accept, end: times.end, endStatus: 'ok' });
  return {
    ...DIRECT,
    sessionId,
    plan,
    direction: 1,
    callType: random.chance(0.12) ? 5 : 1,
    caller: context.lines.outbound,
    callee: customer.number,
    customer,
    start,
    ...times,
    group,
    // Nothing worth keeping is recorded when the customer never picked up.
    legs: [times.accept > 0 ? agentLeg : { ...agentLeg, recordId: null }],
    hungUpSide: outboundHangUp(random, plan.status),
    customerRecordId: times.accept > 0 ? random.uuid() : null,
    uui: random.chance(0.4) ? `order=${random.digits(8)}` : '',
  };
}

/** The two legs of an internal call: the caller's from the start, the callee's from its ring. */
function internalLegs(random: Random, context: CallContext, start: number): Leg[] {
  const caller = random.pick(context.agents);
  const callee = otherAgent(random, context, caller);
  const ring = start + random.int(1, 2);
  const accept = ring + random.int(2, 10);
  const end = accept + random.int(15, 300);
  const both = { end, endStatus: 'ok' };
  return [
    leg(random, {
      ...both,
      agent: caller,
      group: homeGroup(context, caller),
      start,
      ring: start,
      accept: start,
    }),
    leg(random, { ...both, agent: callee, group: homeGroup(context, callee), start: ring, ring, accept }),
  ];
}

/** One agent calling another by extension (CallType 6); both legs are recorded, no customer. */
export function internalStory(
  random: Random,
  context: CallContext,
  plan: CallPlan,
  start: number,
  sessionId: string,
): CallStory {
  const legs = internalLegs(random, context, start);
  const [caller, callee] = legs as [Leg, Leg];
  const number = (l: Leg) => l.agent.extensionNumber ?? l.agent.staffNumber;
  return {
    ...DIRECT,
    sessionId,
    plan,
    direction: 1,
    callType: 6,
    caller: number(caller),
    callee: number(callee),
    customer: null,
    start,
    ring: callee.ring,
    accept: callee.accept,
    end: callee.end,
    group: caller.group,
    legs,
    hungUpSide: 'seat',
    customerRecordId: null,
  };
}

/** A customer served by an AI agent right after a short greeting; no human leg. */
export function aiStory(
  random: Random,
  context: CallContext,
  plan: CallPlan,
  start: number,
  sessionId: string,
): CallStory {
  const customer = customerNumber(random);
  const ring = start + random.int(2, 6);
  const accept = ring + 1;
  const end = accept + (plan.status === 'maxCallDurationReached' ? 600 : random.int(30, 240));
  return {
    ...DIRECT,
    sessionId,
    plan,
    direction: 0,
    callType: 2,
    caller: customer.number,
    callee: context.lines.hotline,
    customer,
    start,
    ring,
    accept,
    end,
    group: null,
    legs: [],
    hungUpSide: plan.status === 'userHangupDuringAiCall' ? 'user' : 'system',
    customerRecordId: random.uuid(),
    ai: random.pick(AI_AGENTS),
  };
}
