import { ErrorCode } from '@slack/web-api';
import type { ClaimedMessage } from '../store/types.ts';

/**
 * The `event_type` of the metadata on every message the relay posts. Slack has no idempotency key on
 * chat.postMessage; this is what lets the relay find a message it may already have posted.
 */
export const OUTBOX_EVENT_TYPE = 'ccc_kit_outbox';

/** Slack message metadata naming the outbox row: ids and kind only, never a number or a name. */
export interface OutboxMetadata {
  readonly event_type: typeof OUTBOX_EVENT_TYPE;
  readonly event_payload: { readonly outbox_id: number; readonly session_id: string; readonly kind: string };
}

/** The metadata the relay attaches to `message`'s post. */
export function outboxMetadata(message: ClaimedMessage): OutboxMetadata {
  return {
    event_type: OUTBOX_EVENT_TYPE,
    event_payload: { outbox_id: message.id, session_id: message.sessionId, kind: message.kind },
  };
}

/** One of our messages found in Slack: its `ts` and what its metadata says it is. */
export interface PostedMessage {
  readonly ts: string;
  readonly outboxId: number;
  readonly sessionId: string;
}

/** Reads our metadata off a message from conversations.history/replies; null when it is not one of ours. */
export function postedMessage(message: { ts?: unknown; metadata?: unknown }): PostedMessage | null {
  const metadata = message.metadata as { event_type?: unknown; event_payload?: Record<string, unknown> };
  if (typeof message.ts !== 'string' || metadata?.event_type !== OUTBOX_EVENT_TYPE) return null;
  const outboxId = Number(metadata.event_payload?.outbox_id);
  const sessionId = metadata.event_payload?.session_id;
  if (!Number.isSafeInteger(outboxId) || typeof sessionId !== 'string') return null;
  return { ts: message.ts, outboxId, sessionId };
}

/** Errors of a connection that was never made: the request cannot have reached Slack. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a failed chat.postMessage may still have posted: a timeout, a connection reset after the request
 * was written, a 5xx, or anything unknown. Slack's own answers (`ok: false`, 429, other 4xx) and a
 * connection that was never made did not post.
 */
export function mayHavePosted(error: unknown): boolean {
  const failure = error as { code?: string; statusCode?: number; original?: { code?: string } } | null;
  switch (failure?.code) {
    case ErrorCode.RateLimitedError:
    case ErrorCode.PlatformError:
      return false;
    case ErrorCode.HTTPError:
      return (failure.statusCode ?? 500) >= 500;
    case ErrorCode.RequestError:
      return !NOT_SENT.has(failure.original?.code ?? '');
    default:
      return !NOT_SENT.has(failure?.code ?? '');
  }
}
