import { StoreError, StoreErrorCode, toStoreError } from './errors.ts';
import { isItemRefusal, refusedItemError } from './refusal.ts';
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
  /**
   * Most items waiting for a transaction (not counting those in running transactions); default 10,000.
   * When it is full, `submit` rejects at once with `webhook_store_unavailable`: a database that stalls
   * makes the webhook answer 503 instead of holding every push in memory.
   */
  readonly maxQueue?: number | undefined;
  /** Clock of {@link GroupCommitter.oldestPendingMs}; default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** Batches concurrent ingests into one transaction per event-loop turn. */
export interface GroupCommitter {
  /**
   * Resolves after the item's batch committed (ack now); rejects if it was not stored (do not ack):
   * `webhook_store_refused_item` when the database refused a value of this item (retrying cannot help),
   * `webhook_store_unavailable` when the queue is full or the database failed (retry later).
   */
  submit(item: IngestItem): Promise<IngestOutcome>;
  /** Waits until everything submitted so far has committed or failed. */
  flush(): Promise<void>;
  /** How long the oldest item not settled yet (queued or in a running transaction) has waited; 0 when none. */
  oldestPendingMs(): number;
}

interface Waiter {
  readonly item: IngestItem;
  /** When it was submitted (`options.now`). */
  readonly at: number;
  readonly resolve: (outcome: IngestOutcome) => void;
  readonly reject: (error: StoreError) => void;
}

type Settled = { readonly outcome: IngestOutcome } | { readonly error: StoreError };

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new StoreError(StoreErrorCode.InvalidOptions, `${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Commits `items` in one transaction. When it fails because the database refused a value of one item, the
 * batch is split in halves, each committed on its own, down to the culprits alone (about 2·log2(n)
 * transactions for one culprit among n): the others are stored, each culprit gets `refused_item`. Any
 * other failure (connection lost, timeout, lock) fails the whole batch, as one transaction does.
 */
async function commitIsolating(ingest: Store['ingest'], items: readonly IngestItem[]): Promise<Settled[]> {
  try {
    const outcomes = await ingest(items);
    return items.map((_, index) => {
      const outcome = outcomes[index];
      if (outcome) return { outcome };
      const problem = `ingest returned no outcome for item ${index}`;
      return { error: new StoreError(StoreErrorCode.QueryFailed, problem) };
    });
  } catch (error) {
    const storeError = toStoreError(error, 'ingest');
    if (!isItemRefusal(storeError)) return items.map(() => ({ error: storeError }));
    const [only] = items;
    if (items.length === 1 && only) return [{ error: refusedItemError(storeError, only) }];
    // In order, one half after the other: a key repeated in both halves stays a duplicate in the second.
    const half = Math.ceil(items.length / 2);
    const first = await commitIsolating(ingest, items.slice(0, half));
    return [...first, ...(await commitIsolating(ingest, items.slice(half)))];
  }
}

/** Hands each waiter of a batch its result. */
function settle(batch: readonly Waiter[], settled: readonly Settled[]): void {
  batch.forEach((waiter, index) => {
    const result = settled[index];
    if (result && 'outcome' in result) waiter.resolve(result.outcome);
    else waiter.reject(result?.error ?? new StoreError(StoreErrorCode.QueryFailed, `no result for ${index}`));
  });
}

/** Submit time of the oldest waiter, queued or in a running batch; +Infinity when there is none. */
function oldestAt(queue: readonly Waiter[], running: ReadonlySet<readonly Waiter[]>): number {
  let oldest = queue[0]?.at ?? Number.POSITIVE_INFINITY;
  for (const batch of running) oldest = Math.min(oldest, batch[0]?.at ?? oldest);
  return oldest;
}

/**
 * Group commit: pushes that arrive in the same event-loop turn (and while the previous commit is running)
 * share one `ingest` transaction, so one fsync acknowledges many pushes. At most `concurrency` `ingest`s
 * of this committer run at a time (one by default); use one committer per store. A batch that fails for a
 * value of one item is split until that item is alone (see `commitIsolating`); at most `maxQueue` items
 * wait, later ones are refused at once.
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
  const maxQueue = positive('maxQueue', options.maxQueue ?? 10_000);
  const now = options.now ?? Date.now;
  const queue: Waiter[] = [];
  const running = new Set<readonly Waiter[]>();
  const unsettled = new Set<Promise<unknown>>();
  let scheduled = false;

  const kick = (): void => {
    if (scheduled || running.size >= concurrency || queue.length === 0) return;
    scheduled = true;
    // setImmediate runs after the pending I/O callbacks, so every request parsed in this turn joins the batch.
    setImmediate(commitNext);
  };
  const commitNext = async (): Promise<void> => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    running.add(batch);
    try {
      const items = batch.map((waiter) => waiter.item);
      settle(batch, await commitIsolating((list) => store.ingest(list), items));
    } finally {
      running.delete(batch);
      kick();
    }
  };
  const enqueue = (item: IngestItem): Promise<IngestOutcome> => {
    const promise = new Promise<IngestOutcome>((resolve, reject) => {
      queue.push({ item, at: now(), resolve, reject });
    });
    const done = (): boolean => unsettled.delete(tracked);
    const tracked: Promise<unknown> = promise.then(done, done);
    unsettled.add(tracked);
    kick();
    return promise;
  };

  return {
    submit: (item) => {
      const problem = checkIngestItem(item);
      if (problem) {
        return Promise.reject(
          new StoreError(StoreErrorCode.InvalidItem, `Ingest item ${item.dedupeKey}: ${problem}`),
        );
      }
      if (queue.length >= maxQueue) {
        const full = `Commit queue full: ${maxQueue} pushes wait for the database; retry later`;
        return Promise.reject(new StoreError(StoreErrorCode.Unavailable, full));
      }
      return enqueue(item);
    },
    flush: async () => {
      await Promise.all([...unsettled]);
    },
    oldestPendingMs: () => {
      const oldest = oldestAt(queue, running);
      return oldest === Number.POSITIVE_INFINITY ? 0 : Math.max(0, now() - oldest);
    },
  };
}
