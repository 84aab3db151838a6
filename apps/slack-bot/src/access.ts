import type { BotLogger } from './logger.ts';

/** Who may use the bot where, and who may get recording links. Empty allowlists mean everyone. */
export interface AccessOptions {
  readonly allowedChannels?: readonly string[] | undefined;
  readonly allowedUsers?: readonly string[] | undefined;
  /** Slack user IDs (`U…`, `W…`) and user group IDs (`S…`) allowed to get recording links; empty: nobody. */
  readonly recordingAllowedUsers?: readonly string[] | undefined;
  /** User and user group IDs who may act on missed calls (take, resolve, reopen); empty: everyone. */
  readonly followUpAllowedUsers?: readonly string[] | undefined;
  /** User and user group IDs who see the wallboard in the app's Home tab; empty: everyone. */
  readonly homeAllowedUsers?: readonly string[] | undefined;
  /** A user group's members (Slack `usergroups.users.list`); needed when the list names groups. */
  readonly usergroupMembers?: ((groupId: string) => Promise<readonly string[]>) | undefined;
  readonly logger?: BotLogger | undefined;
  /** Clock in Unix milliseconds, for the group cache (default `Date.now`). */
  readonly now?: (() => number) | undefined;
}

/** Access decisions of the bot. */
export interface Access {
  /** Why `userId` may not use the bot in `channelId`, or `undefined` when allowed. */
  refusal(userId: string, channelId: string | undefined): string | undefined;
  /** Why `userId` may not use the bot at all (buttons: the webhook posts where channels are not listed). */
  userRefusal(userId: string): string | undefined;
  /** Whether `userId` may get recording links and call transcripts (listed, or in a listed user group). */
  canHearRecordings(userId: string): Promise<boolean>;
  /** Whether `userId` may act on missed calls (`FOLLOW_UP_ALLOWED_USERS`, directly or by group; empty: all). */
  canFollowUp(userId: string): Promise<boolean>;
  /** Whether `userId` sees the Home tab's numbers (`HOME_ALLOWED_USERS`, directly or by group; empty: all). */
  canSeeHome(userId: string): Promise<boolean>;
}

/** The message for users who may not act on missed calls. */
export const FOLLOW_UPS_FORBIDDEN =
  'You are not allowed to act on missed calls here: only the people in `FOLLOW_UP_ALLOWED_USERS` (directly or through a user group) may. Ask your Slack admin to add you.';

/** What the Home tab says to people not in `HOME_ALLOWED_USERS`. */
export const HOME_FORBIDDEN =
  'The contact-center wallboard is only shown to the people in `HOME_ALLOWED_USERS` (directly or through a user group). Ask your Slack admin to add you.';

/** The message for users who may not get recording links. */
export const RECORDINGS_FORBIDDEN = 'You are not allowed to access recordings.';

/** The message for users who may not play voicemails (a voicemail is a recording of the caller). */
export const VOICEMAILS_FORBIDDEN =
  'You are not allowed to play voicemails: a voicemail is a recording of the caller, so it is only for people allowed to access recordings (`RECORDING_ALLOWED_USERS`, directly or through a user group). Ask your Slack admin to add you.';

/** The message for users who may not read call transcripts (the words of a recording need its permission). */
export const CALL_TRANSCRIPTS_FORBIDDEN =
  'You are not allowed to read call transcripts: a call transcript is as private as its recording, so it is only for people listed in `RECORDING_ALLOWED_USERS` (directly or through a user group). Ask your Slack admin to add you.';

/** Group memberships are read again after this long (Slack allows ~20 usergroups.users.list calls a minute). */
const GROUP_TTL_MS = 5 * 60_000;

/** Members of the listed user groups, cached; a group that cannot be read grants nothing (fail closed). */
function groupChecker(groups: readonly string[], options: AccessOptions) {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { members: ReadonlySet<string>; until: number }>();
  const members = async (groupId: string): Promise<ReadonlySet<string>> => {
    const cached = cache.get(groupId);
    if (cached && cached.until > now()) return cached.members;
    try {
      if (!options.usergroupMembers) throw new Error('no way to read user groups was configured');
      const fresh = new Set(await options.usergroupMembers(groupId));
      cache.set(groupId, { members: fresh, until: now() + GROUP_TTL_MS });
      return fresh;
    } catch (error) {
      options.logger?.warn(
        { group: groupId, err: error instanceof Error ? error.message : String(error) },
        'recording access: user group could not be read, so its members are refused; check the S… id in RECORDING_ALLOWED_USERS and that the app has the usergroups:read scope',
      );
      return new Set();
    }
  };
  return async (userId: string): Promise<boolean> => {
    for (const groupId of groups) if ((await members(groupId)).has(userId)) return true;
    return false;
  };
}

/** A list of users and user groups where an empty list means everyone. */
function openList(
  listed: readonly string[] | undefined,
  options: AccessOptions,
): (userId: string) => Promise<boolean> {
  const ids = listed ?? [];
  const users = new Set(ids.filter((id) => !id.startsWith('S')));
  const inGroup = groupChecker(
    ids.filter((id) => id.startsWith('S')),
    options,
  );
  return async (userId) => ids.length === 0 || users.has(userId) || inGroup(userId);
}

/**
 * Builds the access rules from the allowlists.
 *
 * @example
 * const access = createAccess({ recordingAllowedUsers: ['U0LEAD', 'S0LEADS'], usergroupMembers });
 * await access.canHearRecordings('U0AGENT'); // false unless U0AGENT is in S0LEADS
 */
export function createAccess(options: AccessOptions): Access {
  const channels = new Set(options.allowedChannels ?? []);
  const users = new Set(options.allowedUsers ?? []);
  const listed = options.recordingAllowedUsers ?? [];
  const recordingUsers = new Set(listed.filter((id) => !id.startsWith('S')));
  const inGroup = groupChecker(
    listed.filter((id) => id.startsWith('S')),
    options,
  );
  const canFollowUp = openList(options.followUpAllowedUsers, options);
  const canSeeHome = openList(options.homeAllowedUsers, options);
  const userRefusal = (userId: string): string | undefined =>
    users.size > 0 && !users.has(userId) ? 'You are not allowed to use /ccc on this workspace.' : undefined;
  return {
    refusal(userId, channelId) {
      if (channels.size > 0 && (!channelId || !channels.has(channelId)))
        return userRefusal(userId) ?? '/ccc is not enabled in this channel.';
      return userRefusal(userId);
    },
    userRefusal,
    canHearRecordings: async (userId) => recordingUsers.has(userId) || inGroup(userId),
    canFollowUp,
    canSeeHome,
  };
}
