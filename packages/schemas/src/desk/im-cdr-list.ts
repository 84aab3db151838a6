import * as v from 'valibot';
import type { DeskEndStatus } from '../enums/desk.ts';
import { list, openString, optNumber, optString, parser, safeParser } from '../helpers.ts';
import { deskEnvelopeEntries } from './envelope.ts';

/** `describe_im_cdr_list` request: chat sessions in a time window. */
export const DescribeImCdrListRequest = v.object({
  /** Unix seconds. */
  StartTimestamp: v.number(),
  /** Unix seconds. */
  EndTimestamp: v.number(),
  /** 1..100, default 20. */
  Limit: v.optional(v.number()),
  /** Default 0. */
  Offset: v.optional(v.number()),
  /** Only this customer's sessions. */
  ClientUserId: v.optional(v.string()),
});
/** Output type of {@link DescribeImCdrListRequest}. */
export type DescribeImCdrListRequest = v.InferOutput<typeof DescribeImCdrListRequest>;

/** One chat session record. */
export const DeskImCdr = v.looseObject({
  SessionId: v.string(),
  /** Agent group id (a string here). */
  AgentGroupId: optString(),
  AgentGroupName: optString(),
  /** Agent account (email). */
  AgentId: optString(),
  /** `SDK` or `Web`. */
  ChannelType: optString(),
  ClientUserId: optString(),
  ClientUserNickName: optString(),
  /** Seconds. */
  Duration: optNumber(),
  /** e.g. `AgentEndedSession`. */
  EndStatus: v.nullish(openString<DeskEndStatus>()),
  /** Stars, 1–5. */
  SatisfactionSelected: optNumber(),
  /** Session time, Unix seconds. */
  Timestamp: optNumber(),
});
/** Output type of {@link DeskImCdr}. */
export type DeskImCdr = v.InferOutput<typeof DeskImCdr>;

/** `describe_im_cdr_list` response. */
export const DescribeImCdrListResponse = v.looseObject({
  ...deskEnvelopeEntries,
  TotalCount: v.number(),
  IMCdrList: list(DeskImCdr),
});
/** Output type of {@link DescribeImCdrListResponse}. */
export type DescribeImCdrListResponse = v.InferOutput<typeof DescribeImCdrListResponse>;

/** Parses a `describe_im_cdr_list` response, throwing `SchemaError`. */
export const parseDescribeImCdrListResponse = parser(
  DescribeImCdrListResponse,
  'describe_im_cdr_list response',
);
/** Parses a `describe_im_cdr_list` response into a result value. */
export const safeParseDescribeImCdrListResponse = safeParser(DescribeImCdrListResponse);
