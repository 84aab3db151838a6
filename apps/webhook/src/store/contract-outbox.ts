import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, record, T0 } from './contract-fixtures.ts';

/** Relay side: claiming, thread parents, leases, retries, dead letters. */
export function describeOutboxContract(open: MakeStore): void {
  describe('outbox: claims', () => {
    test('claims due rows in id order up to the limit and leases them', async () => {
      const { store } = await open();
      const sessions = ['s1', 's2', 's3', 's4', 's5'];
      await store.ingest(sessions.map((s) => cdr(s, ['C1'])));
      await store.ingest([cdr('later', ['C1'], { receivedAt: T0 + 100 })]);
      const first = await store.claimDue({ now: T0 + 1, limit: 3, leaseMs: 1_000, owner: 'relay-a' });
      expect(first.map((m) => m.sessionId)).toEqual(['s1', 's2', 's3']);
      expect(first[0]).toMatchObject({
        state: 'sending',
        leaseOwner: 'relay-a',
        leaseUntil: T0 + 1_001,
        inboxKind: 'cdr',
        threadTs: null,
      });
      expect(JSON.parse(first[0]?.body ?? '')).toEqual({ SessionId: 's1', Duration: 42 });
      expect((await claimAll(store, 'relay-b')).map((m) => m.sessionId)).toEqual(['s4', 's5']);
      expect(await claimAll(store, 'relay-b')).toEqual([]);
      expect((await claimAll(store, 'relay-b', T0 + 100)).map((m) => m.sessionId)).toEqual(['later']);
    });

    test('a reply waits for its parent and is threaded under the parent ts once sent', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1']), record('s1', 'r1')]);
      const [post, ...rest] = await claimAll(store);
      expect(rest).toEqual([]);
      expect(await claimAll(store)).toEqual([]);
      expect(await store.reschedule(post?.id ?? 0, 'relay-a', { nextAt: T0 + 10, error: 'timeout' })).toBe(
        true,
      );
      expect(await claimAll(store)).toEqual([]);
      const [again] = await claimAll(store, 'relay-a', T0 + 10);
      expect(again?.id).toBe(post?.id);
      expect(await store.markSent(post?.id ?? 0, 'relay-a', '1700000000.000100')).toBe(true);
      const [reply] = await claimAll(store, 'relay-a', T0 + 10);
      expect(reply).toMatchObject({ kind: 'reply', parentId: post?.id, threadTs: '1700000000.000100' });
      expect(await store.findPost('s1', 'C1')).toMatchObject({ state: 'sent', slackTs: '1700000000.000100' });
    });

    test('a reply whose parent is dead is posted standalone', async () => {
      const { store } = await open();
      await store.ingest([record('s1', 'r1'), cdr('s1', ['C1'])]);
      const [post] = await claimAll(store);
      expect(await store.deadLetter(post?.id ?? 0, 'relay-a', 'channel_not_found')).toBe(true);
      const [reply] = await claimAll(store);
      expect(reply).toMatchObject({ kind: 'reply', parentId: post?.id, threadTs: null, inboxKind: 'record' });
    });
  });

  describe('outbox: leases', () => {
    test('only the lease owner can settle a claim, and only once', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      const [message] = await claimAll(store, 'relay-a');
      const id = message?.id ?? 0;
      expect(await store.markSent(id, 'relay-b', 'ts')).toBe(false);
      expect(await store.reschedule(id, 'relay-b', { nextAt: T0, error: 'x' })).toBe(false);
      expect(await store.deadLetter(id, 'relay-b', 'x')).toBe(false);
      expect(await store.markSent(id, 'relay-a', 'ts-1')).toBe(true);
      expect(await store.markSent(id, 'relay-a', 'ts-2')).toBe(false);
      expect(await store.reschedule(id, 'relay-a', { nextAt: T0, error: 'x' })).toBe(false);
      expect(await store.deadLetter(id + 1_000, 'relay-a', 'x')).toBe(false);
      expect(await store.findPost('s1', 'C1')).toMatchObject({
        state: 'sent',
        slackTs: 'ts-1',
        leaseOwner: null,
      });
    });

    test('reschedule: back to pending with attempts+1 and the error, due at nextAt', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      const [message] = await claimAll(store);
      const retry = { nextAt: T0 + 50, error: 'ratelimited' };
      expect(await store.reschedule(message?.id ?? 0, 'relay-a', retry)).toBe(true);
      expect(await store.findPost('s1', 'C1')).toMatchObject({
        state: 'pending',
        attempts: 1,
        nextAt: T0 + 50,
        lastError: 'ratelimited',
        leaseOwner: null,
        leaseUntil: null,
      });
      expect(await claimAll(store, 'relay-a', T0 + 49)).toEqual([]);
      expect(await claimAll(store, 'relay-a', T0 + 50)).toMatchObject([{ attempts: 1 }]);
    });

    test('expired leases go back to pending and the old owner can no longer settle', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
      const [a] = await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 100, owner: 'relay-a' });
      await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 1_000, owner: 'relay-b' });
      expect(await store.recoverExpiredLeases(T0 + 100)).toBe(0);
      expect(await store.recoverExpiredLeases(T0 + 101)).toBe(1);
      expect(await store.markSent(a?.id ?? 0, 'relay-a', 'late')).toBe(false);
      expect((await claimAll(store, 'relay-c', T0 + 102)).map((m) => m.id)).toEqual([a?.id]);
      expect(await store.stats()).toMatchObject({ outbox: { pending: 0, sending: 2 } });
    });

    test('releaseClaims returns only that owner’s rows to pending', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
      await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 1_000, owner: 'relay-a' });
      await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 1_000, owner: 'relay-b' });
      expect(await store.releaseClaims('relay-a')).toBe(1);
      expect(await store.releaseClaims('relay-a')).toBe(0);
      expect(await store.stats()).toMatchObject({ outbox: { pending: 1, sending: 1 } });
      expect(await store.depth()).toEqual({ outbox: { pending: 1, sending: 1, dead: 0 }, quarantine: 0 });
      expect(await store.findPost('s1', 'C1')).toMatchObject({
        state: 'pending',
        leaseOwner: null,
        attempts: 0,
      });
      // A post still in flight at the shutdown deadline keeps its lease.
      const [held] = await store.claimDue({ now: T0 + 2, limit: 1, leaseMs: 1_000, owner: 'relay-b' });
      expect(await store.releaseClaims('relay-b', { except: [held?.id ?? 0] })).toBe(1);
      expect(await store.findPost('s1', 'C1')).toMatchObject({ state: 'sending', leaseOwner: 'relay-b' });
    });
  });

  test('depth counts the undelivered rows by state and leaves the sent ones out', async () => {
    const { store } = await open();
    await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1']), cdr('s3', ['C1'])]);
    const [sent] = await claimAll(store);
    expect(await store.markSent(sent?.id ?? 0, 'relay-a', '1.1')).toBe(true);
    expect(await store.depth()).toEqual({ outbox: { pending: 0, sending: 2, dead: 0 }, quarantine: 0 });
    expect(await store.stats()).toMatchObject({ outbox: { sent: 1, sending: 2 } });
  });

  describe('outbox: dead letters', () => {
    test('dead rows are replayed as due now with attempts reset', async () => {
      const { store } = await open({ now: () => T0 + 500 });
      await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
      const [first] = await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 1_000, owner: 'relay-a' });
      const id = first?.id ?? 0;
      await store.reschedule(id, 'relay-a', { nextAt: T0 + 2, error: 'timeout' });
      await store.claimDue({ now: T0 + 2, limit: 1, leaseMs: 1_000, owner: 'relay-a' });
      expect(await store.deadLetter(id, 'relay-a', 'gave up')).toBe(true);
      expect(await store.findPost('s1', 'C1')).toMatchObject({
        state: 'dead',
        attempts: 2,
        lastError: 'gave up',
      });
      expect(await store.stats()).toMatchObject({ outbox: { dead: 1, pending: 1 } });
      expect(await store.depth()).toEqual({ outbox: { pending: 1, sending: 0, dead: 1 }, quarantine: 0 });
      expect(await store.replayDead()).toBe(1);
      expect(await store.replayDead()).toBe(0);
      expect(await store.findPost('s1', 'C1')).toMatchObject({
        state: 'pending',
        attempts: 0,
        nextAt: T0 + 500,
      });
      expect((await claimAll(store, 'relay-a', T0 + 500)).map((m) => m.sessionId)).toEqual(['s1', 's2']);
    });
  });
}
