import {
  type ChatMessage,
  DescribeChatMessagesRequest,
  DescribeChatMessagesResponse,
  DescribeImCdrListRequest,
  DescribeImCdrListResponse,
  type DeskImCdr,
  GetSessionStateRequest,
  GetSessionStateResponse,
  type SafeParseResult,
  safeParseWith,
} from '@ccc-kit/schemas';
import { checkId, checkLimit, checkOffset, checkWindow, MAX_LIMIT } from './arguments.ts';
import { invalidArgument } from './errors.ts';
import { resolveBaseUrl } from './regions.ts';
import { resolveScheduler } from './scheduler.ts';
import { createTransport, type Transport } from './transport.ts';
import type {
  DeskClient,
  DeskClientOptions,
  DeskPage,
  DeskRetryOptions,
  GetChatMessagesParams,
  ListSessionsParams,
  SessionStateQuery,
} from './types.ts';
import { createUserSigSource } from './user-sig-source.ts';

/**
 * Creates a Tencent Desk REST client. With `secretKey` it generates the admin UserSig, caches it and renews
 * it before expiry (and once more on 70001); with `userSig` it uses that one as is.
 *
 * @example
 * const desk = createDeskClient({ sdkAppId: 1400000000, adminUserId: 'administrator', secretKey, region: 'singapore' });
 * for await (const session of desk.iterateSessions({ startTimestamp, endTimestamp })) {
 *   const transcript = await desk.getTranscript(session.SessionId);
 * }
 */
export function createDeskClient(options: DeskClientOptions): DeskClient {
  if (!Number.isSafeInteger(options.sdkAppId) || options.sdkAppId <= 0)
    throw invalidArgument('sdkAppId must be a positive integer');
  const adminUserId = checkId('adminUserId', options.adminUserId, 'createDeskClient');
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw invalidArgument('timeoutMs must be a positive integer');
  const scheduler = resolveScheduler(options.scheduler);
  // An explicit `now` wins for UserSigs; else a given scheduler's clock: one virtual clock drives all.
  const now = options.now ?? (options.scheduler ? () => scheduler.now() : Date.now);
  const send = createTransport({
    baseUrl: resolveBaseUrl(options.region, options.endpoint),
    sdkAppId: options.sdkAppId,
    adminUserId,
    userSig: createUserSigSource({
      sdkAppId: options.sdkAppId,
      adminUserId,
      secretKey: options.secretKey,
      userSig: options.userSig,
      expireSeconds: options.userSigExpireSeconds ?? 86_400,
      now,
    }),
    timeoutMs,
    retry: retryPolicy(options.retry),
    fetch: options.fetch,
    random: options.random ?? Math.random,
    scheduler,
    logger: options.logger,
  });
  return buildClient(send);
}

function retryPolicy(retry: number | DeskRetryOptions | undefined): Required<DeskRetryOptions> {
  const policy = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const result = { limit: 3, baseDelayMs: 300, maxDelayMs: 5_000, ...policy };
  for (const [name, value] of Object.entries(result))
    if (!Number.isInteger(value) || value < 0) throw invalidArgument(`retry.${name} must be an integer ≥ 0`);
  return result;
}

/** Validates a request body with its schema before anything is sent. */
function body<T>(result: SafeParseResult<T>, command: string): T {
  if (!result.ok)
    throw invalidArgument(result.issues.map((i) => `${i.path}: ${i.message}`).join('; '), command);
  return result.value;
}

/** Walks the pages of a list command from `offset`, stopping at `totalCount` or a short page. */
async function* pages<T>(
  fetchPage: (offset: number) => Promise<DeskPage<T>>,
  limit: number,
  offset: number,
): AsyncGenerator<T, void, undefined> {
  for (;;) {
    const page = await fetchPage(offset);
    yield* page.items;
    offset += page.items.length;
    if (page.items.length < limit || offset >= page.totalCount) return;
  }
}

async function listSessions(send: Transport, p: ListSessionsParams): Promise<DeskPage<DeskImCdr>> {
  const command = 'describe_im_cdr_list';
  checkWindow(p.startTimestamp, p.endTimestamp, command);
  const request = {
    StartTimestamp: p.startTimestamp,
    EndTimestamp: p.endTimestamp,
    ...(p.clientUserId === undefined
      ? {}
      : { ClientUserId: checkId('clientUserId', p.clientUserId, command) }),
    ...limitAndOffset(p, command),
  };
  const answer = await send(
    command,
    body(safeParseWith(DescribeImCdrListRequest, request), command),
    DescribeImCdrListResponse,
  );
  return { totalCount: answer.TotalCount, items: answer.IMCdrList };
}

async function getChatMessages(send: Transport, p: GetChatMessagesParams): Promise<DeskPage<ChatMessage>> {
  const command = 'describe_chat_messages';
  const request = {
    SessionId: checkId('sessionId', p.sessionId, command),
    ...(p.order === undefined ? {} : { Order: orderCode(p.order, command) }),
    ...limitAndOffset(p, command),
  };
  const answer = await send(
    command,
    body(safeParseWith(DescribeChatMessagesRequest, request), command),
    DescribeChatMessagesResponse,
  );
  return { totalCount: answer.TotalCount, items: answer.Messages };
}

function getSessionState(send: Transport, query: SessionStateQuery): Promise<GetSessionStateResponse> {
  const command = 'get_session_state';
  const request =
    'sessionId' in query
      ? { SessionId: checkId('sessionId', query.sessionId, command) }
      : {
          ClientUserId: checkId('clientUserId', query.clientUserId, command),
          CustomerServiceId: checkId('customerServiceId', query.customerServiceId, command),
        };
  return send(
    command,
    body(safeParseWith(GetSessionStateRequest, request), command),
    GetSessionStateResponse,
  );
}

/** Iterator over every page from `p.offset`; validates now, not on the first `next()`, so misuse fails early. */
function iterate<P extends { limit?: number | undefined; offset?: number | undefined }, T>(
  command: string,
  list: (p: P) => Promise<DeskPage<T>>,
  p: P,
): AsyncIterableIterator<T> {
  const limit = checkLimit(p.limit, command) ?? MAX_LIMIT;
  const offset = checkOffset(p.offset, command) ?? 0;
  return pages((at) => list({ ...p, limit, offset: at }), limit, offset);
}

function buildClient(send: Transport): DeskClient {
  const messages = (p: GetChatMessagesParams) => getChatMessages(send, p);
  return {
    listSessions: (p) => listSessions(send, p),
    iterateSessions: (p) =>
      iterate('describe_im_cdr_list', (q: ListSessionsParams) => listSessions(send, q), p),
    getChatMessages: messages,
    iterateChatMessages: (p) => iterate('describe_chat_messages', messages, p),
    async getTranscript(sessionId) {
      const transcript: ChatMessage[] = [];
      // Oldest first: messages arriving while paging land after the last page instead of shifting pages.
      for await (const message of iterate('describe_chat_messages', messages, {
        sessionId,
        order: 'oldest-first',
      }))
        transcript.push(message);
      return transcript;
    },
    getSessionState: (query) => getSessionState(send, query),
  };
}

function limitAndOffset(p: { limit?: number | undefined; offset?: number | undefined }, command: string) {
  const limit = checkLimit(p.limit, command);
  const offset = checkOffset(p.offset, command);
  return {
    ...(limit === undefined ? {} : { Limit: limit }),
    ...(offset === undefined ? {} : { Offset: offset }),
  };
}

function orderCode(order: string, command: string): 1 | 2 {
  if (order === 'oldest-first') return 1;
  if (order === 'newest-first') return 2;
  throw invalidArgument(
    `order must be 'oldest-first' or 'newest-first', got ${JSON.stringify(order)}`,
    command,
  );
}
