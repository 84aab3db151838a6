export type { SlackFileRecord, SlackUploadRecord } from './file-types.ts';
export type { SlackHomeViewRecord } from './home-types.ts';

/** A JSON object as the emulator receives it: shape unknown until validated. */
export type JsonObject = Record<string, unknown>;

/** A channel known to the emulator. */
export interface SlackChannel {
  /** Conversation ID, e.g. `C0CALLS`. */
  readonly id: string;
  /** Name without `#`, e.g. `calls`. */
  readonly name: string;
  /** A private channel the bot is not in answers `channel_not_found`, like Slack (it is invisible). */
  readonly isPrivate: boolean;
  /** Whether the bot is a member; posting to a public channel it is not in answers `not_in_channel`. */
  isMember: boolean;
  /** Creation time, Unix seconds. */
  readonly created: number;
}

/** How to declare a channel (initial `channels` option or `createChannel`). */
export interface SlackChannelInit {
  /** Defaults to a generated `C…` ID. */
  readonly id?: string;
  /** With or without the leading `#`. */
  readonly name: string;
  readonly isPrivate?: boolean;
  /** Defaults to `true`. */
  readonly isMember?: boolean;
}

/** A user group (`@support-leads`), as `usergroups.users.list` knows it. */
export interface SlackUsergroup {
  /** `S…` ID. */
  readonly id: string;
  /** Mention name without `@`. */
  readonly handle: string;
  /** Member user IDs. */
  users: string[];
}

/** A person (or app) of the workspace, as `users.info` knows them. */
export interface SlackUser {
  /** `U…` or `W…` ID. */
  readonly id: string;
  /** Display name (`profile.display_name`). */
  readonly name: string;
  /** `profile.email`: returned only to tokens with `users:read.email`. */
  readonly email?: string | undefined;
  readonly isBot?: boolean | undefined;
  /** IANA time zone (`tz`). Default `UTC`. */
  readonly timeZone?: string | undefined;
}

/** A user group to create: `id` defaults to a generated `S…` ID. */
export interface SlackUsergroupInit {
  readonly id?: string;
  readonly handle: string;
  readonly users: readonly string[];
}

/** A previous version of an edited message. */
export interface SlackMessageEdit {
  readonly text: string;
  readonly blocks: readonly unknown[] | undefined;
  /** The `ts`-style time of the edit that replaced this version. */
  readonly replacedAt: string;
}

/** Where a stored message came from. */
export type SlackMessageSource = 'api' | 'response_url' | 'file_share' | 'user';

/** A message stored in a channel (top level or thread reply). */
export interface SlackMessageRecord {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: readonly unknown[] | undefined;
  attachments: readonly unknown[] | undefined;
  /** Author user ID (the bot user for bot messages). */
  readonly user: string;
  /** Set for messages posted by the bot. */
  readonly botId: string | undefined;
  /** Parent `ts` for thread replies. */
  readonly threadTs: string | undefined;
  readonly replyBroadcast: boolean;
  /** Number of replies (parents only). */
  replyCount: number;
  /** Older versions, oldest first (each `chat.update` or `replace_original` adds one). */
  readonly edits: SlackMessageEdit[];
  /** IDs of files shared with this message. */
  readonly files: readonly string[];
  /** `{ event_type, event_payload }` from chat.postMessage or chat.update, when valid metadata was sent. */
  metadata: unknown;
  readonly unfurlLinks: boolean | undefined;
  readonly unfurlMedia: boolean | undefined;
  readonly source: SlackMessageSource;
  /** True once removed by `delete_original`; such messages leave `messages()`. */
  deleted: boolean;
}

/** An ephemeral message (chat.postEphemeral or an ephemeral response_url reply). */
export interface SlackEphemeralRecord {
  readonly channel: string | undefined;
  /** The only user who sees it. */
  readonly user: string | undefined;
  readonly ts: string;
  text: string;
  blocks: readonly unknown[] | undefined;
  readonly threadTs: string | undefined;
  /** `ack`: the app's immediate answer to a slash command, shown by Slack like an ephemeral reply. */
  readonly source: 'api' | 'response_url' | 'ack';
  readonly edits: SlackMessageEdit[];
  deleted: boolean;
}

/** One POST to a response URL, accepted or not. */
export interface SlackResponseRecord {
  readonly responseUrl: string;
  /** Emulator clock, milliseconds. */
  readonly at: number;
  /** HTTP status the emulator answered. */
  readonly status: number;
  /** Slack error name when refused (`used_url`, `expired_url`, `invalid_blocks`…). */
  readonly error: string | undefined;
  /** The parsed JSON body as posted. */
  readonly body: unknown;
  readonly responseType: 'ephemeral' | 'in_channel';
  readonly replaceOriginal: boolean;
  readonly deleteOriginal: boolean;
  readonly text: string | undefined;
  readonly blocks: readonly unknown[] | undefined;
}

/** One logged request to the emulator's API, upload or response URLs. */
export interface SlackRequestRecord {
  /** Emulator clock, milliseconds. */
  readonly at: number;
  /** Web API method, or `upload` / `response_url` for those endpoints. */
  readonly method: string;
  /** HTTP status answered (0 when the socket was reset, or an `accepted-lost` fault lost the answer). */
  status: number;
  /** The `ok` field answered (or, under an `accepted-lost` fault, that would have been), when there was one. */
  ok: boolean | undefined;
  /** The Slack `error` answered, if any. */
  error: string | undefined;
  /** True when answered 429 (channel rate or `storm429`). */
  rateLimited: boolean;
  /** The Retry-After seconds sent with a 429. */
  retryAfter: number | undefined;
  /** Channel argument as sent, if any. */
  readonly channel: string | undefined;
  /** Arguments as parsed, without `token`. */
  readonly params: JsonObject;
  /** Kind of injected fault that applied, if any. */
  fault: string | undefined;
}

/** Identity of the emulated workspace and bot. */
export interface SlackIdentity {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly teamName: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly botName: string;
}

/** A `trigger_id` the emulator sent an app (with a slash command or interaction): views.open exchanges it. */
export interface SlackTriggerRecord {
  readonly id: string;
  /** The user it was issued for: a modal opened with it opens for them. */
  readonly user: string;
  /** Emulator clock, milliseconds: views.open accepts it for 3 seconds from here. */
  readonly issuedAt: number;
  /** Set once views.open has exchanged it (a trigger opens one view). */
  exchanged: boolean;
}

/** A modal opened with views.open. */
export interface SlackViewRecord {
  /** `V…` view ID. */
  readonly id: string;
  /** The user whose trigger opened it. */
  readonly user: string;
  /** The trigger_id it was opened with. */
  readonly triggerId: string;
  /** When it was opened (emulator clock, milliseconds). */
  readonly at: number;
  /** The view as views.open answered it: the app's fields plus `id`, `hash`, `state`, `team_id`, `app_id`…. */
  readonly view: JsonObject;
}

/**
 * `view.state.values` of a view_submission: `{ [block_id]: { [action_id]: element value } }`, e.g.
 * `{ note: { note: { type: 'plain_text_input', value: 'called back' } } }`.
 */
export type SlackViewStateValues = Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
