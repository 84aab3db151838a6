import { homeNotice, homeView } from '@ccc-kit/slack-blocks';
import { HOME_FORBIDDEN } from '../access.ts';
import type { BotDeps, Reply } from '../deps.ts';
import { CCC_KEYS } from '../env-rules.ts';
import { describeFailure } from '../failures.ts';
import { createWallboard } from './wallboard.ts';

/** What the Home tab says when the bot has no CCC credentials. */
export const HOME_NOT_CONFIGURED = `The wallboard reads Tencent Cloud Contact Center: set ${CCC_KEYS.map((key) => `\`${key}\``).join(', ')} on the bot (see its README) to see the queue and the agents here.`;

/** Publishes a viewer's Home tab. Never throws: a refusal by Slack is logged. */
export type HomePublisher = (userId: string) => Promise<void>;

/**
 * The Home tab of each viewer (`views.publish`): the wallboard for people allowed to see it
 * (`HOME_ALLOWED_USERS`), else a one-line notice; the reads behind it are shared by every viewer.
 *
 * @example
 * const publishHome = createHomePublisher(deps);
 * await publishHome('U0LEAD00001');
 */
export function createHomePublisher(deps: BotDeps): HomePublisher {
  const wallboard = deps.ccc ? createWallboard(deps, deps.ccc) : undefined;
  return async (userId) => {
    try {
      const view = !(await deps.access.canSeeHome(userId))
        ? homeNotice(HOME_FORBIDDEN)
        : wallboard
          ? homeView(await wallboard.input(userId))
          : homeNotice(HOME_NOT_CONFIGURED);
      await deps.slack.views.publish({ user_id: userId, view });
      deps.logger.debug({ user: userId }, 'home tab published');
    } catch (error) {
      deps.logger.warn({ user: userId, err: describeFailure(error) }, 'home tab not published');
    }
  };
}

/**
 * Answers a button of the Home tab in the clicker's direct messages with the bot: a Home tab has no
 * response URL, and the answer (a call's details) is for them alone. Never throws.
 */
export function directReply(deps: BotDeps, userId: string): (reply: Reply) => Promise<void> {
  return async (reply) => {
    const { response_type: _type, replace_original: _replace, delete_original: _delete, ...message } = reply;
    try {
      await deps.slack.chat.postMessage({ channel: userId, ...message } as Parameters<
        BotDeps['slack']['chat']['postMessage']
      >[0]);
    } catch (error) {
      deps.logger.warn({ user: userId, err: describeFailure(error) }, 'direct reply refused');
    }
  };
}
