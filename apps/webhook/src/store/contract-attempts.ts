import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, T0 } from './contract-fixtures.ts';
import type { ClaimedMessage, HeldClaim } from './types.ts';

const held = (message: ClaimedMessage | undefined): HeldClaim => ({
  id: message?.id ?? 0,
  owner: message?.leaseOwner ?? '',
  fence: message?.fence ?? 0,
});

/** Exactly-once side of the outbox: fencing tokens, in-doubt attempts, lease renewal, per-channel caps. */
export function describeAttemptsContract(open: MakeStore): void {
  describe('outbox: fencing and attempts', () => {
    test('every claim bumps the fence; a stale fence can neither attempt nor settle', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      const [first] = await claimAll(store, 'relay-a');
      expect(first).toMatchObject({ fence: 1, inDoubt: false, firstAttemptAt: null });
      expect(await store.releaseClaims('relay-a')).toBe(1);
      // Same owner, claimed again: the first claim is stale although the owner name matches.
      const [second] = await claimAll(store, 'relay-a');
      expect(second?.fence).toBe(2);
      expect(await store.beginAttempt(held(first), { at: T0 + 5, leaseMs: 1_000 })).toBe(false);
      expect(await store.markSent(first?.id ?? 0, 'relay-a', 'ts-old', first?.fence)).toBe(false);
      expect(await store.reschedule(first?.id ?? 0, 'relay-a', { nextAt: T0, error: 'x' }, 1)).toBe(false);
      expect(await store.deadLetter(first?.id ?? 0, 'relay-a', 'x', 1)).toBe(false);
      expect(await store.markSent(second?.id ?? 0, 'relay-a', 'ts-new', second?.fence)).toBe(true);
      expect(await store.findPost('s1', 'C1')).toMatchObject({ state: 'sent', slackTs: 'ts-new' });
    });

    test('an attempt marks the row in doubt from its first start; sent clears it, a crash keeps it', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
      const [a, b] = await claimAll(store, 'relay-a');
      expect(await store.beginAttempt(held(a), { at: T0 + 10, leaseMs: 1_000 })).toBe(true);
      expect(await store.beginAttempt(held(a), { at: T0 + 20, leaseMs: 1_000, attempt: 3 })).toBe(true);
      expect(await store.beginAttempt(held(b), { at: T0 + 30, leaseMs: 1_000 })).toBe(true);
      expect(await store.markSent(b?.id ?? 0, 'relay-a', 'ts-b', b?.fence)).toBe(true);
      expect(await store.findPost('s2', 'C1')).toMatchObject({ inDoubt: false, firstAttemptAt: T0 + 30 });
      // The process dies: the row goes back to pending still in doubt, with its first attempt's time.
      expect(await store.releaseClaims('relay-a')).toBe(1);
      const [again] = await claimAll(store, 'relay-b', T0 + 100);
      expect(again).toMatchObject({
        id: a?.id,
        inDoubt: true,
        firstAttemptAt: T0 + 10,
        lastAttemptAt: T0 + 20,
        fence: 2,
        attempts: 2,
      });
      expect(await store.reschedule(again?.id ?? 0, 'relay-b', { nextAt: T0, error: 'x' }, 2)).toBe(true);
      expect(await store.findPost('s1', 'C1')).toMatchObject({ state: 'pending', inDoubt: true });
    });

    test('beginAttempt and renewLeases push the lease end out; an expired lease is recovered', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
      const [a, b] = await store.claimDue({ now: T0 + 1, limit: 2, leaseMs: 100, owner: 'relay-a' });
      expect(await store.beginAttempt(held(a), { at: T0 + 90, leaseMs: 100 })).toBe(true);
      expect(await store.renewLeases('relay-b', { now: T0 + 90, leaseMs: 100 })).toBe(0);
      expect(await store.recoverExpiredLeases(T0 + 150)).toBe(1);
      expect(await store.findPost('s1', 'C1')).toMatchObject({ state: 'sending', leaseUntil: T0 + 190 });
      expect(await store.findPost('s2', 'C1')).toMatchObject({ state: 'pending', leaseOwner: null });
      expect(await store.beginAttempt(held(b), { at: T0 + 150, leaseMs: 100 })).toBe(false);
      expect(await store.renewLeases('relay-a', { now: T0 + 180, leaseMs: 100 })).toBe(1);
      expect(await store.recoverExpiredLeases(T0 + 250)).toBe(0);
      expect(await store.findPost('s1', 'C1')).toMatchObject({ leaseUntil: T0 + 280 });
    });

    test('perChannel caps what one owner holds per channel, counting what it already holds', async () => {
      const { store } = await open();
      await store.ingest(['a1', 'a2', 'a3', 'a4'].map((s) => cdr(s, ['CA'])));
      await store.ingest(['b1', 'b2'].map((s) => cdr(s, ['CB'])));
      const claim = (owner: string) =>
        store.claimDue({ now: T0 + 1, limit: 100, leaseMs: 1_000, owner, perChannel: 2 });
      expect((await claim('relay-a')).map((m) => m.sessionId)).toEqual(['a1', 'a2', 'b1', 'b2']);
      expect(await claim('relay-a')).toEqual([]);
      expect((await claim('relay-b')).map((m) => m.sessionId)).toEqual(['a3', 'a4']);
    });
  });
}
