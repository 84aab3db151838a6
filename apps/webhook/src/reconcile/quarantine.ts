import type { Store } from '../store/types.ts';
import type { QuarantinedRow } from './types.ts';

/**
 * Keeps a reconciled row that could not be stored in the webhook's quarantine, as the push it stands for, so
 * `replay-quarantine` re-parses it with a later version: a DescribeTelCdr row as a CDR push (its fields are a
 * superset of one), a DescribeIMCdrList record as the `imcdr` body built from it. The query says where it
 * came from.
 */
export async function reconciledQuarantine(
  store: Store,
  row: QuarantinedRow,
  receivedAt: number = Date.now(),
): Promise<void> {
  const action = row.kind;
  await store.quarantine({
    pushId: null,
    action,
    query: `action=${action}&version=1&source=reconcile`,
    reason: row.reason,
    body: row.body,
    receivedAt,
  });
}
