import type { CallWait, Delivery } from '../store/types.ts';
import { type RoutingFacts, route } from './match.ts';
import type { RoutesFile } from './schema.ts';

/** Where a voicemail goes, besides the threads of its call's posts. */
export interface VoicemailRouting {
  /** Voicemail inbox channels: rules that name `kind: voicemail` get a post of their own at once. */
  readonly deliveries: Delivery[];
  /** Every other channel a voicemail matches: posted alone only if its call is still unknown at `until`. */
  readonly waitForCall: CallWait;
}

/**
 * Routes a voicemail. It belongs in its call's thread (the store puts it there, in every channel the call
 * was posted to), so only rules that ask for voicemails by kind post it on their own. The channels the
 * other rules (or the default channel) would give it are where it is posted alone when its call has not
 * arrived by `until` (a lost CDR push that reconciliation has not found yet).
 *
 * @example
 * const { deliveries, waitForCall } = routeVoicemail(routes, facts(push), 'C0CALLS', receivedAt + 900_000);
 */
export function routeVoicemail(
  routes: RoutesFile,
  facts: RoutingFacts,
  defaultChannel: string | undefined,
  until: number,
): VoicemailRouting {
  const inbox = route(
    { ...routes, rules: routes.rules.filter((rule) => rule.match.kind?.includes('voicemail')) },
    facts,
  );
  const taken = new Set(inbox.map((d) => d.channel));
  const alone = route(routes, facts, defaultChannel).filter((d) => !taken.has(d.channel));
  return { deliveries: inbox, waitForCall: { deliveries: alone, until } };
}
