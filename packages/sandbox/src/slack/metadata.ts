import type { JsonObject } from './types.ts';

/** Message metadata as Slack stores it. */
export interface StoredMetadata {
  readonly event_type: string;
  readonly event_payload: JsonObject;
}

/** What became of a `metadata` argument: kept, absent, or ignored with Slack's warning. */
export type MetadataOutcome =
  | { readonly kind: 'absent' }
  | { readonly kind: 'kept'; readonly metadata: StoredMetadata }
  | { readonly kind: 'ignored'; readonly warning: 'invalid_metadata_schema' };

// Slack: "can contain letters, numbers, underscores, and hyphens, but not periods or other punctuation".
const EVENT_TYPE = /^[A-Za-z0-9_-]+$/;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a `metadata` argument (already JSON-decoded) the way chat.postMessage does: `{ event_type,
 * event_payload }` is kept; anything else, an invalid `event_type` included, is ignored with the warning
 * `invalid_metadata_schema`, and the message is posted all the same.
 */
export function readMetadata(value: unknown): MetadataOutcome {
  if (value === undefined || value === '') return { kind: 'absent' };
  if (!isObject(value) || typeof value.event_type !== 'string' || !EVENT_TYPE.test(value.event_type))
    return { kind: 'ignored', warning: 'invalid_metadata_schema' };
  const payload = value.event_payload ?? {};
  if (!isObject(payload)) return { kind: 'ignored', warning: 'invalid_metadata_schema' };
  return { kind: 'kept', metadata: { event_type: value.event_type, event_payload: payload } };
}

/** The fields a post's answer gains when its metadata was ignored (`warning`, as Slack sends it). */
export const metadataWarning = (outcome: MetadataOutcome): JsonObject =>
  outcome.kind === 'ignored'
    ? { warning: outcome.warning, response_metadata: { warnings: [outcome.warning] } }
    : {};
