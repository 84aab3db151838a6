import {
  DescribeChatMessagesRequest,
  DescribeImCdrListRequest,
  describeIssues,
  GetSessionStateRequest,
  safeParseWith,
} from '@ccc-kit/schemas';
import type { ChatFixture, Dataset } from '../dataset/types.ts';
import { DESK_OK, type DeskFailure, deskFailure } from './error-codes.ts';
import { toWireMessage } from './wire.ts';

/** The dataset's chats, indexed once per emulator. */
export interface DeskData {
  readonly bySession: ReadonlyMap<string, ChatFixture>;
  /** Oldest session first (by `imCdr.Timestamp`, then `SessionId`). */
  readonly chronological: readonly ChatFixture[];
}

/** A Desk command: JSON body in, Desk envelope out. */
export type DeskCommand = (body: Record<string, unknown>, data: DeskData) => Record<string, unknown>;

/** Indexes a dataset's chats for the commands. */
export function indexChats(dataset: Dataset): DeskData {
  const sessionTime = (chat: ChatFixture) => chat.imCdr.Timestamp ?? 0;
  const chronological = [...dataset.chats].sort(
    (a, b) => sessionTime(a) - sessionTime(b) || a.sessionId.localeCompare(b.sessionId),
  );
  return { bySession: new Map(chronological.map((chat) => [chat.sessionId, chat])), chronological };
}

/** Validates `Limit` (1..100, default 20) and `Offset` (≥ 0, default 0) like the documented 141004. */
function readPaging(body: { Limit?: number | undefined; Offset?: number | undefined }) {
  const limit = body.Limit ?? 20;
  const offset = body.Offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return deskFailure(141004, `Limit must be an integer from 1 to 100, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0)
    return deskFailure(141004, `Offset must be a non-negative integer, got ${offset}`);
  return { limit, offset };
}

const isFailure = (value: object): value is DeskFailure => 'ActionStatus' in value;

const describeImCdrList: DeskCommand = (body, data) => {
  const parsed = safeParseWith(DescribeImCdrListRequest, body);
  if (!parsed.ok) return deskFailure(141004, describeIssues(parsed.issues));
  const request = parsed.value;
  const paging = readPaging(request);
  if (isFailure(paging)) return paging;
  if (!Number.isInteger(request.StartTimestamp) || !Number.isInteger(request.EndTimestamp))
    return deskFailure(141004, 'StartTimestamp and EndTimestamp must be integer Unix seconds');
  if (request.StartTimestamp > request.EndTimestamp)
    return deskFailure(141004, 'StartTimestamp is after EndTimestamp');
  const matching = data.chronological.filter((chat) => {
    const time = chat.imCdr.Timestamp ?? 0;
    const user = chat.imCdr.ClientUserId ?? chat.clientUserId;
    const inWindow = time >= request.StartTimestamp && time <= request.EndTimestamp;
    return inWindow && (request.ClientUserId === undefined || user === request.ClientUserId);
  });
  const page = matching.slice(paging.offset, paging.offset + paging.limit);
  return { ...DESK_OK, TotalCount: matching.length, IMCdrList: page.map((chat) => chat.imCdr) };
};

const describeChatMessages: DeskCommand = (body, data) => {
  const parsed = safeParseWith(DescribeChatMessagesRequest, body);
  if (!parsed.ok) return deskFailure(141004, describeIssues(parsed.issues));
  const paging = readPaging(parsed.value);
  if (isFailure(paging)) return paging;
  const chat = data.bySession.get(parsed.value.SessionId);
  if (!chat) return deskFailure(141010, parsed.value.SessionId);
  // Fixtures keep messages oldest first; Order 2 (the default) is newest first.
  const ordered = (parsed.value.Order ?? 2) === 1 ? chat.messages : [...chat.messages].reverse();
  const page = ordered.slice(paging.offset, paging.offset + paging.limit);
  return { ...DESK_OK, TotalCount: chat.messages.length, Messages: page.map(toWireMessage) };
};

/** The newest session of a customer with a customer-service account. */
function findByUser(
  data: DeskData,
  clientUserId: string,
  customerServiceId: string,
): ChatFixture | undefined {
  return data.chronological.findLast(
    (chat) => chat.clientUserId === clientUserId && chat.customerServiceId === customerServiceId,
  );
}

const getSessionState: DeskCommand = (body, data) => {
  const parsed = safeParseWith(GetSessionStateRequest, body);
  if (!parsed.ok) return deskFailure(141004, 'pass SessionId, or ClientUserId and CustomerServiceId');
  const request = parsed.value;
  const chat =
    'SessionId' in request
      ? data.bySession.get(request.SessionId)
      : findByUser(data, request.ClientUserId, request.CustomerServiceId);
  // Tencent: 141005 "session does not exist or has ended"; a fixture without a state has ended.
  if (!chat?.state.CurrentState) return deskFailure(141005);
  return {
    ...DESK_OK,
    SessionId: chat.sessionId,
    CurrentState: chat.state.CurrentState,
    AgentId: chat.state.AgentId ?? '',
  };
};

/** Commands implemented under `/v4/desk_http_svc/`. */
export const DESK_COMMANDS: Readonly<Record<string, DeskCommand>> = {
  describe_im_cdr_list: describeImCdrList,
  describe_chat_messages: describeChatMessages,
  get_session_state: getSessionState,
};
