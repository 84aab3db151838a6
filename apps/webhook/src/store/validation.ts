import { StoreError, StoreErrorCode } from './errors.ts';
import type { IngestItem, PruneOptions } from './types.ts';

// Checked here, before any transaction, so that both engines refuse the same items with the same message.
const KINDS: ReadonlySet<string> = new Set(['cdr', 'imcdr', 'record', 'voicemail']);
const SOURCES: ReadonlySet<string> = new Set(['push', 'reconcile']);

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
  return item.followUp === undefined ? null : checkFollowUpFact(item);
}

function checkFollowUpFact({ kind, followUp: fact }: IngestItem): string | null {
  if (kind !== 'cdr') return 'only a cdr has a followUp';
  if (fact?.kind !== 'missed' && fact?.kind !== 'answered') return 'followUp.kind must be missed or answered';
  if (typeof fact.customer !== 'string' || fact.customer === '') return 'followUp.customer must be a number';
  if (!Number.isSafeInteger(fact.at)) return 'followUp.at must be integer epoch milliseconds';
  if (fact.kind === 'missed' && !(Number.isSafeInteger(fact.until) && fact.until >= fact.at))
    return 'followUp.until must be epoch milliseconds at or after at';
  if (fact.kind === 'answered' && typeof fact.detail !== 'string') return 'followUp.detail must be JSON text';
  if (fact.kind === 'missed' && fact.group !== null && typeof fact.group !== 'string')
    return 'followUp.group must be a name or null';
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
