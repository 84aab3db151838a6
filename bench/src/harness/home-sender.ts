import { randomBytes } from 'node:crypto';
import { type SlackEmulator, signSlackRequest } from '@ccc-kit/sandbox/slack';
import type { SignedCommand } from '../workers/slash-sender.ts';

/**
 * Signed Events API `app_home_opened` deliveries, one per user, built like the Slack emulator's own
 * `openHome` (JSON body, the user's DM channel, tab `home`), for the slash-command sender to fire at once.
 */
export function signedHomeOpens(slack: SlackEmulator, userIds: readonly string[]): SignedCommand[] {
  const { teamId, appId, botUserId } = slack.identity;
  const timestamp = Math.floor(Date.now() / 1000);
  return userIds.map((user) => {
    const body = JSON.stringify({
      token: 'sandbox-verification-token',
      team_id: teamId,
      api_app_id: appId,
      event: {
        type: 'app_home_opened',
        user,
        channel: `D${user.slice(1)}`,
        tab: 'home',
        event_ts: `${timestamp}.000100`,
      },
      type: 'event_callback',
      event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
      event_time: timestamp,
      authorizations: [{ team_id: teamId, user_id: botUserId, is_bot: true }],
    });
    const headers = {
      'content-type': 'application/json',
      ...signSlackRequest({ signingSecret: slack.signingSecret, body, timestamp }),
    };
    return { body, headers };
  });
}
