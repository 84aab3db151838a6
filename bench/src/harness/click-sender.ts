import { randomBytes } from 'node:crypto';
import { type SlackEmulator, signSlackRequest } from '@ccc-kit/sandbox/slack';
import type { PreparedCommand } from './slash-sender.ts';

/** A button of a posted message, as Slack would report its click. */
export interface PostedButton {
  readonly channel: string;
  readonly messageTs: string;
  readonly actionId: string;
  readonly blockId: string;
  readonly value: string;
}

/** Every button with `actionId` in the channel's posts (the emulator keeps the blocks as the app sent them). */
export function buttonsIn(slack: SlackEmulator, channel: string, actionId: string): PostedButton[] {
  const found: PostedButton[] = [];
  for (const message of slack.messages(channel)) {
    for (const block of (message.blocks ?? []) as Array<{ block_id?: string; elements?: unknown[] }>) {
      for (const element of (block.elements ?? []) as Array<{ action_id?: string; value?: string }>) {
        if (element.action_id !== actionId || !element.value) continue;
        found.push({
          channel: message.channel,
          messageTs: message.ts,
          actionId,
          blockId: block.block_id ?? 'actions',
          value: element.value,
        });
      }
    }
  }
  return found;
}

/**
 * Signed `block_actions` requests, one per (button, user), built like the Slack emulator's own
 * `sendInteraction`, each with a fresh response URL for the bot's private answer.
 */
export function signedClicks(
  slack: SlackEmulator,
  clicks: ReadonlyArray<{ readonly button: PostedButton; readonly userId: string }>,
): PreparedCommand[] {
  const { teamId, teamDomain, appId } = slack.identity;
  const timestamp = Math.floor(Date.now() / 1000);
  return clicks.map(({ button, userId }) => {
    const responseUrl = slack.createResponseUrl({
      channel: button.channel,
      user: userId,
      kind: 'actions',
      messageTs: button.messageTs,
    });
    const payload = {
      type: 'block_actions',
      team: { id: teamId, domain: teamDomain },
      user: { id: userId, username: 'bench', team_id: teamId },
      api_app_id: appId,
      token: 'sandbox-verification-token',
      channel: { id: button.channel, name: 'calls' },
      container: { type: 'message', message_ts: button.messageTs, channel_id: button.channel },
      message: { ts: button.messageTs, type: 'message' },
      actions: [
        {
          type: 'button',
          action_id: button.actionId,
          block_id: button.blockId,
          value: button.value,
          action_ts: `${timestamp}.000000`,
        },
      ],
      trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
      response_url: responseUrl,
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest({ signingSecret: slack.signingSecret, body, timestamp }),
    };
    return { command: { body, headers }, responseUrl };
  });
}
