import { type ApiContext, type ApiResult, fail } from './api-context.ts';
import { asString } from './params.ts';
import type { JsonObject } from './types.ts';

/** The OAuth scope a call needs, or `null` when the method needs none (auth.test, views.open, views.publish). */
type ScopeRule = string | null | ((params: JsonObject, ctx: ApiContext) => string);

/** A public-channel scope, or its private-channel twin when `channel` names a private channel. */
const byChannelType =
  (publicScope: string, privateScope: string) =>
  (params: JsonObject, ctx: ApiContext): string => {
    const ref = asString(params.channel);
    const channel = ref ? ctx.store.findChannel(ref) : undefined;
    return channel?.isPrivate ? privateScope : publicScope;
  };

/** The bot scope each supported Web API method needs, as Slack's method pages list them. */
export const METHOD_SCOPES: Readonly<Record<string, ScopeRule>> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.history': byChannelType('channels:history', 'groups:history'),
  'conversations.replies': byChannelType('channels:history', 'groups:history'),
  'conversations.info': byChannelType('channels:read', 'groups:read'),
  'conversations.join': 'channels:join',
  'usergroups.users.list': 'usergroups:read',
  'users.info': 'users:read',
  // A trigger_id is the proof of a user's action, so views.open needs only a valid token.
  'views.open': null,
  // Slack lists no scope for views.publish: the Home tab being enabled for the app is what it checks.
  'views.publish': null,
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'files.info': 'files:read',
};

/** Every scope a method of the emulator can need, plus `commands`: what a token without limits has. */
export const ALL_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'channels:history',
  'groups:history',
  'channels:read',
  'groups:read',
  'channels:join',
  'usergroups:read',
  'users:read',
  'users:read.email',
  'files:write',
  'files:read',
];

/**
 * The `x-oauth-scopes` header Slack sends with every Web API answer (the token's scopes, comma-separated),
 * which `@slack/web-api` reads into `response_metadata.scopes`; none for a request without a valid token.
 */
export function scopesHeader(
  token: string | undefined,
  valid: ReadonlySet<string>,
  registry: ScopeRegistry,
): Record<string, string> {
  if (!token || !valid.has(token)) return {};
  return { 'x-oauth-scopes': (registry.get(token) ?? ALL_SCOPES).join(',') };
}

/** Scopes per token; a token that is not listed has every scope. */
export type ScopeRegistry = Map<string, readonly string[]>;

/**
 * Slack's `missing_scope` answer (HTTP 200, with `needed` and the token's scopes as `provided`) when
 * `token` lacks the scope `method` needs for these arguments; undefined when the call may go on.
 */
export function checkScope(
  method: string,
  params: JsonObject,
  ctx: ApiContext,
  scopes: readonly string[] | undefined,
): ApiResult | undefined {
  const rule = METHOD_SCOPES[method];
  if (scopes === undefined || rule === null || rule === undefined) return undefined;
  const needed = typeof rule === 'function' ? rule(params, ctx) : rule;
  if (scopes.includes(needed)) return undefined;
  return fail('missing_scope', { needed, provided: scopes.join(',') });
}
