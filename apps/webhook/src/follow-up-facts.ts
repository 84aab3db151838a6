import { type CallFacts, normalizeNumber } from '@ccc-kit/cdr-parser';
import type { WebhookMetrics } from './http/metrics.ts';
import type { FollowUpFact, Store } from './store/index.ts';

/** Default of `FOLLOW_UP_WINDOW`: a call reaching the customer within 24 h of a missed call closes it. */
export const DEFAULT_FOLLOW_UP_WINDOW_MS = 24 * 3_600_000;

/**
 * Outcomes of an inbound call that leave a customer waiting for a callback: the calls whose posts carry
 * the follow-up buttons (slack-blocks' `needsFollowUp` says the same).
 */
const WAITING = new Set(['missed', 'abandoned_in_ivr', 'voicemail', 'outside_hours']);
/** A customer's number: international digits, not an extension or a short code. */
const CUSTOMER = /^\d{7,15}$/;

/** The customer's number of a call in E.164 digits: the caller of an inbound call, the callee of an outbound one. */
function customerOf(call: CallFacts): string | null {
  if (call.direction === null) return null;
  const number = normalizeNumber(call.direction === 'outbound' ? call.callee : call.caller);
  return number && CUSTOMER.test(number) ? number : null;
}

/**
 * What a call means for follow-up: a missed inbound call (see `WAITING`) opens one for its customer until
 * `windowMs` after it; a call in which the customer talked to someone (either direction) closes theirs,
 * and says how (`detail`, JSON: agent, direction, talk seconds). Undefined for anything else, and for a
 * customer without a usable number (hidden by number protection, an extension).
 *
 * @example
 * followUpFactOf(toCallFacts(push.payload), DEFAULT_FOLLOW_UP_WINDOW_MS, Date.now());
 * // { kind: 'missed', customer: '8613800138000', at: 1764811200000, until: 1764897600000 }
 */
export function followUpFactOf(
  call: CallFacts,
  windowMs: number,
  receivedAt: number,
): FollowUpFact | undefined {
  const customer = customerOf(call);
  if (!customer) return undefined;
  const at = call.startedAt?.getTime() ?? receivedAt;
  if (call.direction === 'inbound' && WAITING.has(call.outcome))
    return { kind: 'missed', customer, at, until: at + windowMs, group: call.skillGroup?.name ?? null };
  if (call.durations.talk <= 0) return undefined;
  const agent = call.agent?.name ?? call.agent?.email ?? null;
  const detail = JSON.stringify({ agent, direction: call.direction, talkSeconds: call.durations.talk });
  return { kind: 'answered', customer, at, detail };
}

/** The call's follow-up fact, when follow-ups are on (`INTERNAL_TOKEN`): nothing is stored for them otherwise. */
export function followUpOf(
  // WebhookConfig's two fields, named here: importing its type would tie routing to the whole config graph.
  config: { readonly internalToken?: string | undefined; readonly followUpWindowMs?: number | undefined },
  call: CallFacts,
  receivedAt: number,
): FollowUpFact | undefined {
  if (config.internalToken === undefined) return undefined;
  return followUpFactOf(call, config.followUpWindowMs ?? DEFAULT_FOLLOW_UP_WINDOW_MS, receivedAt);
}

/** Most resolutions one scrape counts; the rest wait for the next scrape. */
const RESOLUTIONS_PER_SCRAPE = 1_000;

/**
 * Counts the resolutions no replica counted yet in `ccc_webhook_follow_up_resolve_seconds` (at scrape
 * time: the store hands each resolution to exactly one replica, so Prometheus can sum the replicas).
 * A follow-up without a missed-call time (it predates the follow-up facts) has no duration to count.
 */
export async function observeResolutions(
  store: Pick<Store, 'takeResolvedFollowUps'>,
  metrics: Pick<WebhookMetrics, 'followUpResolveSeconds'>,
  now: number,
): Promise<void> {
  for (const { missedAt, resolvedAt, by } of await store.takeResolvedFollowUps(now, RESOLUTIONS_PER_SCRAPE)) {
    if (missedAt === null || resolvedAt === null || resolvedAt < missedAt) continue;
    metrics.followUpResolveSeconds.observe({ by }, (resolvedAt - missedAt) / 1000);
  }
}
