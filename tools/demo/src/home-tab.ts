import type { SlackEmulator } from '@ccc-kit/sandbox/slack';
import { messageToText } from '@ccc-kit/slack-blocks';
import { DemoError, DemoErrorCode } from './errors.ts';
import { until } from './follow-up-loop.ts';

/** The support lead whose Home tab the demo opens. */
export const HOME_USER = 'U0DEMOLEAD';

/**
 * Opens `userId`'s Home tab as Slack does (a signed `app_home_opened` event to the bot), waits until the bot
 * published it with `views.publish`, and returns it as text.
 */
export async function openHomeTab(
  slack: SlackEmulator,
  eventsUrl: string,
  options: { readonly userId?: string; readonly timeoutMs: number },
): Promise<string> {
  const userId = options.userId ?? HOME_USER;
  const answer = await slack.openHome({ url: eventsUrl, userId, timeoutMs: options.timeoutMs });
  if (answer.status !== 200)
    throw new DemoError(
      DemoErrorCode.Unexpected,
      `the bot answered app_home_opened with HTTP ${answer.status}`,
    );
  const home = await until(`${userId}'s Home tab`, options.timeoutMs, () => slack.homeView(userId));
  return messageToText({ text: '', blocks: home.view.blocks as never });
}
