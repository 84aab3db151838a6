import { StoreError, StoreErrorCode, toStoreError } from './errors.ts';
import type { IngestItem, IngestOutcome, Store } from './types.ts';
import { checkIngestItem } from './validation.ts';

/** Options of {@link createGroupCommitter}. */
export interface GroupCommitOptions {
  /** Most items per transaction; default 256 (bounds how long one commit blocks SQLite's event loop). */
  readonly maxBatch?: number;
  /**
   * Transactions in flight at once; default 1. SQLite has one writer, so more buys nothing there; a
   * PostgreSQL store commits batches in parallel on its pool (each ingest is safe against concurrent ones,
   * as it is against other replicas), which hides the round trips of each batch.
   */
  readonly concurrency?: number;
}

/** Batches concurrent ingests into one transaction per event-loop turn. */
export interface GroupCommitter {
  /** Resolves after the item's batch committed (ack now), rejects if that transaction failed (do not ack). */
  submit(item: IngestItem): Promise<IngestOutcome>;
  /** Waits until everything submitted so far has committed or failed. */
  flush(): Promise<void>;
}

interface Waiter {
  readonly item: IngestItem;
  readonly resolve: (outcome: IngestOutcome) => void;
  readonly reject: (error: StoreError) => void;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new StoreError(StoreErrorCode.InvalidOptions, `${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Group commit: pushes that arrive in the same event-loop turn (and while the previous commit is running)
 * share one `ingest` transaction, so one fsync acknowledges many pushes. At most `concurrency` `ingest`s
 * of this committer run at a time (one by default); use one committer per store.
 *
 * @example
 * const committer = createGroupCommitter(store);
 * const outcome = await committer.submit(item); // committed: now reply {"ErrCode":0}
 */
export function createGroupCommitter(
  store: Pick<Store, 'ingest'>,
  options: GroupCommitOptions = {},
): GroupCommitter {
  const maxBatch = positive('maxBatch', options.maxBatch ?? 256);
  const concurrency = positive('concurrency', options.concurrency ?? 1);
  const queue: Waiter[] = [];
  const unsettled = new Set<Promise<unknown>>();
  let scheduled = false;
  let inFlight = 0;

  const kick = (): void => {
    if (scheduled || inFlight >= concurrency || queue.length === 0) return;
    scheduled = true;
    // setImmediate runs after the pending I/O callbacks, so every request parsed in this turn joins the batch.
    setImmediate(commitNext);
  };
  const commitNext = async (): Promise<void> => {
    scheduled = false;
    inFlight += 1;
    const batch = queue.splice(0, maxBatch);
    try {
      const outcomes = await store.ingest(batch.map((waiter) => waiter.item));
      batch.forEach((waiter, index) => {
        const outcome = outcomes[index];
        if (outcome) waiter.resolve(outcome);
        else
          waiter.reject(
            new StoreError(StoreErrorCode.QueryFailed, `ingest returned no outcome for item ${index}`),
          );
      });
    } catch (error) {
      const storeError = toStoreError(error, 'ingest');
      for (const waiter of batch) waiter.reject(storeError);
    } finally {
      inFlight -= 1;
      kick();
    }
  };

  return {
    submit: (item) => {
      const problem = checkIngestItem(item);
      if (problem) {
        return Promise.reject(
          new StoreError(StoreErrorCode.InvalidItem, `Ingest item ${item.dedupeKey}: ${problem}`),
        );
      }
      const promise = new Promise<IngestOutcome>((resolve, reject) => queue.push({ item, resolve, reject }));
      const tracked: Promise<unknown> = promise.then(
        () => unsettled.delete(tracked),
        () => unsettled.delete(tracked),
      );
      unsettled.add(tracked);
      kick();
      return promise;
    },
    flush: async () => {
      await Promise.all([...unsettled]);
    },
  };
}
