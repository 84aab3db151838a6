import { SandboxError, SandboxErrorCode } from '../errors.ts';
import { type ApiContext, type ApiMethod, fail, missingArgument, ok } from './api-context.ts';
import { usableImage } from './file-state.ts';
import { createMinuteLimiter, type MinuteLimiter } from './history-limit.ts';
import { formatProblem } from './message-rules.ts';
import { asString } from './params.ts';
import { DEFAULT_USER } from './store.ts';
import type { JsonObject } from './types.ts';
import { validateHomeView } from './view-rules.ts';
import { MAX_VIEW_BYTES, parseView, storedView } from './views.ts';

/** Slack's rate tier of views.publish: Tier 4, "100+" requests a minute. */
export const VIEWS_PUBLISH_PER_MINUTE = 100;

/** The Home tab settings of the emulator, from its `homeTabEnabled` and `viewsPublishPerMinute` options. */
export function homeTabSettings(
  options: { readonly homeTabEnabled?: boolean; readonly viewsPublishPerMinute?: number },
  now: () => number,
): { readonly homeTabEnabled: boolean; readonly publishLimiter: MinuteLimiter } {
  const perMinute = options.viewsPublishPerMinute ?? VIEWS_PUBLISH_PER_MINUTE;
  if (!(perMinute >= 1))
    throw new SandboxError(
      SandboxErrorCode.InvalidOptions,
      `viewsPublishPerMinute must be at least 1 (Infinity: no limit), got ${perMinute}`,
    );
  return {
    homeTabEnabled: options.homeTabEnabled ?? true,
    publishLimiter: createMinuteLimiter(perMinute, now),
  };
}

/**
 * Whether Slack would know `user`: a person added with `createUser`, the emulator's default user (who its
 * requests come from), or someone who opened the Home tab, since Slack only sends that for real users.
 */
function knownUser(ctx: ApiContext, user: string): boolean {
  const { store } = ctx;
  return user === DEFAULT_USER.id || store.users.has(user) || store.homeVisitors.has(user);
}

/** Slack's answer to a view it refuses, or undefined when it takes it. */
function refusal(view: unknown, ctx: ApiContext) {
  const problems = validateHomeView(view, usableImage(ctx));
  if (problems.length > 0)
    return fail('invalid_arguments', { response_metadata: { messages: problems.map(formatProblem) } });
  return Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES ? fail('view_too_large') : undefined;
}

// Needs no scope (see scopes.ts), as Slack's views.* methods; the app must have its Home tab enabled.
const viewsPublish: ApiMethod = (params, ctx) => {
  const limited = ctx.publishLimiter.take('views.publish');
  if (limited.limited) return { ...fail('ratelimited'), retryAfter: limited.retryAfter };
  const user = asString(params.user_id);
  if (!user) return missingArgument('user_id');
  if (params.view === undefined || params.view === '') return missingArgument('view');
  if (!ctx.homeTabEnabled) return fail('not_enabled');
  if (!knownUser(ctx, user)) return fail('user_not_found');
  const view = parseView(params.view);
  const refused = refusal(view, ctx);
  if (refused) return refused;
  const current = ctx.store.homeViews.get(user);
  const hash = asString(params.hash);
  // The hash guards against overwriting a newer view: one that matches nothing (none yet) is stale too.
  if (hash !== undefined && hash !== current?.view.hash) return fail('hash_conflict');
  const at = ctx.now();
  const id = ctx.store.nextId('V');
  const stored = storedView(ctx, view as JsonObject, id, at);
  ctx.store.homeViews.set(user, { id, user, at, version: (current?.version ?? 0) + 1, view: stored });
  return ok({ view: stored });
};

/** `views.publish`. */
export const homeMethods: Readonly<Record<string, ApiMethod>> = {
  'views.publish': viewsPublish,
};
