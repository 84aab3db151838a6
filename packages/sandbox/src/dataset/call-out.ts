import { callFixture } from './call-fixture.ts';
import type { CallPlan } from './call-plan.ts';
import { type CallStory, homeGroup, leg } from './call-story.ts';
import type { DatasetAgent, DatasetSkillGroup } from './catalog.ts';
import { createRandom } from './random.ts';
import type { CallFixture, Dataset } from './types.ts';

/** What a call placed through CreateCallOutSession is made of. */
export interface CallOutInput {
  /** The dataset the call joins: its seed, application id, skill groups. */
  readonly dataset: Dataset;
  /** The calling agent (rung first, on the bound mobile: `phone` is required). */
  readonly agent: DatasetAgent & { readonly phone: string };
  readonly sessionId: string;
  /** The company number shown to the customer. */
  readonly caller: string;
  /** The customer's number (`0086…`). */
  readonly callee: string;
  /** Custom data (`UUI`), `''` when none. */
  readonly uui: string;
  /** When the request arrived, Unix seconds. */
  readonly start: number;
  /** Seconds the customer talks once connected. */
  readonly talkSeconds: number;
}

const PLAN: CallPlan = {
  shape: 'outbound',
  status: 'ok',
  transfers: 0,
  voicemail: false,
  asr: null,
  showcase: false,
};

/** For an agent without a configured group (a hand-built dataset): Tencent reports group 0. */
const NO_GROUP: DatasetSkillGroup = { id: 0, name: '' };

/**
 * The story of an answered dual call: the agent's mobile rings and is answered first, then the customer's
 * phone, who talks `talkSeconds`; the agent's leg lasts as long (a `staffPhoneSeat`, on the mobile).
 */
function callOutStory(input: CallOutInput): CallStory {
  const { agent, start, callee } = input;
  const groups = input.dataset.skillGroups ?? [];
  const staffed = groups.some((group) => agent.skillGroups.includes(group.name));
  const group = staffed ? homeGroup({ agents: [agent], groups }, agent) : NO_GROUP;
  const ring = start + 4;
  const accept = ring + 5;
  const end = accept + input.talkSeconds;
  const random = createRandom(input.dataset.seed).fork(`call-out:${input.sessionId}`);
  const agentLeg = leg(random, {
    agent,
    group,
    type: 'staffPhoneSeat',
    start,
    ring: start + 1,
    accept: start + 3,
    end,
    endStatus: 'ok',
  });
  // Only 0086 numbers can be dialled: the country is known, the rest is not looked up.
  const location = { TelNumber: callee, Country: 'China', Province: '', City: '', Operator: '' };
  return {
    sessionId: input.sessionId,
    plan: PLAN,
    direction: 1,
    callType: 1,
    caller: input.caller,
    callee,
    customer: { number: callee, location, place: '' },
    start,
    queued: 0,
    ring,
    accept,
    end,
    group,
    ivrKeys: [],
    satisfaction: null,
    legs: [agentLeg],
    hungUpSide: 'user',
    customerRecordId: random.uuid(),
    voicemailSeconds: 0,
    ai: null,
    uui: input.uui,
  };
}

/**
 * The call CreateCallOutSession places, on every surface (DescribeTelCdr row, session detail, session, CDR
 * and recording pushes), built by the same projection as the generated calls so they cannot disagree:
 * outbound (`Direction` 1, `CallType` 1), answered (`EndStatus` 1, `ok`), `Duration` = `talkSeconds`, the
 * custom data in `UUI`/`Uui`. Deterministic for a given dataset seed and `sessionId`.
 *
 * @example
 * const call = callOutFixture({ dataset, agent, sessionId: randomUUID(), caller: dataset.lines.outbound,
 *   callee: '008613012345678', uui: '', start: Math.floor(Date.now() / 1000), talkSeconds: 45 });
 */
export function callOutFixture(input: CallOutInput): CallFixture {
  const story = callOutStory(input);
  const random = createRandom(input.dataset.seed).fork(`call-out-media:${input.sessionId}`);
  return callFixture(random, input.dataset.sdkAppId, story);
}
