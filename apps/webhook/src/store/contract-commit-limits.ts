import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { cdr, type MakeStore } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import { createGroupCommitter } from './group-commit.ts';
import type { IngestItem, Store } from './types.ts';

const codeOf = (error: unknown): string | undefined => (isStoreError(error) ? error.code : undefined);
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A store whose ingests wait until `open()`: a database that stalls, without timing. */
function gated(store: Store) {
  let open = (): void => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const batches: number[] = [];
  const ingest: Store['ingest'] = async (items) => {
    batches.push(items.length);
    await gate;
    return store.ingest(items);
  };
  return { ingest, open: () => open(), batches };
}

/** Group commit at its limits over a real engine: a value the database refuses, a full queue, a stall. */
export function describeCommitLimitsContract(open: MakeStore): void {
  describe('group commit limits', () => {
    test('a value the database cannot store fails only its own push; the rest of its batch is stored', async () => {
      const { store } = await open();
      const recorder = gated(store);
      recorder.open();
      const committer = createGroupCommitter(recorder);
      const good = Array.from({ length: 10 }, (_, i) => cdr(`iso-${i}`, ['C1']));
      // Past the schema's caps (as a future parser bug could let through): NUL, and an incompressible key
      // beyond PostgreSQL's index row limit (a repeated character would be compressed under it).
      const nul = cdr('nul\u0000session', ['C1']);
      const long = cdr(randomBytes(2_250).toString('base64url'), ['C1']);
      const items: IngestItem[] = [...good.slice(0, 3), nul, ...good.slice(3, 7), long, ...good.slice(7)];
      const results = await Promise.allSettled(items.map((item) => committer.submit(item)));
      const of = (item: IngestItem) => results[items.indexOf(item)];
      expect(recorder.batches[0]).toBe(12);
      expect(good.map((item) => of(item))).toEqual(
        good.map(() => ({ status: 'fulfilled', value: 'stored' })),
      );
      if (store.engine === 'postgres') {
        const reasons = [of(nul), of(long)].map((r) => (r?.status === 'rejected' ? r.reason : r));
        expect(reasons.map(codeOf)).toEqual(['webhook_store_refused_item', 'webhook_store_refused_item']);
        expect(reasons.map((reason) => (reason as Error).message)).toEqual([
          'The database cannot store this push: SessionId contains a NUL character (U+0000), which PostgreSQL text cannot hold',
          "The database cannot store this push: dedupe key is 3,004 bytes, beyond PostgreSQL's index row limit (about 2.7 KB)",
        ]);
        expect((await store.stats()).inbox).toBe(10);
      } else {
        // SQLite keeps any text: nothing to refuse, and nothing refused by mistake.
        expect([of(nul), of(long)]).toEqual([
          { status: 'fulfilled', value: 'stored' },
          { status: 'fulfilled', value: 'stored' },
        ]);
        expect((await store.stats()).inbox).toBe(12);
      }
    });

    test('a full queue refuses a push at once with webhook_store_unavailable; what it holds is stored', async () => {
      const { store } = await open();
      const stalled = gated(store);
      const committer = createGroupCommitter(stalled, { maxQueue: 3 });
      const first = committer.submit(cdr('q0'));
      await nextTurn(); // q0's transaction has started and waits on the stalled database
      const queued = ['q1', 'q2', 'q3'].map((s) => committer.submit(cdr(s)));
      // Settles while the database still stalls: awaiting a queued submit here would never return.
      const refused = await committer.submit(cdr('q4')).catch((error: unknown) => error);
      expect(codeOf(refused)).toBe('webhook_store_unavailable');
      expect((refused as Error).message).toBe(
        'Commit queue full: 3 pushes wait for the database; retry later',
      );
      stalled.open();
      expect(await Promise.all([first, ...queued])).toEqual(['stored', 'stored', 'stored', 'stored']);
      expect(await committer.submit(cdr('q4'))).toBe('stored');
      expect(stalled.batches).toEqual([1, 3, 1]);
    });

    test('oldestPendingMs is how long the oldest push not committed yet has waited', async () => {
      const { store } = await open();
      const stalled = gated(store);
      let now = 1_000;
      const committer = createGroupCommitter(stalled, { now: () => now });
      expect(committer.oldestPendingMs()).toBe(0);
      const running = committer.submit(cdr('w0'));
      await nextTurn();
      now = 1_400;
      const queued = committer.submit(cdr('w1'));
      now = 1_900;
      expect(committer.oldestPendingMs()).toBe(900);
      stalled.open();
      expect(await Promise.all([running, queued])).toEqual(['stored', 'stored']);
      expect(committer.oldestPendingMs()).toBe(0);
    });

    test('maxQueue must be a positive integer', () => {
      expect(() => createGroupCommitter({ ingest: async () => [] }, { maxQueue: 0 })).toThrow(
        /maxQueue must be a positive integer/,
      );
    });
  });
}
