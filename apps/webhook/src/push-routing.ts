import { type Push, toCallFacts } from '@ccc-kit/cdr-parser';
import { callFacts, facts } from './facts.ts';
import { followUpOf } from './follow-up-facts.ts';
import { route, routeVoicemail } from './routes/index.ts';
import type { IngestItem } from './store/types.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** Default of `voicemailWaitMs`: 15 minutes, beyond reconciliation's 5-minute settle and 10-minute interval. */
export const DEFAULT_VOICEMAIL_WAIT_MS = 15 * 60_000;

/**
 * Where a push's posts go: a recording only into its call's threads (no post of its own), a voicemail into
 * its call's threads plus voicemail inbox channels (alone elsewhere if its call never comes), anything else
 * by the rules.
 */
export function routePush(
  config: Pick<
    WebhookConfig,
    'routes' | 'defaultChannel' | 'voicemailWaitMs' | 'internalToken' | 'followUpWindowMs'
  >,
  push: Push,
  receivedAt: number,
): Pick<IngestItem, 'deliveries' | 'waitForCall' | 'followUp'> {
  if (push.kind === 'record') return { deliveries: [] };
  if (push.kind === 'voicemail') {
    const until = receivedAt + (config.voicemailWaitMs ?? DEFAULT_VOICEMAIL_WAIT_MS);
    return routeVoicemail(config.routes, facts(push), config.defaultChannel, until);
  }
  if (push.kind === 'imcdr') return { deliveries: route(config.routes, facts(push), config.defaultChannel) };
  const call = toCallFacts(push.payload);
  const deliveries = route(config.routes, callFacts(call, 'cdr'), config.defaultChannel);
  const followUp = followUpOf(config, call, receivedAt);
  return followUp ? { deliveries, followUp } : { deliveries };
}
