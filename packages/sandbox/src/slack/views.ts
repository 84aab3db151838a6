import { randomBytes } from 'node:crypto';
import { type ApiContext, type ApiMethod, fail, missingArgument, ok } from './api-context.ts';
import { usableImage } from './file-state.ts';
import { formatProblem } from './message-rules.ts';
import { asString } from './params.ts';
import type { SlackStore } from './store.ts';
import type { JsonObject, SlackTriggerRecord } from './types.ts';
import { validateView } from './view-rules.ts';

/** views.open accepts a trigger_id for this long after it was issued (Slack: 3 seconds), and only once. */
export const TRIGGER_LIFETIME_MS = 3000;

/** Slack refuses a view whose JSON is larger than 250 kB (`view_too_large`). */
export const MAX_VIEW_BYTES = 250_000;

/**
 * The `view` argument as an object. `@slack/web-api` sends it as a JSON string (params.ts decodes it); a JSON
 * body may carry a string too.
 */
export function parseView(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    // Left as a string: validateView then reports `must provide an object`.
    return value;
  }
}

/**
 * A view as Slack stores and answers it (views.open, views.publish): the fields Slack fills in when the app
 * leaves them out, the app's own, then the ones Slack owns (`id`, a fresh `hash`, `state`, `app_id`…).
 */
export function storedView(ctx: ApiContext, view: JsonObject, id: string, at: number): JsonObject {
  const { teamId, appId, botId } = ctx.identity;
  return {
    close: null,
    submit: null,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    id,
    team_id: teamId,
    state: { values: {} },
    hash: `${Math.floor(at / 1000)}.${randomBytes(4).toString('hex')}`,
    root_view_id: id,
    previous_view_id: null,
    app_id: appId,
    app_installed_team_id: teamId,
    bot_id: botId,
  };
}

/** The trigger views.open may exchange at time `at`, or Slack's error for it. */
function usableTrigger(store: SlackStore, triggerId: string, at: number): SlackTriggerRecord | string {
  const trigger = store.triggers.get(triggerId);
  if (!trigger) return 'invalid_trigger_id';
  if (trigger.exchanged) return 'exchanged_trigger_id';
  return at - trigger.issuedAt > TRIGGER_LIFETIME_MS ? 'expired_trigger_id' : trigger;
}

// Needs no scope (see scopes.ts): the trigger_id is what proves a user asked for the modal.
const viewsOpen: ApiMethod = (params, ctx) => {
  const triggerId = asString(params.trigger_id);
  if (!triggerId) return missingArgument('trigger_id');
  if (params.view === undefined || params.view === '') return missingArgument('view');
  const at = ctx.now();
  // Slack checks the trigger before the view ("before getting to any possible validation errors").
  const trigger = usableTrigger(ctx.store, triggerId, at);
  if (typeof trigger === 'string') return fail(trigger);
  const view = parseView(params.view);
  const problems = validateView(view, usableImage(ctx));
  // A refused view does not use the trigger up: the app may fix the view and retry within the 3 seconds.
  if (problems.length > 0)
    return fail('invalid_arguments', { response_metadata: { messages: problems.map(formatProblem) } });
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) return fail('view_too_large');
  trigger.exchanged = true;
  const id = ctx.store.nextId('V');
  const stored = storedView(ctx, view as JsonObject, id, at);
  ctx.store.views.push({ id, user: trigger.user, triggerId, at, view: stored });
  return ok({ view: stored });
};

/** `views.open`. */
export const viewMethods: Readonly<Record<string, ApiMethod>> = {
  'views.open': viewsOpen,
};
