import { type ApiResult, fail } from './api-context.ts';
import { asBool, asString } from './params.ts';
import type { JsonObject, SlackMessageRecord } from './types.ts';

/** Microseconds since the epoch of a Slack ts (`1700000000.000100`, `1700000000`, `0`), or undefined. */
export function tsMicros(ts: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(ts);
  if (!match?.[1]) return undefined;
  return BigInt(match[1]) * 1_000_000n + BigInt((match[2] ?? '').slice(0, 6).padEnd(6, '0'));
}

// Slack's cursors are base64 of `next_ts:<position>`; clients must treat them as opaque.
const CURSOR_PREFIX = 'next_ts:';

const encodeCursor = (ts: string): string => Buffer.from(`${CURSOR_PREFIX}${ts}`).toString('base64');

function decodeCursor(cursor: string): bigint | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return undefined;
  return tsMicros(text.slice(CURSOR_PREFIX.length));
}

/** Which way a page runs: history is newest first, replies oldest first. */
export type PageOrder = 'newest-first' | 'oldest-first';

/** The `limit` rule of a method: its default and its own maximum, before the rate tier's `maxLimit`. */
export interface LimitRule {
  readonly defaultLimit: number;
  readonly max: number;
}

/** The arguments every paged conversations method shares, validated. */
export interface PageRequest {
  readonly oldest: bigint | undefined;
  readonly latest: bigint | undefined;
  readonly inclusive: boolean;
  readonly limit: number;
  /** Position of the first message of this page (from `cursor`). */
  readonly from: bigint | undefined;
  readonly includeMetadata: boolean;
}

function parseBound(params: JsonObject, name: 'oldest' | 'latest'): bigint | undefined | ApiResult {
  const raw = asString(params[name]);
  if (raw === undefined || raw === '') return undefined;
  return tsMicros(raw) ?? fail(`invalid_ts_${name}`);
}

/** `limit` as Slack treats it: default when absent or not a positive integer, then clamped without an error. */
function parseLimit(params: JsonObject, rule: LimitRule, maxLimit: number): number {
  const asked = Number(asString(params.limit));
  const limit = Number.isInteger(asked) && asked > 0 ? asked : rule.defaultLimit;
  return Math.min(limit, rule.max, maxLimit);
}

/** Validates `oldest`, `latest`, `inclusive`, `limit`, `cursor` and `include_all_metadata`. */
export function parsePageRequest(
  params: JsonObject,
  rule: LimitRule,
  maxLimit: number,
): PageRequest | ApiResult {
  const oldest = parseBound(params, 'oldest');
  if (typeof oldest === 'object') return oldest;
  const latest = parseBound(params, 'latest');
  if (typeof latest === 'object') return latest;
  const cursor = asString(params.cursor);
  const from = cursor ? decodeCursor(cursor) : undefined;
  if (cursor && from === undefined) return fail('invalid_cursor');
  return {
    oldest,
    latest,
    inclusive: asBool(params.inclusive) === true,
    limit: parseLimit(params, rule, maxLimit),
    from,
    includeMetadata: asBool(params.include_all_metadata) === true,
  };
}

/** One page of messages with Slack's paging fields. */
export interface Page {
  readonly messages: readonly SlackMessageRecord[];
  readonly hasMore: boolean;
  /** `''` on the last page. */
  readonly nextCursor: string;
}

function inBounds(at: bigint, request: PageRequest): boolean {
  const { oldest, latest, inclusive } = request;
  if (oldest !== undefined && (inclusive ? at < oldest : at <= oldest)) return false;
  // Without `latest` there is no upper bound: Slack's default is "now", and every message is older.
  if (latest !== undefined && (inclusive ? at > latest : at >= latest)) return false;
  return true;
}

/** Cuts one page out of `messages` (any order) for `request`, in `order`. */
export function pageOf(
  messages: readonly SlackMessageRecord[],
  request: PageRequest,
  order: PageOrder,
): Page {
  const sign = order === 'newest-first' ? -1 : 1;
  const keyed = messages
    .map((message) => ({ message, at: tsMicros(message.ts) ?? 0n }))
    .filter(({ at }) => inBounds(at, request))
    .filter(({ at }) => request.from === undefined || (sign < 0 ? at <= request.from : at >= request.from))
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -sign : sign));
  const next = keyed[request.limit];
  return {
    messages: keyed.slice(0, request.limit).map(({ message }) => message),
    hasMore: next !== undefined,
    nextCursor: next ? encodeCursor(next.message.ts) : '',
  };
}
