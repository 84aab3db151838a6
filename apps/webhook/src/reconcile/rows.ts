import type { TelCdrInfo } from '@ccc-kit/schemas';
import type { Delivery, FollowUpFact, IngestItem, QuarantineReason } from '../store/types.ts';

/**
 * Fields of a DescribeTelCdr row that are signed, short-lived links. Tencent says not to keep them, and the
 * product never needs them stored: a recording is always fetched fresh (DescribeSessionDetail) when asked.
 */
const SIGNED_LINKS = [
  'RecordURL',
  'CustomRecordURL',
  'AsrUrl',
  'VoicemailRecordURL',
  'VoicemailAsrURL',
] as const;

/** The row without its signed links. */
export function withoutSignedLinks(call: TelCdrInfo): TelCdrInfo {
  const kept: Record<string, unknown> = { ...call };
  for (const field of SIGNED_LINKS) delete kept[field];
  return kept as TelCdrInfo;
}

/** A listed call or chat ready to store, or why it cannot be. */
export type PreparedRow =
  | { readonly item: IngestItem }
  | { readonly refused: QuarantineReason; readonly body: string }
  | { readonly skipped: true };

/**
 * A listed call as an inbox item, under the same dedupe key as its push (`cdr:<SessionId>`), signed links
 * removed. A row the router cannot read (it fails the CDR schema) is refused with the reason, for the
 * quarantine; a row without a SessionId cannot be deduplicated against its push and is skipped.
 */
export function prepareCall(
  call: TelCdrInfo,
  receivedAt: number,
  routeFor: (call: TelCdrInfo) => readonly Delivery[],
  followUpFor?: (call: TelCdrInfo, receivedAt: number) => FollowUpFact | undefined,
): PreparedRow {
  const sessionId = call.SessionId;
  if (!sessionId) return { skipped: true };
  const stored = withoutSignedLinks(call);
  const body = JSON.stringify(stored);
  let deliveries: readonly Delivery[];
  let followUp: FollowUpFact | undefined;
  try {
    deliveries = routeFor(stored);
    followUp = followUpFor?.(stored, receivedAt);
  } catch (error) {
    return { refused: { code: 'invalid_reconciled_row', message: (error as Error).message }, body };
  }
  return {
    item: {
      kind: 'cdr',
      dedupeKey: `cdr:${sessionId}`,
      sessionId,
      pushId: null,
      source: 'reconcile',
      body,
      receivedAt,
      deliveries,
      ...(followUp ? { followUp } : {}),
    },
  };
}
