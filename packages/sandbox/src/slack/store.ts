import { randomBytes } from 'node:crypto';
import type { SlackHomeViewRecord } from './home-types.ts';
import type {
  SlackChannel,
  SlackChannelInit,
  SlackEphemeralRecord,
  SlackMessageRecord,
  SlackRequestRecord,
  SlackResponseRecord,
  SlackTriggerRecord,
  SlackUploadRecord,
  SlackUser,
  SlackUsergroup,
  SlackViewRecord,
} from './types.ts';

/** The user the emulator's requests to apps come from by default (slash commands, clicks, Home tab). */
export const DEFAULT_USER: { readonly id: 'U0SANDBOXUSER'; readonly name: 'sandbox.user' } = {
  id: 'U0SANDBOXUSER',
  name: 'sandbox.user',
};

/** Fields a caller gives to add a message; the store fills the rest. */
export type NewMessage = Pick<SlackMessageRecord, 'channel' | 'text' | 'user' | 'source'> &
  Partial<
    Pick<SlackMessageRecord, 'blocks' | 'attachments' | 'botId' | 'threadTs' | 'metadata' | 'files'>
  > & {
    readonly replyBroadcast?: boolean;
    readonly unfurlLinks?: boolean | undefined;
    readonly unfurlMedia?: boolean | undefined;
  };

/** In-memory state of one Slack emulator. */
export interface SlackStore {
  readonly channels: Map<string, SlackChannel>;
  /** User groups by `S…` ID. */
  readonly usergroups: Map<string, SlackUsergroup>;
  /** People of the workspace by `U…` ID, for `users.info`. */
  readonly users: Map<string, SlackUser>;
  readonly messages: SlackMessageRecord[];
  readonly ephemerals: SlackEphemeralRecord[];
  readonly uploads: Map<string, SlackUploadRecord>;
  readonly responses: SlackResponseRecord[];
  readonly requests: SlackRequestRecord[];
  /** Every trigger_id sent to an app, by ID, for views.open to exchange. */
  readonly triggers: Map<string, SlackTriggerRecord>;
  /** Modals opened with views.open, in order. */
  readonly views: SlackViewRecord[];
  /** Each user's Home tab as views.publish last published it, by user ID. */
  readonly homeViews: Map<string, SlackHomeViewRecord>;
  /** Users who opened the app's Home tab (`openHome`): Slack knows them, so views.publish accepts them. */
  readonly homeVisitors: Set<string>;
  /** A new unique, increasing `ts` (`1700000000.000100` style) from the emulator clock. */
  nextTs(): string;
  /** A new unique ID with this prefix (`C`, `F`…). */
  nextId(prefix: string): string;
  /** Finds a channel by ID, `#name` or `name`. */
  findChannel(ref: string): SlackChannel | undefined;
  addChannel(init: SlackChannelInit): SlackChannel;
  addMessage(message: NewMessage): SlackMessageRecord;
  findMessage(channel: string, ts: string): SlackMessageRecord | undefined;
  /** A fresh `trigger_id` for a request sent to an app on behalf of `user`, remembered with its issue time. */
  issueTrigger(user: string): string;
  /** Clears everything and re-creates the initial channels. */
  reset(): void;
}

/** Creates the store; `now` is the emulator clock in milliseconds. */
export function createSlackStore(
  initialChannels: readonly SlackChannelInit[],
  now: () => number,
): SlackStore {
  let lastMicros = 0;
  let counter = 0;
  const store: SlackStore = {
    channels: new Map(),
    usergroups: new Map(),
    users: new Map(),
    messages: [],
    ephemerals: [],
    uploads: new Map(),
    responses: [],
    requests: [],
    triggers: new Map(),
    views: [],
    homeViews: new Map(),
    homeVisitors: new Set(),
    nextTs() {
      // Slack ts are microseconds since the epoch; bump by one so two posts in the same ms stay ordered.
      lastMicros = Math.max(Math.floor(now()) * 1000, lastMicros + 1);
      return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
    },
    nextId(prefix) {
      counter += 1;
      return `${prefix}0SBX${String(counter).padStart(5, '0')}`;
    },
    findChannel(ref) {
      const byId = store.channels.get(ref);
      if (byId) return byId;
      const name = ref.replace(/^#/, '');
      return [...store.channels.values()].find((c) => c.name === name);
    },
    addChannel(init) {
      const channel: SlackChannel = {
        id: init.id ?? store.nextId('C'),
        name: init.name.replace(/^#/, ''),
        isPrivate: init.isPrivate ?? false,
        isMember: init.isMember ?? true,
        created: Math.floor(now() / 1000),
      };
      store.channels.set(channel.id, channel);
      return channel;
    },
    addMessage(input) {
      const message: SlackMessageRecord = {
        blocks: undefined,
        attachments: undefined,
        botId: undefined,
        threadTs: undefined,
        metadata: undefined,
        files: [],
        unfurlLinks: undefined,
        unfurlMedia: undefined,
        ...input,
        replyBroadcast: input.replyBroadcast ?? false,
        ts: store.nextTs(),
        replyCount: 0,
        edits: [],
        deleted: false,
      };
      store.messages.push(message);
      const parent = message.threadTs ? store.findMessage(message.channel, message.threadTs) : undefined;
      if (parent) parent.replyCount += 1;
      return message;
    },
    findMessage(channel, ts) {
      return store.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
    },
    issueTrigger(user) {
      // Shaped like Slack's (`<ms>.<n>.<hex>`); the issue time is the emulator clock, as views.open checks it.
      const issuedAt = now();
      const id = `${Math.floor(issuedAt)}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
      store.triggers.set(id, { id, user, issuedAt, exchanged: false });
      return id;
    },
    reset() {
      for (const list of [store.messages, store.ephemerals, store.responses, store.requests, store.views])
        list.length = 0;
      store.uploads.clear();
      store.triggers.clear();
      store.homeViews.clear();
      store.homeVisitors.clear();
      store.usergroups.clear();
      store.users.clear();
      store.channels.clear();
      for (const init of initialChannels) store.addChannel(init);
    },
  };
  store.reset();
  return store;
}
