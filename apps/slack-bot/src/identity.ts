import type { WebClient } from '@slack/web-api';
import { BotError, BotErrorCode } from './errors.ts';

/** Who the bot is in the workspace (auth.test). */
export interface BotIdentity {
  readonly botId: string;
  readonly botUserId: string;
  readonly teamId: string;
  /** The bot user's name, for "invite me with /invite @name". */
  readonly name: string;
}

/** The bot identity, asked from Slack once. */
export interface IdentityCache {
  /** Calls auth.test the first time (again after a failure); throws `slack_bot_slack_auth` if Slack refuses. */
  resolve(): Promise<BotIdentity>;
  /** The identity once resolved. */
  current(): BotIdentity | undefined;
}

/**
 * Caches auth.test: resolved at start, or at the first request when a test drives the app without
 * `start()`. Passing the ids to Bolt this way spares its own auth.test per process.
 */
export function createIdentityCache(slack: WebClient): IdentityCache {
  let pending: Promise<BotIdentity> | undefined;
  let resolved: BotIdentity | undefined;
  const ask = async (): Promise<BotIdentity> => {
    try {
      const r = await slack.auth.test();
      resolved = {
        botId: r.bot_id ?? '',
        botUserId: r.user_id ?? '',
        teamId: r.team_id ?? '',
        name: r.user ?? 'ccc',
      };
      return resolved;
    } catch (error) {
      pending = undefined;
      throw new BotError(BotErrorCode.SlackAuth, 'Slack refused the bot token (auth.test)', { cause: error });
    }
  };
  return {
    resolve: () => {
      pending ??= ask();
      return pending;
    },
    current: () => resolved,
  };
}
