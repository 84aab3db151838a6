import { type CallRecord, formatDuration } from '@ccc-kit/cdr-parser';
import { escapeMrkdwn } from './escape.ts';
import { agentText, groupText, hungUpText } from './record-format.ts';
import type { RenderOptions } from './types.ts';

/**
 * How much a call post shows under its title: `compact` (the default) adds only what the title does not say
 * (the customer's number, the agent, the skill group, the wait); `full` is every field, as posts were before
 * compact posts existed. The rest is always one click away behind **Call details**.
 */
export type CallPostStyle = 'compact' | 'full';

type Field = readonly [string, string | undefined];

const number = (n: CallRecord['caller'], options: RenderOptions): string =>
  escapeMrkdwn(options.showNumbers && n.raw ? n.raw : n.masked);

/** Every field of a call: the `full` style. */
export function fullCallFields(record: CallRecord, options: RenderOptions): readonly Field[] {
  const d = record.durations;
  return [
    ['Caller', number(record.caller, options)],
    ['Called number', number(record.callee, options)],
    ['Agent', agentText(record.agent) ?? '_No agent_'],
    ['Skill group', groupText(record.skillGroup)],
    ['Queue wait', record.direction === 'inbound' ? formatDuration(d.queueWait) : undefined],
    ['Talk time', d.talk > 0 ? formatDuration(d.talk) : 'Not connected'],
    ['End reason', escapeMrkdwn(record.endStatus.meaning)],
    ['Hung up by', hungUpText(record.hungUpBy)],
  ];
}

/** What the title already says is not repeated: a value the title contains is left out. */
const unless = (title: string, plain: string | null | undefined, shown: string | undefined) =>
  plain && !title.includes(plain) ? shown : undefined;

/**
 * The `compact` fields: the customer's number (From for inbound calls, To for outbound ones), the agent's
 * name, the skill group and the queue wait, each only when the title does not already say it. "No agent" or
 * "Not connected" are never shown: the title says what happened.
 */
export function compactCallFields(
  record: CallRecord,
  title: string,
  options: RenderOptions,
): readonly Field[] {
  const inbound = record.direction === 'inbound';
  const customer = inbound ? record.caller : record.callee;
  const shownNumber = options.showNumbers && customer.raw ? customer.raw : customer.masked;
  const agent = record.agent?.name ?? record.agent?.email ?? null;
  const wait = record.durations.queueWait;
  return [
    [inbound ? 'From' : 'To', unless(title, shownNumber, number(customer, options))],
    ['Agent', unless(title, agent, agent ? escapeMrkdwn(agent) : undefined)],
    ['Skill group', unless(title, record.skillGroup?.name, groupText(record.skillGroup))],
    ['Waited', inbound && wait > 0 && !title.includes('waited') ? formatDuration(wait) : undefined],
  ];
}
