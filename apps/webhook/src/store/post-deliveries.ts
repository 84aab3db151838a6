import type { Delivery, InboxKind, IngestItem } from './types.ts';

/** Kinds whose deliveries become top-level posts (a recording is a reply under its call's post). */
const POST_KINDS: ReadonlySet<InboxKind> = new Set(['cdr', 'imcdr', 'voicemail']);

/** The deliveries that become post rows: none for records, one per channel (first mention wins). */
export function postDeliveries(item: IngestItem): Delivery[] {
  if (!POST_KINDS.has(item.kind)) return [];
  const seen = new Map<string, Delivery>();
  for (const delivery of item.deliveries)
    if (!seen.has(delivery.channel)) seen.set(delivery.channel, delivery);
  return [...seen.values()];
}
