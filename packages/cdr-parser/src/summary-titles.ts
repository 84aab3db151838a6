import { chatOutcomeRow } from './chat-outcomes.ts';
import { formatDuration as fd } from './duration.ts';
import { outcomeRow } from './outcomes.ts';
import type { AgentInfo, CallRecord, ChatRecord, SkillGroupRef } from './record-types.ts';
import { display } from './timeline.ts';

const agentLabel = (agent: AgentInfo | null): string | null =>
  agent ? display(agent.name ?? agent.email ?? `agent #${agent.staffNumber}`, 60) : null;

/** `Name · email · #staff` for facts. */
export const agentFact = (agent: AgentInfo | null): string | null =>
  agent
    ? [agent.name, agent.email, agent.staffNumber && `#${agent.staffNumber}`].filter(Boolean).join(' · ')
    : null;

/** `Sales (#11)` for facts. */
export const groupFact = (group: SkillGroupRef | null): string | null =>
  !group
    ? null
    : group.name && group.id !== null
      ? `${group.name} (#${group.id})`
      : (group.name ?? `#${group.id}`);

const inGroup = (group: SkillGroupRef | null): string =>
  group?.name ? ` in ${display(group.name, 50)}` : '';

const unknownStatus = (raw: string | null): string =>
  raw ? `unknown status ${display(raw, 40)}` : 'no end status';

/** The summary title of a call (see the README for every form). */
export function callTitle(r: CallRecord): string {
  const d = r.durations;
  const dir = r.direction;
  const Dir = dir === 'inbound' ? 'Inbound' : 'Outbound';
  const reason = outcomeRow(r.endStatus.raw)?.reason ?? unknownStatus(r.endStatus.raw);
  const agent = agentLabel(r.agent);
  switch (r.outcome) {
    case 'answered':
      return dir === 'inbound'
        ? `Answered inbound call · ${fd(d.talk)}${agent ? ` with ${agent}` : ''}`
        : `Answered outbound call · ${fd(d.talk)} with ${r.callee.masked}`;
    case 'missed': {
      const waited = d.queueWait + d.ring;
      return `Missed ${dir} call · ${waited > 0 ? `waited ${fd(waited)}` : reason}${inGroup(r.skillGroup)}`;
    }
    case 'outside_hours':
      return `${Dir} call outside working hours · from ${r.caller.masked}`;
    case 'abandoned_in_ivr':
      return `${Dir} call abandoned in IVR · after ${fd(d.ivr || d.total)}`;
    case 'ivr_only':
      return `${Dir} call handled by IVR · ${fd(d.total)}`;
    case 'not_answered':
      return `${Dir} call not answered · ${reason}`;
    case 'blocked':
      return `Blocked ${dir} call · ${reason}`;
    case 'failed':
      return `Failed call · ${reason}`;
    case 'ai_handled':
      return `${Dir} call handled by AI agent · ${fd(d.talk || d.total)}`;
    case 'voicemail':
      return `Voicemail from ${r.caller.masked}`;
    default:
      return `${Dir} call ended · ${unknownStatus(r.endStatus.raw)}`;
  }
}

/** The summary title of a chat. */
export function chatTitle(r: ChatRecord): string {
  const d = r.durations;
  const agent = agentLabel(r.agent) ?? 'an agent';
  const reason = chatOutcomeRow(r.endStatus.raw)?.reason ?? unknownStatus(r.endStatus.raw);
  switch (r.outcome) {
    case 'answered':
      return `Chat ended · ${fd(d.talk)} with ${agent}`;
    case 'timed_out':
      return `Chat timed out · ${fd(d.talk)} with ${agent}`;
    case 'transferred':
      return `Chat transferred by ${agent}`;
    case 'missed': {
      const waited = d.queueWait + d.ring;
      return `Missed chat · ${waited > 0 ? `waited ${fd(waited)}` : reason}${inGroup(r.skillGroup)}`;
    }
    case 'abandoned_in_ivr':
      return `Chat abandoned in bot flow · after ${fd(d.ivr || d.total)}`;
    case 'ivr_only':
      return `Chat handled by bot · ${fd(d.total)}`;
    case 'outside_hours':
      return `Chat outside working hours · from ${r.customer.nickname ? display(r.customer.nickname, 60) : r.customer.id.masked}`;
    case 'failed':
      return `Failed chat · ${reason}`;
    default:
      return `Chat ended · ${unknownStatus(r.endStatus.raw)}`;
  }
}
