import { createRequire } from 'node:module';
import type { ChatMessage } from '@ccc-kit/schemas';
import type { ChatFixture, Dataset } from '../dataset/types.ts';

// Test-only helpers of the Desk emulator suites (not exported from the package).

export const APP = 1400000001;
export const KEY = 'sandbox-desk-test-key-0123456789abcdef';
/** A fixed clock: 2024-11-01T00:00:00Z. */
export const NOW_S = 1_730_419_200;

const official = createRequire(import.meta.url)('tls-sig-api-v2') as {
  Api: new (
    sdkAppId: number,
    key: string,
  ) => { genSig(userId: string, expire: number, userBuf: Buffer | null): string };
};

/** Options of {@link officialSig}. */
export interface SigOptions {
  app?: number;
  key?: string;
  /** Unix seconds. */
  issuedAt?: number;
  expire?: number;
  userBuf?: Buffer | null;
}

/** A UserSig from Tencent's official Node generator, issued at `issuedAt` (Unix seconds). */
export function officialSig(
  userId: string,
  { app = APP, key = KEY, issuedAt = NOW_S, expire = 86400, userBuf = null }: SigOptions = {},
): string {
  const realNow = Date.now;
  Date.now = () => issuedAt * 1000;
  try {
    return new official.Api(app, key).genSig(userId, expire, userBuf);
  } finally {
    Date.now = realNow;
  }
}

/** A chat whose messages alternate customer/agent, one second apart, oldest first. */
export function chat(
  sessionId: string,
  options: { messages?: number; at?: number; user?: string; cs?: string; state?: ChatFixture['state'] } = {},
): ChatFixture {
  const at = options.at ?? NOW_S - 3600;
  const user = options.user ?? `user-${sessionId}`;
  const messages: ChatMessage[] = Array.from({ length: options.messages ?? 3 }, (_, i) => ({
    FromAccount: i % 2 === 0 ? user : 'agent@example.com',
    FromAccountRole: i % 2 === 0 ? 1 : 2,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `message ${i}` } }],
    Timestamp: (at + i) * 1000,
  }));
  return {
    sessionId,
    imCdr: { SessionId: sessionId, ClientUserId: user, Timestamp: at, EndStatus: 'AgentEndedSession' },
    messages,
    state: options.state ?? {},
    clientUserId: user,
    customerServiceId: options.cs ?? '@cs',
    push: { SessionId: sessionId, IVRKeyPressed: [] },
  };
}

export const dataset = (chats: ChatFixture[]): Dataset => ({ seed: 1, sdkAppId: APP, calls: [], chats });

/** Query string of a well-formed request; `overrides` replace or (with `undefined`) drop parameters. */
export function query(overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    sdkappid: String(APP),
    identifier: 'administrator',
    usersig: officialSig('administrator'),
    random: '123456789',
    contenttype: 'json',
    ...overrides,
  };
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return new URLSearchParams(defined).toString();
}

/** POSTs `body` (JSON-encoded unless already a string) and returns the parsed answer. */
export async function post(
  url: string,
  command: string,
  body: unknown = {},
  q: string = query(),
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/v4/desk_http_svc/${command}?${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
