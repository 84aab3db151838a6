import type { IMCdrInfo, TelCdrInfo } from '@ccc-kit/schemas';
import { WebhookError, WebhookErrorCode } from '../errors.ts';
import { prepareChat } from './chat-rows.ts';
import { type PreparedRow, prepareCall } from './rows.ts';
import type { ReconcilerOptions } from './types.ts';

/** One kind of session reconciliation looks for: how to list its rows and make inbox items of them. */
export interface RowSource<Row> {
  /** The inbox kind, also the quarantine's action. */
  readonly kind: 'cdr' | 'imcdr';
  /** For logs and reports: `calls` or `chats`. */
  readonly name: 'calls' | 'chats';
  /** The Tencent action behind `list`, for log lines. */
  readonly action: string;
  /** Rows per page the lister asks for (to tell how many pages a window has). */
  readonly pageSize: number;
  list(start: Date, end: Date): AsyncIterable<{ readonly rows: readonly Row[]; readonly total: number }>;
  /** The row as an inbox item, or why not; `until` is the end of the range being run (epoch ms). */
  prepare(row: Row, receivedAt: number, until: number): PreparedRow;
  /** Counts a session found (`ccc_webhook_reconcile_found_total{kind}`). */
  readonly onFound?: () => void;
}

/** Calls, through DescribeTelCdr (`listCalls`). */
export function callSource(options: ReconcilerOptions): RowSource<TelCdrInfo> {
  return {
    kind: 'cdr',
    name: 'calls',
    action: 'DescribeTelCdr',
    pageSize: 100,
    async *list(start, end) {
      for await (const { calls, total } of options.listCalls(start, end)) yield { rows: calls, total };
    },
    prepare: (call, receivedAt) => prepareCall(call, receivedAt, options.routeFor, options.followUpFor),
    onFound: () => options.metrics.reconcileFound.inc({ kind: 'cdr' }),
  };
}

/**
 * Chats, through DescribeIMCdrList (`listChats`), or null when they are not configured. `listChats`
 * without `routeForChat` is refused: chats stored with no channel would never be posted, and their pushes
 * would then be duplicates.
 */
export function chatSource(options: ReconcilerOptions): RowSource<IMCdrInfo> | null {
  const { listChats, routeForChat } = options;
  if (!listChats) return null;
  if (!routeForChat)
    throw new WebhookError(
      WebhookErrorCode.InvalidConfig,
      'reconciliation: listChats needs routeForChat (the channels of a chat post)',
    );
  return {
    kind: 'imcdr',
    name: 'chats',
    action: 'DescribeIMCdrList',
    pageSize: 100,
    async *list(start, end) {
      for await (const { chats, total } of listChats(start, end)) yield { rows: chats, total };
    },
    prepare: (chat, receivedAt, until) => prepareChat(chat, receivedAt, until, routeForChat),
    onFound: () => options.metrics.reconcileFound.inc({ kind: 'imcdr' }),
  };
}
