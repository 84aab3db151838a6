import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, other, record, T0 } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import type { Store } from './types.ts';

const DAY = 86_400_000;

/** Claims everything due and marks it sent, as a healthy relay would. */
async function deliverAll(store: Store, now = T0 + 1): Promise<void> {
  for (const message of await claimAll(store, 'relay-a', now))
    expect(await store.markSent(message.id, 'relay-a', `ts-${message.id}`)).toBe(true);
}

/** Retention (`prune`): only whole, fully delivered, old sessions go. */
export function describeRetentionContract(open: MakeStore): void {
  describe('retention', () => {
    test('removes old sessions whose messages were all sent, threads included; keeps everything else', async () => {
      const { store } = await open();
      await store.ingest([cdr('old-done', ['C1', 'C2']), record('old-done', 'r1')]);
      await store.ingest([other('imcdr', 'old-chat', ['C1'])]);
      await deliverAll(store); // the recording's replies become due once their posts are sent
      await deliverAll(store, T0 + 2);
      await store.ingest([cdr('old-then-new', ['C1'])]);
      await deliverAll(store, T0 + 3);
      await store.ingest([cdr('old-pending', ['C1'])]);
      await store.ingest([record('old-then-new', 'r2', { receivedAt: T0 + 10 * DAY })]);
      await store.ingest([cdr('new', ['C1'], { receivedAt: T0 + 10 * DAY })]);
      const before = await store.stats();

      const result = await store.prune({ before: T0 + DAY, limit: 100 });

      expect(result).toEqual({ sessions: 2, inbox: 3, outbox: 5 });
      const left = (await store.listInbox()).map((row) => row.sessionId);
      expect([...new Set(left)].sort()).toEqual(['new', 'old-pending', 'old-then-new']);
      const after = await store.stats();
      expect(after.inbox).toBe(before.inbox - 3);
      expect(after.outbox.sent).toBe(before.outbox.sent - 5);
      expect(after.outbox.pending).toBe(before.outbox.pending);
      expect(await store.prune({ before: T0 + DAY, limit: 100 })).toEqual({
        sessions: 0,
        inbox: 0,
        outbox: 0,
      });
    });

    test('a dead message keeps its session until it is replayed and sent', async () => {
      const { store } = await open();
      await store.ingest([cdr('dead-one', ['C1'])]);
      const [message] = await claimAll(store);
      expect(await store.deadLetter(message?.id ?? -1, 'relay-a', 'channel_not_found')).toBe(true);
      expect((await store.prune({ before: T0 + DAY, limit: 10 })).sessions).toBe(0);
      await store.replayDead();
      await deliverAll(store, Date.now() + 1);
      expect(await store.prune({ before: T0 + DAY, limit: 10 })).toEqual({
        sessions: 1,
        inbox: 1,
        outbox: 1,
      });
    });

    test('at most `limit` sessions per call; a pruned session is new again', async () => {
      const { store } = await open();
      await store.ingest(['a', 'b', 'c', 'd', 'e'].map((id) => cdr(`s-${id}`, ['C1'])));
      await deliverAll(store);
      expect((await store.prune({ before: T0 + DAY, limit: 2 })).sessions).toBe(2);
      expect((await store.prune({ before: T0 + DAY, limit: 2 })).sessions).toBe(2);
      expect((await store.prune({ before: T0 + DAY, limit: 2 })).sessions).toBe(1);
      expect((await store.stats()).inbox).toBe(0);
      expect(await store.ingest([cdr('s-a', ['C1'], { receivedAt: T0 + 2 * DAY })])).toEqual(['stored']);
    });

    test('bad options are refused before anything is deleted', async () => {
      const { store } = await open();
      for (const options of [
        { before: Number.NaN, limit: 10 },
        { before: T0, limit: 0 },
        { before: T0, limit: 1.5 },
      ]) {
        const error = await store.prune(options).catch((e: unknown) => e);
        expect(isStoreError(error) && error.code).toBe('webhook_store_invalid_options');
      }
    });
  });
}
