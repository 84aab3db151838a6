import { SandboxError, SandboxErrorCode } from '../errors.ts';
import type { SlackEmulator } from './emulator-types.ts';
import { type CompletedUpload, completedFile, type FileContext, fileRecord } from './file-state.ts';
import type { SlackStore } from './store.ts';
import type { SlackChannel } from './types.ts';

/** The read side of the emulator that tests query. */
export type SlackQueries = Pick<
  SlackEmulator,
  | 'messages'
  | 'threads'
  | 'ephemerals'
  | 'responses'
  | 'uploads'
  | 'files'
  | 'file'
  | 'views'
  | 'homeView'
  | 'homeViews'
  | 'requests'
  | 'rateLimitedCount'
>;

/** Finds a channel by ID or name; an unknown one is a test mistake, so it throws. */
export function channelOf(store: SlackStore, ref: string): SlackChannel {
  const channel = store.findChannel(ref);
  if (!channel) throw new SandboxError(SandboxErrorCode.InvalidOptions, `Unknown Slack channel: ${ref}`);
  return channel;
}

const visible = <T extends { deleted: boolean }>(items: readonly T[]): T[] => items.filter((i) => !i.deleted);

/** The completed upload with this ID; an unknown one is a test mistake, so it throws. */
function fileOf(store: SlackStore, id: string): CompletedUpload {
  const file = completedFile(store, id);
  if (!file) throw new SandboxError(SandboxErrorCode.InvalidOptions, `No completed Slack file with ID ${id}`);
  return file;
}

/** Creates the query API over the emulator's store (`ctx` also gives the clock and processing delay). */
export function createSlackQueries(ctx: FileContext): SlackQueries {
  const { store } = ctx;
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
    files: () =>
      [...store.uploads.keys()].flatMap((id) => {
        const file = completedFile(store, id);
        return file ? [fileRecord(file, ctx)] : [];
      }),
    file: (id) => fileRecord(fileOf(store, id), ctx),
    views: () => [...store.views],
    homeView: (user) => store.homeViews.get(user),
    homeViews: () => [...store.homeViews.values()],
    requests: (method) => store.requests.filter((r) => method === undefined || r.method === method),
    rateLimitedCount: () => store.requests.filter((r) => r.rateLimited).length,
  };
}
