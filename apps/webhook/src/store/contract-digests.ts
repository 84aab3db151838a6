import { describe, expect, test } from 'vitest';
import { cdr, type MakeStore, other, T0 } from './contract-fixtures.ts';

const MINUTE = 60_000;

/** Daily digests: queued once, claimed by one owner under a lease, finished by the lease holder only. */
export function describeDigestsContract(open: MakeStore): void {
  describe('digests', () => {
    test('a day is queued once, whoever asks again', async () => {
      const { store } = await open();
      expect(await store.digests.queue('2026-12-03', '#leads', T0)).toBe(true);
      expect(await store.digests.queue('2026-12-03', '#other', T0 + 1)).toBe(false);
      expect(await store.digests.get('2026-12-03')).toMatchObject({
        key: 'digest:2026-12-03',
        channel: '#leads',
        state: 'pending',
        attempts: 0,
      });
      expect(await store.digests.get('2026-12-02')).toBeNull();
    });

    test('one owner claims it; another claims it only after the lease lapses; the holder alone finishes', async () => {
      const { store } = await open();
      await store.digests.queue('2026-12-03', '#leads', T0);
      const first = await store.digests.claim('a', T0, 5 * MINUTE);
      expect(first).toMatchObject({ state: 'sending', leaseOwner: 'a', attempts: 1, firstAttemptAt: T0 });
      expect(await store.digests.claim('b', T0 + MINUTE, 5 * MINUTE)).toBeNull();
      const second = await store.digests.claim('b', T0 + 6 * MINUTE, 5 * MINUTE);
      expect(second).toMatchObject({ leaseOwner: 'b', attempts: 2, firstAttemptAt: T0 });
      expect(await store.digests.finish('2026-12-03', 'a', { ts: '1.1' })).toBe(false);
      expect(await store.digests.finish('2026-12-03', 'b', { ts: '2.2' })).toBe(true);
      expect(await store.digests.get('2026-12-03')).toMatchObject({ state: 'sent', slackTs: '2.2' });
      expect(await store.digests.claim('a', T0 + 60 * MINUTE, 5 * MINUTE)).toBeNull();
    });

    test('a failure is retried at its time, or dead; oldest day first', async () => {
      const { store } = await open();
      await store.digests.queue('2026-12-03', '#leads', T0);
      await store.digests.queue('2026-12-02', '#leads', T0);
      expect((await store.digests.claim('a', T0, MINUTE))?.day).toBe('2026-12-02');
      expect(await store.digests.finish('2026-12-02', 'a', { retryAt: T0 + 10 * MINUTE, error: 'x' })).toBe(
        true,
      );
      expect((await store.digests.claim('a', T0 + 1, MINUTE))?.day).toBe('2026-12-03');
      expect(
        await store.digests.finish('2026-12-03', 'a', { retryAt: null, error: 'channel_not_found' }),
      ).toBe(true);
      expect(await store.digests.get('2026-12-03')).toMatchObject({
        state: 'dead',
        lastError: 'channel_not_found',
      });
      expect(await store.digests.claim('a', T0 + 2, MINUTE)).toBeNull();
      expect(await store.digests.claim('a', T0 + 10 * MINUTE, MINUTE)).toMatchObject({ day: '2026-12-02' });
    });

    test('the call pushes of a time range, paged by inbox id', async () => {
      const { store } = await open();
      await store.ingest([cdr('c1', [], { receivedAt: T0 }), cdr('c2', [], { receivedAt: T0 + 10 })]);
      await store.ingest([cdr('c3', [], { receivedAt: T0 + 20 }), cdr('c4', [], { receivedAt: T0 + 99 })]);
      const page = await store.digests.callBodies(T0, T0 + 50, 0, 2);
      expect(page.map((row) => JSON.parse(row.body).SessionId)).toEqual(['c1', 'c2']);
      const next = await store.digests.callBodies(T0, T0 + 50, page[1]?.id ?? 0, 2);
      expect(next.map((row) => JSON.parse(row.body).SessionId)).toEqual(['c3']);
    });

    test('the chat pushes of a time range apart from the calls, paged by inbox id', async () => {
      const { store } = await open();
      const chat = (id: string, receivedAt: number) =>
        other('imcdr', id, [], { receivedAt, body: JSON.stringify({ SessionId: id }) });
      await store.ingest([chat('m1', T0), cdr('c1', [], { receivedAt: T0 + 1 }), chat('m2', T0 + 2)]);
      await store.ingest([chat('m3', T0 + 3), chat('m4', T0 + 60)]);
      const page = await store.digests.chatBodies(T0, T0 + 50, 0, 2);
      expect(page.map((row) => JSON.parse(row.body).SessionId)).toEqual(['m1', 'm2']);
      const next = await store.digests.chatBodies(T0, T0 + 50, page[1]?.id ?? 0, 2);
      expect(next.map((row) => JSON.parse(row.body).SessionId)).toEqual(['m3']);
      expect((await store.digests.callBodies(T0, T0 + 50, 0, 10)).length).toBe(1);
    });
  });
}
