import type { Delivery } from '../store/types.ts';
import { isWithinHours } from './business-hours.ts';
import { numberPrefixesOf } from './prefixes.ts';
import type { RouteRule, RoutesFile } from './schema.ts';

/** The facts of a record that routing rules look at (derived from cdr-parser's records). */
export interface RoutingFacts {
  readonly kind: 'cdr' | 'imcdr' | 'voicemail';
  readonly direction: 'inbound' | 'outbound' | null;
  readonly outcome: string;
  readonly endStatus: string | null;
  readonly skillGroupId: number | string | null;
  readonly skillGroupName: string | null;
  /**
   * Numbers in international digits (`8613912345678`, cdr-parser's `normalizeNumber`); what is not a number
   * (an extension, a SIP URI) as sent; `null` when absent or hidden by number protection.
   */
  readonly caller: string | null;
  readonly callee: string | null;
  /**
   * Tencent's number-protection forms (`ProtectedCaller`/`ProtectedCallee`, e.g. `139abcdefg`) as sent, when
   * number protection is on; absent or `null` otherwise.
   */
  readonly protectedCaller?: string | null | undefined;
  readonly protectedCallee?: string | null | undefined;
  readonly queueWaitSeconds: number;
  readonly talkSeconds: number;
  /** When the call or chat started; business hours use it. */
  readonly at: Date | null;
}

const anyOf = <T>(wanted: readonly T[] | undefined, actual: T | null): boolean =>
  wanted === undefined || (actual !== null && wanted.includes(actual));

const prefixed = (prefixes: readonly string[] | undefined, value: string | null | undefined): boolean =>
  prefixes === undefined || (value != null && prefixes.some((p) => value.startsWith(p)));

/**
 * True when every criterion of the rule holds for the record. Number prefixes compare international digits
 * on both sides (see `numberPrefixesOf`); protected-number prefixes compare the protected forms as sent.
 */
export function ruleMatches(rule: RouteRule, facts: RoutingFacts): boolean {
  const m = rule.match;
  const numbers = numberPrefixesOf(m);
  const group = m.skillGroup?.map(String);
  return (
    anyOf(m.kind, facts.kind) &&
    (m.direction === undefined || m.direction === facts.direction) &&
    anyOf(m.outcome, facts.outcome) &&
    anyOf(m.endStatus, facts.endStatus) &&
    (group === undefined ||
      group.includes(String(facts.skillGroupId ?? '\0')) ||
      group.includes(facts.skillGroupName ?? '\0')) &&
    prefixed(numbers.caller, facts.caller) &&
    prefixed(numbers.callee, facts.callee) &&
    prefixed(m.protectedCallerPrefix, facts.protectedCaller) &&
    prefixed(m.protectedCalleePrefix, facts.protectedCallee) &&
    (m.minQueueWait === undefined || facts.queueWaitSeconds >= m.minQueueWait) &&
    (m.minTalk === undefined || facts.talkSeconds >= m.minTalk) &&
    (m.businessHours === undefined ||
      (facts.at !== null && isWithinHours(facts.at, m.businessHours) === (m.businessHours.when === 'inside')))
  );
}

/**
 * The channels a record goes to: one delivery per channel of every matching rule (two rules naming the
 * same channel post once, mentions merged), else the default channel, else none.
 */
export function route(routes: RoutesFile, facts: RoutingFacts, defaultChannel?: string): Delivery[] {
  const byChannel = new Map<string, Set<string>>();
  for (const rule of routes.rules) {
    if (!ruleMatches(rule, facts)) continue;
    const mentions = byChannel.get(rule.channel) ?? new Set<string>();
    if (rule.mention) mentions.add(rule.mention);
    byChannel.set(rule.channel, mentions);
  }
  if (byChannel.size === 0 && defaultChannel) byChannel.set(defaultChannel, new Set());
  return [...byChannel].map(([channel, mentions]) =>
    mentions.size ? { channel, mention: [...mentions].join(',') } : { channel },
  );
}

/**
 * The look of a call's post in `channel`: `full` when a rule for that channel that matches the call asks for
 * it, else `compact`. Decided when the post is rendered, so an edit of the routes file also changes how
 * later updates of older posts look.
 */
export function postStyle(routes: RoutesFile, facts: RoutingFacts, channel: string): 'compact' | 'full' {
  const full = routes.rules.some(
    (rule) => rule.style === 'full' && rule.channel === channel && ruleMatches(rule, facts),
  );
  return full ? 'full' : 'compact';
}
