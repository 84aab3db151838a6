import { type AgentInfo, normalizeNumber, type SkillGroupRef } from '@ccc-kit/cdr-parser';
import type { StatsCall } from './records.ts';

/** Key of a skill group: its id, else `name:<name>` (ids are numbers, so the two cannot collide); `null` for none. */
export function skillGroupKey(group: SkillGroupRef | null | undefined): string | null {
  if (!group) return null;
  if (group.id !== null && group.id !== undefined) return String(group.id);
  return group.name ? `name:${group.name}` : null;
}

/** Label of a skill group row: its name, else `#<id>`. */
export function skillGroupLabel(group: SkillGroupRef): string {
  return group.name ?? `#${String(group.id)}`;
}

/** Key of an agent: email (lower case), else `staff:<number>`, else `name:<name>`; `null` for none. */
export function agentKey(agent: AgentInfo | null | undefined): string | null {
  if (!agent) return null;
  if (agent.email) return agent.email.toLowerCase();
  if (agent.staffNumber) return `staff:${agent.staffNumber}`;
  return agent.name ? `name:${agent.name}` : null;
}

/** Label of an agent row: name, else email, else staff number. */
export function agentLabel(agent: AgentInfo): string {
  return agent.name ?? agent.email ?? agent.staffNumber ?? '';
}

const rawOf = (number: StatsCall['callee']): string =>
  typeof number === 'string' ? number : (number?.raw ?? '');

/**
 * Our own number in a call: the number the customer called (`Callee`) when inbound, the number we called from
 * (`Caller`) when outbound. Customers' numbers are never keys, so none reach a result.
 */
export function ourNumber(call: StatsCall): string {
  return rawOf(call.direction === 'outbound' ? call.caller : call.callee);
}

/** Normalises numbers through a bounded cache: a contact center has few numbers of its own, seen over and over. */
export function createNumberKey(): (raw: string) => string | null {
  const cache = new Map<string, string | null>();
  return (raw) => {
    let key = cache.get(raw);
    if (key === undefined) {
      key = normalizeNumber(raw);
      if (cache.size >= 4_096) cache.clear();
      cache.set(raw, key);
    }
    return key;
  };
}

/** Label of a number row: `+` and E.164 digits for numbers, the text itself for anything else (`sip:…`). */
export function numberLabel(_raw: string, key: string): string {
  return /^\d{7,15}$/.test(key) ? `+${key}` : key;
}
