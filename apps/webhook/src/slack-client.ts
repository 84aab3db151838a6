import { type WebAPIPlatformError, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { WebhookError, WebhookErrorCode } from './errors.ts';
import { postedMessage } from './relay/metadata.ts';
import type { ReadHistoryPage } from './relay/relay.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** The relay's Slack client: our own retries and rate limits, so the WebClient makes one attempt per call. */
export function createSlackClient(config: WebhookConfig): WebClient {
  return new WebClient(config.slack.token, {
    slackApiUrl: config.slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: config.slack.timeoutMs,
    logger: silentSlackLogger,
  });
}

/** A WebClient logger that prints nothing: the relay logs Slack failures itself, once, with context. */
export const silentSlackLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => 'error' as never,
  setName() {},
};

/** Scopes the relay's history lookups need (posts in doubt are looked up before they are posted again). */
const HISTORY_SCOPES = ['channels:history', 'groups:history'];

/** Slack's answers that mean the token cannot be used at all. */
const REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/**
 * Checks the bot token at start with `auth.test`, like the bot does. A token Slack refuses stops the start
 * with the reason (the webhook would otherwise take pushes it can never post). A Slack that cannot be
 * reached is only a warning: the relay retries. With a usable token, says in one line when it lacks the
 * history scopes (Slack lists a token's scopes on every answer): posts whose answer is lost would then be
 * posted again unchecked.
 */
export async function checkSlackToken(slack: WebClient, logger: Logger): Promise<void> {
  let scopes: string[] | undefined;
  try {
    scopes = (await slack.auth.test()).response_metadata?.scopes;
  } catch (error) {
    const code = (error as Partial<WebAPIPlatformError>).data?.error ?? '';
    if (REFUSED.has(code))
      throw new WebhookError(
        WebhookErrorCode.SlackAuth,
        `Slack refused SLACK_BOT_TOKEN (${code}): use the Bot User OAuth Token (xoxb-…) of the app installed in your workspace`,
        [],
        { cause: error },
      );
    logger.warn({ err: error }, 'could not check the Slack token at start; the relay will keep trying Slack');
    return;
  }
  const missing = HISTORY_SCOPES.filter((scope) => scopes && !scopes.includes(scope));
  if (missing.length === 0) return;
  logger.warn(
    `The Slack token lacks ${missing.join(' and ')}: a post whose answer is lost will be posted again without looking whether Slack has it, which can duplicate it. Add the scopes (apps/slack-bot/manifest.yaml) and reinstall the app.`,
  );
}

/** Slack's `ts` form of an epoch-ms time. */
const slackTs = (ms: number): string => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}000`;

/**
 * Reads a page of a channel's history (or a thread's replies) with metadata, for the relay's lookups of
 * posts in doubt. 200 per page as Slack recommends (Slack cuts it to 15 for apps under its strictest limit).
 */
export function historyReader(slack: WebClient): ReadHistoryPage {
  return async ({ channel, threadTs, oldest, latest }, cursor) => {
    const args = {
      channel,
      oldest: slackTs(Math.max(0, oldest)),
      latest: slackTs(latest),
      inclusive: true,
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    };
    const page = threadTs
      ? await slack.conversations.replies({ ...args, ts: threadTs })
      : await slack.conversations.history(args);
    const posted = (page.messages ?? []).map(postedMessage).filter((m) => m !== null);
    return { posted, next: page.response_metadata?.next_cursor || undefined };
  };
}
