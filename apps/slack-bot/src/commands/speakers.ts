import type { CallFacts } from './call-facts.ts';

/** Who said an ASR sentence, as Tencent's records of the call tell. */
export type SpeakerRole = 'agent' | 'customer' | 'unknown';

/** The digits of a number with an international `00` prefix dropped: `0086 138-1234` → `861381234`. */
const digitsOf = (value: string): string => value.replace(/\D/g, '').replace(/^00/, '');

// Numbers are written with and without country codes (`008613812345678`, `8613812345678`, `13812345678`):
// two that end alike over at least 7 digits are taken as the same line.
const MIN_MATCH_DIGITS = 7;

/** Whether an ASR `User` names the same party as a value of the call's records. */
export function sameParty(user: string, known: string): boolean {
  const a = user.trim().toLowerCase();
  const b = known.trim().toLowerCase();
  if (a === '' || b === '') return false;
  if (a === b) return true;
  if (a.includes('@') || b.includes('@')) return false;
  const [x, y] = [digitsOf(a), digitsOf(b)];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= MIN_MATCH_DIGITS && long.endsWith(short);
}

/**
 * The role of the speaker `user` (DescribeTelRecordAsr's `User`) on a call: an agent when it is one of the
 * call's agent accounts or numbers, the customer when it is the customer's number, else unknown. Agents are
 * matched first, so an agent answering on a phone is never taken for the customer.
 *
 * @example
 * speakerRole(facts, 'ann@example.com'); // 'agent' when Ann served the call
 */
export function speakerRole(facts: CallFacts | undefined, user: string | null | undefined): SpeakerRole {
  if (!facts || !user) return 'unknown';
  if (facts.agents.some((agent) => sameParty(user, agent))) return 'agent';
  if (facts.customers.some((customer) => sameParty(user, customer))) return 'customer';
  return 'unknown';
}
