import type { HomePart, HomeYourCalls } from '@ccc-kit/slack-blocks';
import { LRUCache } from 'lru-cache';
import type { BotDeps } from '../deps.ts';
import { agentEmailOf, type EmailResult } from '../people.ts';
import type { TodayRead } from './today-read.ts';

/** Emails of Home viewers, read again after this long (people rarely change theirs). */
const EMAIL_TTL_MS = 10 * 60_000;

/** Who a viewer is in CCC: their agent account, or why it cannot be known. */
export type AgentEmails = (userId: string) => Promise<EmailResult>;

/**
 * The viewer's CCC agent account: `CCC_AGENT_MAP` first, else their Slack email (`users.info`), kept for
 * 10 minutes per viewer so opening the tab again asks Slack nothing.
 */
export function createAgentEmails(deps: BotDeps): AgentEmails {
  const cache = new LRUCache<string, EmailResult>({
    max: 5_000,
    ttl: EMAIL_TTL_MS,
    ttlResolution: 0,
    perf: { now: deps.now },
  });
  return async (userId) => {
    const kept = cache.get(userId);
    if (kept) return kept;
    const found = await agentEmailOf(deps, userId);
    // Only an answer is kept: a refusal may be Slack failing just now.
    if (!found.ok) return found;
    const result: EmailResult = { ok: true, email: found.email.toLowerCase() };
    cache.set(userId, result);
    return result;
  };
}

/** Why a viewer sees no calls of theirs when Slack gives no email for them. */
export const NOT_AN_AGENT =
  'Your calls show here when your Slack email is your CCC agent account, or when an admin maps your Slack account to it in `CCC_AGENT_MAP`.';

/**
 * The viewer's last calls today, from the shared read of today's calls: the calls where their agent account
 * (by `CCC_AGENT_MAP` or their Slack email) answered or took part. Or why there are none to show.
 */
export async function yourCallsOf(
  agentEmail: AgentEmails,
  userId: string,
  today: Promise<HomePart<TodayRead>>,
): Promise<HomeYourCalls> {
  const email = await agentEmail(userId);
  if (!email.ok) return { reason: NOT_AN_AGENT };
  const read = await today;
  if (!read.value) return { reason: `Your calls could not be read: ${read.problem ?? 'not yet read'}.` };
  return { calls: read.value.recent.get(email.email) ?? [] };
}
