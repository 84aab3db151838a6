import { SandboxError, SandboxErrorCode } from '../errors.ts';
import { type AppRequestDeps, type SignedRequestResult, sendInteraction } from './app-requests.ts';
import { directMessageId } from './direct-messages.ts';
import { postSigned, type SignedTransport } from './signed-post.ts';
import type { SlackStore } from './store.ts';
import type { JsonObject } from './types.ts';

/** A user opens the app's Home tab: what {@link sendHomeOpened} sends. */
export interface HomeOpenedOptions extends SignedTransport {
  /** Who opens it (default the emulator's sandbox user, `U0SANDBOXUSER`). */
  readonly userId?: string;
  /**
   * Sends again the event of an earlier delivery (its `eventId`), as Slack does when it retries; pass
   * `headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }` with it as Slack would.
   */
  readonly eventId?: string;
}

/** What the app answered an event, and the event's ID. */
export interface EventDeliveryResult extends SignedRequestResult {
  /** `event_id` of the delivery (`Ev…`): pass it back as `eventId` to send a retry. */
  readonly eventId: string;
  /** The Events API body sent: `{ token, team_id, api_app_id, event, type: 'event_callback', event_id, … }`. */
  readonly payload: JsonObject;
}

/** A click on a button of a user's Home tab: what {@link clickHomeButton} sends. */
export interface HomeClickOptions extends SignedTransport {
  /** Whose Home tab (default the emulator's sandbox user). */
  readonly userId?: string;
  readonly userName?: string;
  /** The button's `action_id`. */
  readonly actionId: string;
  /** The block holding it, when several buttons share the action_id (default: the first one). */
  readonly blockId?: string;
}

/** What the event builder needs: who the app is, and whether its Home tab is enabled. */
export interface HomeDeps {
  readonly identity: AppRequestDeps['identity'];
  readonly homeTabEnabled: boolean;
}

/** Who the event is for, as Slack's Events API lists it: the app's bot user in the workspace. */
const authorizationOf = ({ teamId, botUserId }: HomeDeps['identity']): JsonObject => ({
  enterprise_id: null,
  team_id: teamId,
  user_id: botUserId,
  is_bot: true,
  is_enterprise_install: false,
});

/**
 * The Events API body of an `app_home_opened` event (https://api.slack.com/events/app_home_opened): `view`
 * only when a Home view was published for the user before, as Slack does. Marks the user as one who opened
 * the Home tab, so views.publish knows them. Throws `sandbox_invalid_options` when the Home tab is disabled
 * (`homeTabEnabled: false`): Slack users then cannot open it.
 */
export function homeOpenedEvent(
  deps: HomeDeps,
  store: SlackStore,
  user: string,
  eventId?: string,
): JsonObject {
  if (!deps.homeTabEnabled)
    throw new SandboxError(
      SandboxErrorCode.InvalidOptions,
      'The Home tab is disabled (homeTabEnabled: false)',
    );
  store.homeVisitors.add(user);
  const { teamId, appId } = deps.identity;
  const eventTs = store.nextTs();
  const view = store.homeViews.get(user)?.view;
  return {
    token: 'sandbox-verification-token',
    team_id: teamId,
    api_app_id: appId,
    // The channel is the app's DM with the user (Slack's Messages tab): the ID chat.postMessage gives it.
    event: {
      type: 'app_home_opened',
      user,
      channel: directMessageId(user),
      tab: 'home',
      ...(view ? { view } : {}),
      event_ts: eventTs,
    },
    type: 'event_callback',
    event_id: eventId ?? store.nextId('Ev'),
    event_time: Number(eventTs.split('.')[0]),
    authorizations: [authorizationOf(deps.identity)],
    is_ext_shared_channel: false,
  };
}

/** Sends a signed `app_home_opened` event (JSON, as the Events API posts) to the app's request URL. */
export async function sendHomeOpened(
  deps: AppRequestDeps & HomeDeps,
  store: SlackStore,
  options: HomeOpenedOptions,
): Promise<EventDeliveryResult> {
  const payload = homeOpenedEvent(deps, store, options.userId ?? deps.defaultUser.id, options.eventId);
  const answer = await postSigned(deps, options, JSON.stringify(payload), 'application/json');
  return { ...answer, responseUrl: '', triggerId: '', eventId: String(payload.event_id), payload };
}

type Json = Record<string, unknown>;
const objects = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((item): item is Json => typeof item === 'object' && item !== null) : [];

/** The button `actionId` in a view's blocks (an actions block, or a section's accessory) with its block_id. */
export function findButton(
  view: Readonly<Json>,
  actionId: string,
  blockId?: string,
): { button: Json; blockId: unknown } | undefined {
  for (const block of objects(view.blocks)) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    const candidates = [...objects(block.elements), ...objects([block.accessory])];
    const button = candidates.find((element) => element.type === 'button' && element.action_id === actionId);
    if (button) return { button, blockId: block.block_id };
  }
  return undefined;
}

/**
 * Clicks a button of the user's published Home tab as Slack does: a signed `block_actions` interaction with
 * `container: { type: 'view', view_id }`, the stored `view`, the button in `actions`, a fresh trigger_id and
 * neither channel nor response_url. Throws `sandbox_invalid_options` when the user has no Home view or it
 * has no such button.
 */
export async function clickHomeButton(
  deps: AppRequestDeps,
  store: SlackStore,
  options: HomeClickOptions,
): Promise<SignedRequestResult> {
  const userId = options.userId ?? deps.defaultUser.id;
  const home = store.homeViews.get(userId);
  if (!home)
    throw new SandboxError(SandboxErrorCode.InvalidOptions, `No Home view was published for ${userId}`);
  const found = findButton(home.view, options.actionId, options.blockId);
  if (!found)
    throw new SandboxError(
      SandboxErrorCode.InvalidOptions,
      `The Home view of ${userId} has no ${options.actionId} button${options.blockId ? ` in block ${options.blockId}` : ''}`,
    );
  const payload: JsonObject = {
    container: { type: 'view', view_id: home.id },
    view: home.view,
    actions: [{ ...found.button, block_id: found.blockId, action_ts: (Date.now() / 1000).toFixed(6) }],
    is_enterprise_install: false,
    enterprise: null,
  };
  return await sendInteraction(deps, { ...options, userId, payload });
}
