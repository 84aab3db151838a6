import { type ApiMethod, fail, ok } from './api-context.ts';
import { asString } from './params.ts';
import type { JsonObject, SlackUser } from './types.ts';

/** A user as `users.info` returns them; `profile.email` only for a token with `users:read.email`. */
function userJson(user: SlackUser, teamId: string, withEmail: boolean): JsonObject {
  const email = withEmail && user.email ? { email: user.email } : {};
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: false,
    real_name: user.name,
    tz: user.timeZone ?? 'UTC',
    is_bot: user.isBot === true,
    is_app_user: false,
    profile: { display_name: user.name, real_name: user.name, ...email },
  };
}

// Bots need users:read (checked before the method runs, see scopes.ts); the email needs users:read.email.
const usersInfo: ApiMethod = (params, ctx) => {
  const id = asString(params.user);
  if (!id) return fail('user_not_found');
  const user = ctx.store.users.get(id);
  if (!user) return fail('user_not_found');
  const withEmail = ctx.scopes?.includes('users:read.email') === true;
  return ok({ user: userJson(user, ctx.identity.teamId, withEmail) });
};

/** `users.info`. */
export const userMethods: Readonly<Record<string, ApiMethod>> = {
  'users.info': usersInfo,
};
