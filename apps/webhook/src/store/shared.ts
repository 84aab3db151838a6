import { StoreError, StoreErrorCode } from './errors.ts';
import type {
  ClaimedMessage,
  Delivery,
  InboxKind,
  InboxRow,
  IngestItem,
  OutboxRow,
  OutboxState,
  PruneOptions,
  QuarantineInput,
  QuarantineRow,
  StoreCommonOptions,
  StoreStats,
} from './types.ts';

/** Kinds whose deliveries become top-level posts. */
export const POST_KINDS: ReadonlySet<InboxKind> = new Set(['cdr', 'imcdr', 'voicemail']);
const KINDS: ReadonlySet<string> = new Set(['cdr', 'imcdr', 'record', 'voicemail']);
const SOURCES: ReadonlySet<string> = new Set(['push', 'reconcile']);

/** Engine-independent settings, with defaults applied. */
export interface ResolvedCommonOptions {
  readonly quarantineLimit: number;
  readonly quarantineMaxBodyBytes: number;
  readonly now: () => number;
}

/** Applies defaults to {@link StoreCommonOptions}, rejecting nonsense limits. */
export function resolveCommonOptions(options: StoreCommonOptions): ResolvedCommonOptions {
  const quarantineLimit = options.quarantineLimit ?? 10_000;
  const quarantineMaxBodyBytes = options.quarantineMaxBodyBytes ?? 65_536;
  for (const [name, value] of Object.entries({ quarantineLimit, quarantineMaxBodyBytes })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new StoreError(StoreErrorCode.InvalidOptions, `${name} must be a positive integer, got ${value}`);
    }
  }
  return { quarantineLimit, quarantineMaxBodyBytes, now: options.now ?? Date.now };
}

/** Returns why `item` breaks the ingest contract, or null when it is fine. */
export function checkIngestItem(item: IngestItem): string | null {
  if (!KINDS.has(item.kind)) return `unknown kind ${JSON.stringify(item.kind)}`;
  if (!SOURCES.has(item.source)) return `unknown source ${JSON.stringify(item.source)}`;
  if (typeof item.dedupeKey !== 'string' || item.dedupeKey === '')
    return 'dedupeKey must be a non-empty string';
  if (typeof item.sessionId !== 'string' || item.sessionId === '')
    return 'sessionId must be a non-empty string';
  if (item.pushId !== null && (typeof item.pushId !== 'string' || item.pushId === '')) {
    return 'pushId must be null or a non-empty string';
  }
  if (typeof item.body !== 'string') return 'body must be a string';
  if (!Number.isSafeInteger(item.receivedAt)) return 'receivedAt must be integer epoch milliseconds';
  if (!Array.isArray(item.deliveries)) return 'deliveries must be an array';
  if (item.deliveries.some((d) => typeof d?.channel !== 'string' || d.channel === '')) {
    return 'every delivery needs a non-empty channel';
  }
  return null;
}

/** Throws `webhook_store_invalid_item` naming the first bad item, before any transaction starts. */
export function assertIngestItems(items: readonly IngestItem[]): void {
  items.forEach((item, index) => {
    const problem = checkIngestItem(item);
    if (problem) {
      throw new StoreError(
        StoreErrorCode.InvalidItem,
        `Ingest item ${index} (${item.dedupeKey}): ${problem}`,
      );
    }
  });
}

/** Throws `webhook_store_invalid_options` unless `before` is a time and `limit` a positive integer. */
export function assertPruneOptions({ before, limit }: PruneOptions): void {
  if (!Number.isFinite(before) || !Number.isSafeInteger(limit) || limit < 1)
    throw new StoreError(
      StoreErrorCode.InvalidOptions,
      `prune needs before (epoch ms) and a positive whole limit, got before=${before}, limit=${limit}`,
    );
}

/** The deliveries that become post rows: none for records, one per channel (first mention wins). */
export function postDeliveries(item: IngestItem): Delivery[] {
  if (!POST_KINDS.has(item.kind)) return [];
  const seen = new Map<string, Delivery>();
  for (const delivery of item.deliveries)
    if (!seen.has(delivery.channel)) seen.set(delivery.channel, delivery);
  return [...seen.values()];
}

/** A quarantine body as bytes, cut to `maxBytes`, with its original size. */
export function truncateBody(
  body: string | Uint8Array,
  maxBytes: number,
): { bytes: Buffer; size: number; truncated: boolean } {
  const all = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const truncated = all.length > maxBytes;
  return { bytes: truncated ? all.subarray(0, maxBytes) : all, size: all.length, truncated };
}

type Raw = Record<string, unknown>;
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const strOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** Maps an `inbox` row (both engines; Postgres int8 arrives as text). */
export function toInboxRow(raw: Raw): InboxRow {
  return {
    id: num(raw.id),
    kind: raw.kind as InboxRow['kind'],
    dedupeKey: String(raw.dedupe_key),
    sessionId: String(raw.session_id),
    pushId: strOrNull(raw.push_id),
    source: raw.source as InboxRow['source'],
    body: String(raw.body),
    receivedAt: num(raw.received_at),
  };
}

/** Maps an `outbox` row. */
export function toOutboxRow(raw: Raw): OutboxRow {
  return {
    id: num(raw.id),
    inboxId: num(raw.inbox_id),
    parentId: numOrNull(raw.parent_id),
    channel: String(raw.channel),
    kind: raw.kind as OutboxRow['kind'],
    sessionId: String(raw.session_id),
    mention: strOrNull(raw.mention),
    state: raw.state as OutboxRow['state'],
    attempts: num(raw.attempts),
    nextAt: num(raw.next_at),
    leaseOwner: strOrNull(raw.lease_owner),
    leaseUntil: numOrNull(raw.lease_until),
    slackTs: strOrNull(raw.slack_ts),
    lastError: strOrNull(raw.last_error),
    createdAt: num(raw.created_at),
  };
}

/** Maps a claimed row joined with its inbox row and parent post (`inbox_kind`, `body`, `parent_state/ts`). */
export function toClaimedMessage(raw: Raw): ClaimedMessage {
  const threadTs = raw.kind === 'reply' && raw.parent_state === 'sent' ? strOrNull(raw.parent_ts) : null;
  return {
    ...toOutboxRow(raw),
    inboxKind: raw.inbox_kind as InboxKind,
    body: String(raw.body),
    threadTs,
  };
}

/** Maps a `quarantine` row. */
export function toQuarantineRow(raw: Raw): QuarantineRow {
  return {
    id: num(raw.id),
    pushId: strOrNull(raw.push_id),
    action: strOrNull(raw.action),
    query: String(raw.query),
    reason: { code: String(raw.reason_code), message: String(raw.reason_message) },
    body: new Uint8Array(raw.body as Uint8Array),
    truncated: Boolean(raw.truncated),
    bodySize: num(raw.body_size),
    receivedAt: num(raw.received_at),
  };
}

/** Columns of a new quarantine row, in the order both engines insert them. */
export function quarantineValues(item: QuarantineInput, maxBytes: number): unknown[] {
  const { bytes, size, truncated } = truncateBody(item.body, maxBytes);
  return [
    item.pushId,
    item.action,
    item.query,
    item.reason.code,
    item.reason.message,
    bytes,
    // 1/0 rather than a boolean: better-sqlite3 cannot bind booleans and Postgres reads '1'/'0' as boolean.
    truncated ? 1 : 0,
    size,
    item.receivedAt,
  ];
}

/** One schema version: plain SQL run in the migration transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Builds {@link StoreStats} from the three count queries of `SQL` (`n` columns; int8 arrives as text). */
export function toStats(
  inbox: Raw | undefined,
  quarantine: Raw | undefined,
  byState: readonly Raw[],
): StoreStats {
  const outbox: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const row of byState) outbox[row.state as OutboxState] = Number(row.n);
  const last = inbox?.last;
  return {
    inbox: Number(inbox?.n ?? 0),
    lastReceivedAt: last === null || last === undefined ? null : Number(last),
    outbox,
    quarantine: Number(quarantine?.n ?? 0),
  };
}
