import type { ChatFixture, Dataset } from '@ccc-kit/sandbox/dataset';
import { type DeskEmulator, startDeskEmulator } from '@ccc-kit/sandbox/desk';
import type { ChatMessage } from '@ccc-kit/schemas';
import { createDeskClient } from '../client.ts';
import type { DeskClient, DeskClientOptions } from '../types.ts';

// Test-only helpers: a Desk emulator from @ccc-kit/sandbox and clients pointed at it.

export const APP = 1400000042;
export const SECRET = 'desk-client-test-secret-5bd2850fff3ecb11d7c8';
/** 2024-11-01T00:00:00Z in Unix seconds. */
export const T0 = 1_730_419_200;

/** Options of {@link chat}. */
export interface ChatOptions {
  messages?: number;
  /** Unix seconds of the session and its first message. */
  at?: number;
  user?: string;
  state?: ChatFixture['state'];
}

/** A chat whose messages alternate customer/agent one second apart, oldest first. */
export function chat(
  sessionId: string,
  { messages = 3, at = T0 - 3600, user = `user-${sessionId}`, state = {} }: ChatOptions = {},
): ChatFixture {
  const list: ChatMessage[] = Array.from({ length: messages }, (_, i) => ({
    FromAccount: i % 2 === 0 ? user : 'agent@example.com',
    FromAccountRole: i % 2 === 0 ? 1 : 2,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }],
    Timestamp: (at + i) * 1000,
  }));
  return {
    sessionId,
    imCdr: { SessionId: sessionId, ClientUserId: user, Timestamp: at, EndStatus: 'UserEndedSession' },
    messages: list,
    state,
    clientUserId: user,
    customerServiceId: '@cs',
    push: { SessionId: sessionId, IVRKeyPressed: [] },
  };
}

export const dataset = (chats: ChatFixture[]): Dataset => ({ seed: 7, sdkAppId: APP, calls: [], chats });

/** Starts an emulator for `APP`/`SECRET` whose clock is `serverNow()` (Unix ms). */
export function startDesk(
  chats: ChatFixture[],
  serverNow: () => number = () => T0 * 1000,
): Promise<DeskEmulator> {
  return startDeskEmulator({ dataset: dataset(chats), sdkAppId: APP, secretKey: SECRET, now: serverNow });
}

/** Records the URL of every request the client sends (the query holds random and usersig). */
export function recordingFetch(): { fetch: typeof globalThis.fetch; urls: URL[] } {
  const urls: URL[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    urls.push(new URL(input instanceof Request ? input.url : String(input)));
    return globalThis.fetch(input, init);
  };
  return { fetch, urls };
}

/** A client for the emulator with fast retries; `overrides` replace any option. */
export function clientFor(desk: DeskEmulator, overrides: Partial<DeskClientOptions> = {}): DeskClient {
  return createDeskClient({
    sdkAppId: APP,
    adminUserId: 'administrator',
    secretKey: SECRET,
    endpoint: desk.url,
    now: () => T0 * 1000,
    retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 4 },
    timeoutMs: 2_000,
    ...overrides,
  } as DeskClientOptions);
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}
