import type { SlackEmulator } from '@ccc-kit/sandbox/slack';

// Test-only: the bot's direct messages with a user, in a Slack emulator that has no DMs of its own.

/**
 * Makes `userId`'s direct messages with the bot reachable, and returns the conversation's id. Slack answers a
 * chat.postMessage to a `U…` id in the app's DM with that user and returns the DM's `D…` id; the emulator
 * only has channels, so a channel whose id is the user's stands for that DM (the bot then shares the file
 * into whatever id Slack returned, as it would with a `D…` id).
 */
export function openDirectMessages(slack: SlackEmulator, userId: string): string {
  if (!slack.channels().some((channel) => channel.id === userId))
    slack.createChannel(`dm-${userId.toLowerCase()}`, { id: userId });
  return userId;
}

/** The completed uploads of one conversation, oldest first. */
export const filesIn = (slack: SlackEmulator, channelId: string) =>
  slack.uploads().filter((upload) => upload.completed && upload.channel === channelId);
