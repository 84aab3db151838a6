import { SandboxError, SandboxErrorCode } from '../errors.ts';
import type { SlackEmulator } from './emulator-types.ts';
import type { SlackStore } from './store.ts';
import type { SlackChannel } from './types.ts';

/** The read side of the emulator that tests query. */
export type SlackQueries = Pick<
  SlackEmulator,
  'messages' | 'threads' | 'ephemerals' | 'responses' | 'uploads' | 'views' | 'requests' | 'rateLimitedCount'
>;

/** Finds a channel by ID or name; an unknown one is a test mistake, so it throws. */
export function channelOf(store: SlackStore, ref: string): SlackChannel {
  const channel = store.findChannel(ref);
  if (!channel) throw new SandboxError(SandboxErrorCode.InvalidOptions, `Unknown Slack channel: ${ref}`);
  return channel;
}

const visible = <T extends { deleted: boolean }>(items: readonly T[]): T[] => items.filter((i) => !i.deleted);

/** Creates the query API over a store. */
export function createSlackQueries(store: SlackStore): SlackQueries {
  return {
    messages(ref) {
      const { id } = channelOf(store, ref);
      return visible(store.messages).filter((m) => m.channel === id && (!m.threadTs || m.replyBroadcast));
    },
    threads(ref, ts) {
      const { id } = channelOf(store, ref);
      return visible(store.messages).filter((m) => m.channel === id && m.threadTs === ts);
    },
    ephemerals: (ref) =>
      visible(store.ephemerals).filter((e) => ref === undefined || e.channel === channelOf(store, ref).id),
    responses: (url) => store.responses.filter((r) => url === undefined || r.responseUrl === url),
    uploads: () => [...store.uploads.values()],
    views: () => [...store.views],
    requests: (method) => store.requests.filter((r) => method === undefined || r.method === method),
    rateLimitedCount: () => store.requests.filter((r) => r.rateLimited).length,
  };
}
