import * as v from 'valibot';
import { list, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { deskEnvelopeEntries } from './envelope.ts';
import { MsgElement } from './msg-element.ts';

/** `describe_chat_messages` request: one page of a chat session's messages. */
export const DescribeChatMessagesRequest = v.object({
  SessionId: v.string(),
  /** 1..100, default 20. */
  Limit: v.optional(v.number()),
  /** Default 0. */
  Offset: v.optional(v.number()),
  /** 1 oldest first, 2 newest first (default). */
  Order: v.optional(v.picklist([1, 2])),
});
/** Output type of {@link DescribeChatMessagesRequest}. */
export type DescribeChatMessagesRequest = v.InferOutput<typeof DescribeChatMessagesRequest>;

/** One chat message. */
export const ChatMessage = v.looseObject({
  /** Sender account. */
  FromAccount: optString(),
  /** 1 customer, 2 agent, 3 system. */
  FromAccountRole: optNumber(),
  /** Elements of the message; a missing body parses as `[]`. */
  MsgBody: list(MsgElement),
  /** Unix MILLISECONDS. */
  Timestamp: v.number(),
});
/** Output type of {@link ChatMessage}. */
export type ChatMessage = v.InferOutput<typeof ChatMessage>;

/** `describe_chat_messages` response. */
export const DescribeChatMessagesResponse = v.looseObject({
  ...deskEnvelopeEntries,
  TotalCount: v.number(),
  Messages: list(ChatMessage),
});
/** Output type of {@link DescribeChatMessagesResponse}. */
export type DescribeChatMessagesResponse = v.InferOutput<typeof DescribeChatMessagesResponse>;

/** Parses a `describe_chat_messages` response, throwing `SchemaError`. */
export const parseDescribeChatMessagesResponse = parser(
  DescribeChatMessagesResponse,
  'describe_chat_messages response',
);
/** Parses a `describe_chat_messages` response into a result value. */
export const safeParseDescribeChatMessagesResponse = safeParser(DescribeChatMessagesResponse);
