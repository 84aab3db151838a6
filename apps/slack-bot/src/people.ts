import { platformCode } from './commands/transcript-upload.ts';
import type { BotDeps } from './deps.ts';

/** A person's email, or why it cannot be known (a sentence for them). */
export type EmailResult =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly reason: string };

const NO_EMAIL_SCOPE =
  "I cannot read people's emails: the app needs the `users:read` and `users:read.email` scopes. Ask your Slack admin to reinstall it from the manifest, or give the email instead of the @mention.";

/**
 * The email of a Slack user, from `users.info` (`profile.email`, which Slack only returns with the
 * `users:read.email` scope), lower-cased: how people are matched to CCC agents (`SeatUser.Mail`). Never
 * throws: a refusal is logged and explained.
 *
 * @example
 * const found = await emailOf(deps, 'U0123ABC');
 * if (!found.ok) return ephemeral(found.reason);
 */
export async function emailOf(deps: Pick<BotDeps, 'slack' | 'logger'>, userId: string): Promise<EmailResult> {
  try {
    const answer = await deps.slack.users.info({ user: userId });
    const email = answer.user?.profile?.email?.trim().toLowerCase();
    if (email) return { ok: true, email };
    if (answer.user?.is_bot) return { ok: false, reason: `<@${userId}> is an app, not a person.` };
    // Without users:read.email Slack answers ok and leaves the email out.
    const scopes = answer.response_metadata?.scopes;
    if (scopes && !scopes.includes('users:read.email')) return { ok: false, reason: NO_EMAIL_SCOPE };
    return {
      ok: false,
      reason: `<@${userId}> has no email in their Slack profile: give their email instead.`,
    };
  } catch (error) {
    const code = platformCode(error);
    if (code === 'user_not_found' || code === 'user_not_visible')
      return { ok: false, reason: 'I cannot see that person in this workspace: give their email instead.' };
    if (code === 'missing_scope') return { ok: false, reason: NO_EMAIL_SCOPE };
    deps.logger.warn({ user: userId, err: code ?? (error as Error).message }, 'users.info failed');
    return {
      ok: false,
      reason: 'Slack did not tell me who that is just now: try again, or give their email.',
    };
  }
}

/**
 * The CCC agent account of a Slack user: their entry in `CCC_AGENT_MAP` (for people whose Slack email is not
 * their agent account), else their Slack email. Never throws, like {@link emailOf}.
 */
export async function agentEmailOf(
  deps: Pick<BotDeps, 'slack' | 'logger' | 'agentMap'>,
  userId: string,
): Promise<EmailResult> {
  const mapped = deps.agentMap?.get(userId);
  return mapped ? { ok: true, email: mapped } : emailOf(deps, userId);
}
