import { type ApiMethod, fail, ok } from './api-context.ts';
import { asString } from './params.ts';
import type { JsonObject, SlackChannel } from './types.ts';

/** A channel as conversations.info returns it. */
export function channelJson(channel: SlackChannel): JsonObject {
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    is_archived: false,
    is_general: false,
    is_member: channel.isMember,
    created: channel.created,
  };
}

const authTest: ApiMethod = (_params, ctx) =>
  ok({
    url: `${ctx.baseUrl}/`,
    team: ctx.identity.teamName,
    user: ctx.identity.botName,
    team_id: ctx.identity.teamId,
    user_id: ctx.identity.botUserId,
    bot_id: ctx.identity.botId,
    is_enterprise_install: false,
  });

const conversationsInfo: ApiMethod = (params, ctx) => {
  const ref = asString(params.channel);
  // conversations.info takes an ID only, and a private channel the bot is not in is invisible.
  const channel = ref ? ctx.store.channels.get(ref) : undefined;
  if (!channel || (channel.isPrivate && !channel.isMember)) return fail('channel_not_found');
  return ok({ channel: channelJson(channel) });
};

const conversationsJoin: ApiMethod = (params, ctx) => {
  const ref = asString(params.channel);
  const channel = ref ? ctx.store.channels.get(ref) : undefined;
  if (!channel) return fail('channel_not_found');
  if (channel.isPrivate && !channel.isMember) return fail('method_not_supported_for_channel_type');
  const already = channel.isMember;
  channel.isMember = true;
  return ok({ channel: channelJson(channel), ...(already ? { warning: 'already_in_channel' } : {}) });
};

// Bots need the usergroups:read scope (checked before the method runs, see scopes.ts).
const usergroupUsers: ApiMethod = (params, ctx) => {
  const id = asString(params.usergroup);
  if (!id) return fail('invalid_arguments');
  const group = ctx.store.usergroups.get(id);
  return group ? ok({ users: [...group.users] }) : fail('no_such_subteam');
};

/** `auth.test`, the `conversations.*` methods and `usergroups.users.list`. */
export const infoMethods: Readonly<Record<string, ApiMethod>> = {
  'auth.test': authTest,
  'conversations.info': conversationsInfo,
  'conversations.join': conversationsJoin,
  'usergroups.users.list': usergroupUsers,
};
