import { SandboxError, SandboxErrorCode } from '../errors.ts';
import type { AppRequestDeps, SignedRequestOptions, SignedRequestResult } from './app-requests.ts';
import { postPayload } from './signed-post.ts';
import type { SlackStore } from './store.ts';
import type { JsonObject, SlackViewStateValues } from './types.ts';

// Not in views.ts: web-api.ts imports views.ts, and app-requests.ts leads back to web-api.ts (through
// response-url.ts), so the sender there would close an import cycle.

/** A view_submission: the user pressed Submit on an opened modal. */
export interface ViewSubmissionOptions extends Omit<SignedRequestOptions, 'channelId'> {
  /** `V…` ID of a view opened with views.open (see `views()`). `userId` defaults to the user it opened for. */
  readonly viewId: string;
  /**
   * What the user entered, sent as `view.state.values`: `{ [block_id]: { [action_id]: element value } }`,
   * e.g. `{ note: { note: { type: 'plain_text_input', value: 'called back' } } }`.
   */
  readonly values: SlackViewStateValues;
}

const blockIdsOf = (view: JsonObject): Set<unknown> =>
  new Set(
    (Array.isArray(view.blocks) ? view.blocks : []).map((block) => (block as JsonObject | null)?.block_id),
  );

/**
 * Sends a signed `view_submission` interaction for an opened view, as Slack does when the user presses
 * Submit: the stored view with `state.values`, a fresh trigger_id, and no `response_url` (Slack sends none).
 * The app's answer (`{ response_action: 'errors', errors }`, or an empty 200 to close the modal) is in
 * the result's `json` / `body`; the result's `responseUrl` is `''`.
 */
export async function submitView(
  deps: AppRequestDeps,
  store: SlackStore,
  options: ViewSubmissionOptions,
): Promise<SignedRequestResult> {
  const record = store.views.find((v) => v.id === options.viewId);
  if (!record)
    throw new SandboxError(SandboxErrorCode.InvalidOptions, `No view ${options.viewId} was opened`);
  // Slack only reports values of the view's own blocks: another block_id is a mistake in the test.
  const blockIds = blockIdsOf(record.view);
  const stray = Object.keys(options.values).find((blockId) => !blockIds.has(blockId));
  if (stray !== undefined)
    throw new SandboxError(SandboxErrorCode.InvalidOptions, `View ${record.id} has no block_id ${stray}`);
  const userId = options.userId ?? record.user;
  const username = options.userName ?? (userId === deps.defaultUser.id ? deps.defaultUser.name : userId);
  const trigger = deps.issueTrigger(userId);
  const { teamId, teamDomain, appId } = deps.identity;
  const payload: JsonObject = {
    type: 'view_submission',
    team: { id: teamId, domain: teamDomain },
    user: { id: userId, username, name: username, team_id: teamId },
    api_app_id: appId,
    token: 'sandbox-verification-token',
    trigger_id: trigger,
    view: { ...record.view, state: { values: options.values } },
    // Filled only for input blocks with response_url_enabled, which the emulator does not offer.
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return { ...(await postPayload(deps, options, payload)), responseUrl: '', triggerId: trigger };
}
