import type { ChatMessage, DeskImCdr, GetSessionStateResponse } from '@ccc-kit/schemas';
import type { Scheduler } from '@ccc-kit/timers';
import type { DeskRegion } from './regions.ts';

/** Retry policy for retryable failures (see the README's errors table). */
export interface DeskRetryOptions {
  /** Retries after the first attempt (default 3; 0 disables). */
  readonly limit?: number;
  /** Delay before the first retry in ms (default 300); doubles each retry. */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay in ms (default 5000). */
  readonly maxDelayMs?: number;
}

/** Where the client reports requests, retries and UserSig renewals. Never receives credentials. */
export interface DeskLogger {
  debug(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** Credentials: a secret key (the client generates and renews the admin UserSig) or a fixed UserSig. */
export type DeskCredentials =
  | { readonly secretKey: string; readonly userSig?: undefined }
  | { readonly userSig: string; readonly secretKey?: undefined };

/** Options of `createDeskClient`. */
export type DeskClientOptions = DeskCredentials & {
  /** SDKAppID of the Chat application. */
  readonly sdkAppId: number;
  /** An App administrator account (the `identifier` of every request). */
  readonly adminUserId: string;
  /** Data center of the app (default `china`); ignored when `endpoint` is set. */
  readonly region?: DeskRegion | undefined;
  /** Base URL overriding the region, e.g. the sandbox's `http://127.0.0.1:<port>`. */
  readonly endpoint?: string | undefined;
  /** Per-attempt limit for the whole exchange, body included (default 10000). */
  readonly timeoutMs?: number | undefined;
  /** Retries of retryable failures: a limit, or the full policy (default 3 retries, 300 ms doubling). */
  readonly retry?: number | DeskRetryOptions | undefined;
  /** Validity of generated UserSigs in seconds (default 86400, Tencent's recommended minimum). */
  readonly userSigExpireSeconds?: number | undefined;
  /** fetch implementation (default `globalThis.fetch`). */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * Clock in Unix milliseconds for UserSig issue times (default: `scheduler.now` when a `scheduler` is
   * given, else `Date.now`).
   */
  readonly now?: (() => number) | undefined;
  /**
   * Clock and timers of the retry backoff (default: the real ones); pass a virtual clock in tests. Without
   * `now`, it also times the UserSigs, so one clock drives everything.
   */
  readonly scheduler?: Scheduler | undefined;
  /** Uniform [0, 1) source for the `random` parameter and backoff jitter (default `Math.random`). */
  readonly random?: (() => number) | undefined;
  readonly logger?: DeskLogger | undefined;
};

/** One page of a Desk list command. */
export interface DeskPage<T> {
  /** Total matching records on the server (Tencent `TotalCount`). */
  readonly totalCount: number;
  readonly items: T[];
}

/** Parameters of `listSessions` (`describe_im_cdr_list`). */
export interface ListSessionsParams {
  /** Unix seconds, inclusive. */
  readonly startTimestamp: number;
  /** Unix seconds, inclusive; must not be before `startTimestamp`. */
  readonly endTimestamp: number;
  /** Only this customer's sessions. */
  readonly clientUserId?: string | undefined;
  /** 1..100 (Tencent's default 20; `iterateSessions` uses 100). */
  readonly limit?: number | undefined;
  /** Records to skip (default 0). */
  readonly offset?: number | undefined;
}

/** Message order of `describe_chat_messages` (Tencent `Order` 1 and 2). */
export type MessageOrder = 'oldest-first' | 'newest-first';

/** Parameters of `getChatMessages` (`describe_chat_messages`). */
export interface GetChatMessagesParams {
  readonly sessionId: string;
  /** Default: Tencent's, newest first. */
  readonly order?: MessageOrder | undefined;
  /** 1..100 (Tencent's default 20; `iterateChatMessages` uses 100). */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** `get_session_state` by session, or by customer + customer-service account ("application/client" apps). */
export type SessionStateQuery =
  | { readonly sessionId: string }
  | { readonly clientUserId: string; readonly customerServiceId: string };

/** A Tencent Desk REST client. Every method throws `DeskError` on failure. */
export interface DeskClient {
  /** One page of chat sessions in a time window. */
  listSessions(params: ListSessionsParams): Promise<DeskPage<DeskImCdr>>;
  /** Every chat session in a time window, page by page. */
  iterateSessions(params: ListSessionsParams): AsyncIterableIterator<DeskImCdr>;
  /** One page of a session's messages. */
  getChatMessages(params: GetChatMessagesParams): Promise<DeskPage<ChatMessage>>;
  /** Every message of a session in the given order, page by page. */
  iterateChatMessages(params: GetChatMessagesParams): AsyncIterableIterator<ChatMessage>;
  /** All messages of a session, oldest first. */
  getTranscript(sessionId: string): Promise<ChatMessage[]>;
  /** The current state of a session (141005 when it does not exist or has ended). */
  getSessionState(query: SessionStateQuery): Promise<GetSessionStateResponse>;
}

/** Where the client reads the time and sets its timers: `@ccc-kit/timers`' interface, re-exported. */
export type { Scheduler };
