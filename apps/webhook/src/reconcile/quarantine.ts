import type { QuarantineReason, Store } from '../store/types.ts';

/**
 * Keeps a DescribeTelCdr row that could not be stored in the webhook's quarantine, as the CDR push it stands
 * for (its fields are a superset of a CDR push's), so `replay-quarantine` re-parses it with a later version.
 * The query says where it came from.
 */
export async function reconciledQuarantine(
  store: Store,
  row: { body: string; reason: QuarantineReason },
  receivedAt: number = Date.now(),
): Promise<void> {
  await store.quarantine({
    pushId: null,
    action: 'cdr',
    query: 'action=cdr&version=1&source=reconcile',
    reason: row.reason,
    body: row.body,
    receivedAt,
  });
}
