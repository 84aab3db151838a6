import type { Faults } from '../faults.ts';
import type { InteractionOptions, SignedRequestResult, SlashCommandOptions } from './app-requests.ts';
import type { SlackHistoryLimits } from './history-limit.ts';
import type { EventDeliveryResult, HomeClickOptions, HomeOpenedOptions } from './home-events.ts';
import type { SlackHomeViewRecord } from './home-types.ts';
import type { ResponseUrlTarget } from './response-url.ts';
import type {
  SlackChannel,
  SlackChannelInit,
  SlackEphemeralRecord,
  SlackFileRecord,
  SlackIdentity,
  SlackMessageRecord,
  SlackRequestRecord,
  SlackResponseRecord,
  SlackUploadRecord,
  SlackUser,
  SlackUsergroup,
  SlackUsergroupInit,
  SlackViewRecord,
} from './types.ts';
import type { ViewSubmissionOptions } from './view-submission.ts';

/** Options of {@link startSlackEmulator}. */
export interface SlackEmulatorOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  /** Valid bot tokens (default `['xoxb-sandbox-token']`). */
  readonly tokens?: readonly string[];
  /**
   * OAuth scopes per token (e.g. `{ 'xoxb-ro': ['channels:history'] }`); a token not listed has every scope.
   * A call without the scope its method needs answers `missing_scope` with `needed` and `provided`.
   */
  readonly tokenScopes?: Readonly<Record<string, readonly string[]>>;
  /**
   * Rate tier of conversations.history and conversations.replies (default Tier 3, as internal apps have it:
   * `{ perMinute: 50, maxLimit: 999 }`; Slack's 2025 clamp for non-Marketplace distributed apps is
   * `{ perMinute: 1, maxLimit: 15 }`). Each method has its own sliding minute on `now`.
   */
  readonly historyLimits?: SlackHistoryLimits;
  /** Secret used to sign requests sent to apps (default `sandbox-signing-secret`). */
  readonly signingSecret?: string;
  /** Initial channels (default `C0CALLS` #calls and `C0ALERTS` #alerts, bot a member of both). */
  readonly channels?: readonly SlackChannelInit[];
  /** chat.postMessage messages per second per channel (default 1; `Infinity` turns the limit off). */
  readonly ratePerChannel?: number;
  /** Burst allowed per channel before the rate applies (default 3). */
  readonly burstPerChannel?: number;
  /** Emulator clock in ms (default `Date.now`): message ts, rate limits, response URL expiry, request log. */
  readonly now?: () => number;
  /** fetch used to send slash commands and interactions to apps (default `globalThis.fetch`). */
  readonly fetch?: typeof globalThis.fetch;
  /** Override the workspace/bot identity returned by auth.test and used in payloads. */
  readonly identity?: Partial<SlackIdentity>;
  /**
   * How long a file stays "processing" after files.completeUploadExternal, in ms of the `now` clock
   * (default 0: ready at once). Meanwhile files.info answers it with empty `mimetype`/`filetype` and no
   * channels, and an image block naming it is refused with `invalid_blocks` (`invalid slack file`).
   */
  readonly filesProcessingMs?: number;
  /**
   * Whether the app has its Home tab enabled (App Home settings; default true). When false, views.publish
   * answers `not_enabled` and `openHome` throws, since Slack users cannot open it.
   */
  readonly homeTabEnabled?: boolean;
  /** views.publish requests per sliding minute before HTTP 429 (default 100, Slack's Tier 4; `Infinity`: none). */
  readonly viewsPublishPerMinute?: number;
}

/** A running Slack emulator. */
export interface SlackEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43121` (the read-only web page is at `/`). */
  readonly url: string;
  /** `<url>/api/` (with the trailing slash WebClient wants): pass as `slackApiUrl`. */
  readonly apiUrl: string;
  readonly port: number;
  /** The first valid token. */
  readonly token: string;
  readonly signingSecret: string;
  readonly identity: SlackIdentity;
  /** Faults keyed by method (`chat.postMessage`…), `upload`, `response_url`, or `*`. */
  readonly faults: Faults;

  /** All channels. */
  channels(): readonly SlackChannel[];
  /** Creates a channel (posting to an unknown name answers `channel_not_found` until then). */
  createChannel(name: string, options?: Omit<SlackChannelInit, 'name'>): SlackChannel;
  /** Creates a user group (or replaces the one with that ID), for `usergroups.users.list`. */
  createUsergroup(init: SlackUsergroupInit): SlackUsergroup;
  /** Adds a person (or replaces the one with that ID), for `users.info`. */
  createUser(user: SlackUser): SlackUser;
  /** Puts the bot in or out of a channel (by ID or name). */
  setMembership(channel: string, isMember: boolean): void;
  /**
   * Accepts one more token. With `scopes` it has exactly those; without, the ones `tokenScopes` gives it
   * (every scope when it is not listed there).
   */
  addToken(token: string, scopes?: readonly string[]): void;
  /** Makes a token answer `token_revoked`. */
  revokeToken(token: string): void;
  /**
   * Changes the file processing delay (`filesProcessingMs`) from now on, for files already completed too;
   * `reset()` restores the option's value. Throws `sandbox_invalid_options` for a negative or non-finite value.
   */
  setFilesProcessingMs(ms: number): void;
  /** Answers the next `count` API requests naming `channel` (any request when `*`) with 429 + Retry-After. */
  storm429(channel: string, count: number, retryAfterSeconds: number): void;
  /** Adds a message from a human user (the bot cannot update it: `cant_update_message`). */
  postUserMessage(
    channel: string,
    message: { user: string; text: string; threadTs?: string },
  ): SlackMessageRecord;

  /** A fresh response URL (5 uses within 30 minutes). */
  createResponseUrl(target?: ResponseUrlTarget): string;
  /** Sends a signed slash command to an app, like Slack does. */
  sendSlashCommand(options: SlashCommandOptions): Promise<SignedRequestResult>;
  /** Sends a signed interaction (`payload` form field) to an app, like Slack does. */
  sendInteraction(options: InteractionOptions): Promise<SignedRequestResult>;
  /**
   * Submits an opened modal like Slack does when the user presses Submit: a signed `view_submission`
   * interaction with the stored view, `state.values` from `values`, a fresh trigger_id and no response_url
   * (`responseUrl` is `''`). The app's answer, such as `{ response_action: 'errors', errors }`, is in `json`.
   * Throws `sandbox_invalid_options` for a view that was not opened or a block_id it does not have.
   *
   * @example
   * const [opened] = slack.views();
   * const result = await slack.submitView({
   *   url: 'http://127.0.0.1:3000/slack/events',
   *   viewId: opened.id,
   *   values: { note: { note: { type: 'plain_text_input', value: 'called back' } } },
   * });
   */
  submitView(options: ViewSubmissionOptions): Promise<SignedRequestResult>;
  /**
   * Opens a user's Home tab like Slack does: a signed Events API `app_home_opened` event (JSON) to the app's
   * request URL, with the user's current Home view when one was published. Returns the app's answer and
   * the `eventId` (pass it back as `eventId` to send Slack's retry of the same event).
   *
   * @example
   * await slack.openHome({ url: 'http://127.0.0.1:3000/slack/events', userId: 'U0AGENT' });
   * slack.homeView('U0AGENT')?.view.blocks; // what the app published with views.publish
   */
  openHome(options: HomeOpenedOptions): Promise<EventDeliveryResult>;
  /**
   * Clicks a button (by `actionId`) of a user's published Home tab like Slack does: a signed `block_actions`
   * with `container: { type: 'view', view_id }`, the `view`, a fresh trigger_id and no response_url.
   * Throws `sandbox_invalid_options` when the user has no Home view or it has no such button.
   */
  clickHomeButton(options: HomeClickOptions): Promise<SignedRequestResult>;

  /**
   * Top-level messages of a channel (ID or name) in order, broadcast replies included, deleted ones left out.
   * The query methods throw `sandbox_invalid_options` for an unknown channel, to catch typos in tests.
   */
  messages(channel: string): readonly SlackMessageRecord[];
  /** Replies of a thread, in order. */
  threads(channel: string, ts: string): readonly SlackMessageRecord[];
  /** Ephemeral messages (of one channel when given). */
  ephemerals(channel?: string): readonly SlackEphemeralRecord[];
  /** Every POST to response URLs (of one URL when given), refused ones included. */
  responses(responseUrl?: string): readonly SlackResponseRecord[];
  /** Files created by files.getUploadURLExternal, in order. */
  uploads(): readonly SlackUploadRecord[];
  /**
   * Completed files (files.completeUploadExternal accepted them), in order, with their bytes, the type
   * detected from them and whether they are done processing.
   */
  files(): readonly SlackFileRecord[];
  /** One completed file by ID; throws `sandbox_invalid_options` for any other ID. */
  file(id: string): SlackFileRecord;
  /** Modals opened with views.open, in order: the view as answered, the user whose trigger opened it, when. */
  views(): readonly SlackViewRecord[];
  /** A user's Home tab as views.publish last published it (`version` counts the publishes), or undefined. */
  homeView(userId: string): SlackHomeViewRecord | undefined;
  /** Every user's published Home tab, in the order of their first publish. */
  homeViews(): readonly SlackHomeViewRecord[];
  /** Every request (of one method when given) with time, status, and rate-limit outcome. */
  requests(method?: string): readonly SlackRequestRecord[];
  /** How many requests were answered 429. */
  rateLimitedCount(): number;
  /**
   * Clears messages, files, views, Home tabs, trigger_ids, logs, rate-limit state (history tier included), storms, faults
   * and response URLs; restores channels, tokens and their scopes, and the file processing delay.
   */
  reset(): void;
  /** Closes the server. */
  stop(): Promise<void>;
}
