import type { ApiContext } from './api-context.ts';

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** The ID of the bot's direct message with `user` (`U0AGENT` → `D0AGENT`), opened or not. */
export const directMessageId = (user: string): string => `D${user.slice(1)}`;

/**
 * The channel a `chat.postMessage` names. A user ID (`U…`) is what Slack takes as "the bot's direct
 * message with that user": it opens the DM (`D…`, the bot a member) or reuses it, and the answer's
 * `channel` is the DM's ID, which the caller then uses for files and updates. Any other reference is
 * returned as it is.
 */
export function openDirectMessage(ctx: ApiContext, ref: string | undefined): string | undefined {
  if (ref === undefined || !USER_ID.test(ref) || ctx.store.findChannel(ref)) return ref;
  const id = directMessageId(ref);
  if (!ctx.store.channels.has(id))
    ctx.store.addChannel({ id, name: `dm-${ref.toLowerCase()}`, isPrivate: true, isMember: true });
  return id;
}
