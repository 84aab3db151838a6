/** Who may use the bot where, and who may get recording links. Empty allowlists mean everyone. */
export interface AccessOptions {
  readonly allowedChannels?: readonly string[] | undefined;
  readonly allowedUsers?: readonly string[] | undefined;
  /** Slack user IDs allowed to get recording links; empty means nobody. */
  readonly recordingAllowedUsers?: readonly string[] | undefined;
}

/** Access decisions of the bot. */
export interface Access {
  /** Why `userId` may not use the bot in `channelId`, or `undefined` when allowed. */
  refusal(userId: string, channelId: string | undefined): string | undefined;
  /** Why `userId` may not use the bot at all (buttons: the webhook posts where channels are not listed). */
  userRefusal(userId: string): string | undefined;
  /** Whether `userId` may get recording links. */
  canHearRecordings(userId: string): boolean;
}

/** The message for users who may not get recording links. */
export const RECORDINGS_FORBIDDEN = 'You are not allowed to access recordings.';

/**
 * Builds the access rules from the allowlists.
 *
 * @example
 * const access = createAccess({ recordingAllowedUsers: ['U0LEAD'] });
 * access.canHearRecordings('U0AGENT'); // false
 */
export function createAccess(options: AccessOptions): Access {
  const channels = new Set(options.allowedChannels ?? []);
  const users = new Set(options.allowedUsers ?? []);
  const recordings = new Set(options.recordingAllowedUsers ?? []);
  const userRefusal = (userId: string): string | undefined =>
    users.size > 0 && !users.has(userId) ? 'You are not allowed to use /ccc on this workspace.' : undefined;
  return {
    refusal(userId, channelId) {
      if (channels.size > 0 && (!channelId || !channels.has(channelId)))
        return userRefusal(userId) ?? '/ccc is not enabled in this channel.';
      return userRefusal(userId);
    },
    userRefusal,
    canHearRecordings: (userId) => recordings.has(userId),
  };
}
