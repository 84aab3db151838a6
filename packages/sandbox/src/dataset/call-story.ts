import type { CallPlan } from './call-plan.ts';
import type { DatasetAgent, DatasetSkillGroup } from './catalog.ts';
import type { CompanyLines, CustomerNumber } from './numbers.ts';
import type { Random } from './random.ts';

/** What every call builder needs to know about the generated contact center. */
export interface CallContext {
  readonly sdkAppId: number;
  readonly agents: readonly DatasetAgent[];
  readonly groups: readonly DatasetSkillGroup[];
  readonly lines: CompanyLines;
}

/** The people of the contact center (what chats need of a {@link CallContext}). */
export type Staff = Pick<CallContext, 'agents' | 'groups'>;

/** An IVR key press; `at` in Unix MILLISECONDS like Tencent's `IVRKeyPressedElement.Timestamp`. */
export interface IvrKey {
  readonly key: string;
  readonly label: string;
  readonly at: number;
  readonly node: string;
}

/** One agent's part of a call (a `ServeParticipant`). Times are Unix seconds, 0 = never. */
export interface Leg {
  readonly agent: DatasetAgent;
  readonly group: DatasetSkillGroup;
  readonly type: 'staffSeat' | 'staffPhoneSeat';
  readonly start: number;
  readonly ring: number;
  readonly accept: number;
  readonly end: number;
  readonly endStatus: string;
  /** Agent-side recording, when the agent talked. */
  readonly recordId: string | null;
  readonly from: DatasetAgent | null;
  readonly to: DatasetAgent | null;
}

/**
 * The single truth of one call, from which every surface (API rows, detail, pushes, recordings) is
 * projected, so they cannot disagree. Times are Unix seconds, 0 = never happened.
 */
export interface CallStory {
  readonly sessionId: string;
  readonly plan: CallPlan;
  readonly direction: 0 | 1;
  readonly callType: number;
  readonly caller: string;
  readonly callee: string;
  /** The customer's number; `null` for internal calls. */
  readonly customer: CustomerNumber | null;
  readonly start: number;
  readonly queued: number;
  readonly ring: number;
  readonly accept: number;
  readonly end: number;
  /** The skill group the call queued in (outbound: the agent's first group). */
  readonly group: DatasetSkillGroup | null;
  readonly ivrKeys: readonly IvrKey[];
  readonly satisfaction: IvrKey | null;
  readonly legs: readonly Leg[];
  readonly hungUpSide: 'user' | 'seat' | 'system';
  /** Customer-side recording, when the customer talked to someone. */
  readonly customerRecordId: string | null;
  /** Seconds of voicemail recorded at the end of the call, 0 when none. */
  readonly voicemailSeconds: number;
  readonly ai: { readonly id: number; readonly name: string } | null;
  /** User-to-user data (outbound calls placed through the API carry some). */
  readonly uui: string;
}

/** The groups an agent belongs to, as configured (validated to exist). */
export const groupsOf = (context: Staff, agent: DatasetAgent): DatasetSkillGroup[] =>
  context.groups.filter((group) => agent.skillGroups.includes(group.name));

/** The agent's first skill group (what Tencent reports for outbound calls). */
export const homeGroup = (context: Staff, agent: DatasetAgent): DatasetSkillGroup =>
  groupsOf(context, agent)[0] as DatasetSkillGroup;

/** Agents of a group. */
export const agentsIn = (context: Staff, group: DatasetSkillGroup): DatasetAgent[] =>
  context.agents.filter((agent) => agent.skillGroups.includes(group.name));

/** Groups with at least one agent (calls only queue where someone could answer). */
export const staffedGroups = (context: Staff): DatasetSkillGroup[] =>
  context.groups.filter((group) => agentsIn(context, group).length > 0);

/** A different agent than `not` (there are at least two, validated). */
export const otherAgent = (random: Random, context: Staff, not: DatasetAgent): DatasetAgent =>
  random.pick(context.agents.filter((agent) => agent.mail !== not.mail));

/** A key press at second `at` with a random millisecond part. */
export const keyAt = (random: Random, at: number, key: string, label: string, node: string): IvrKey => ({
  key,
  label,
  at: at * 1000 + random.int(0, 999),
  node,
});

/** Options of {@link leg}; times default to "never" and the leg to a web-workstation seat. */
export type LegInput = Pick<Leg, 'agent' | 'group' | 'start' | 'end' | 'endStatus'> & Partial<Leg>;

/** An agent leg; a recording id is drawn when the agent answered. */
export function leg(random: Random, input: LegInput): Leg {
  const accept = input.accept ?? 0;
  return {
    type: 'staffSeat',
    ring: 0,
    from: null,
    to: null,
    ...input,
    accept,
    recordId: accept > 0 ? random.uuid() : null,
  };
}
