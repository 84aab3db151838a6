import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, other, T0 } from './contract-fixtures.ts';
import type { ClaimedMessage, Store } from './types.ts';

/** Claims what is due at `now` and marks it sent with ts `ts-<id>`. */
async function send(store: Store, now: number): Promise<ClaimedMessage[]> {
  const claimed = await claimAll(store, 'relay-a', now);
  for (const message of claimed) await store.markSent(message.id, 'relay-a', `ts-${message.id}`);
  return claimed;
}

const take = (userId: string, at = T0 + 10) => ({ action: 'take', sessionId: 's1', userId, at }) as const;

/** Follow-ups of missed calls: conditional changes, post updates through the outbox, state in claims. */
export function describeFollowUpsContract(open: MakeStore): void {
  describe('follow-ups', () => {
    test('taking a posted call: state stored, one update per post, the update renders the state', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1', 'C2'])]);
      const posts = await send(store, T0 + 1);
      expect(posts.map((p) => p.followUp)).toEqual([null, null]);
      const result = await store.followUp(take('U1'));
      expect(result).toMatchObject({
        ok: true,
        changed: true,
        updates: 2,
        followUp: { state: 'taken', takenBy: 'U1', takenAt: T0 + 10, version: 1 },
      });
      const updates = await claimAll(store, 'relay-a', T0 + 11);
      expect(updates.map((u) => [u.kind, u.channel, u.threadTs, u.parentId])).toEqual(
        posts.map((p) => ['update', p.channel, `ts-${p.id}`, p.id]),
      );
      expect(updates[0]?.followUp).toMatchObject({ state: 'taken', takenBy: 'U1' });
      expect(await store.getFollowUp('s1')).toMatchObject({ state: 'taken', version: 1 });
    });

    test('the second taker is refused with who has it; the same taker again changes nothing', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      await send(store, T0 + 1);
      await store.followUp(take('U1'));
      expect(await store.followUp(take('U2', T0 + 20))).toMatchObject({
        ok: false,
        reason: 'taken',
        followUp: { takenBy: 'U1' },
      });
      expect(await store.followUp(take('U1', T0 + 30))).toMatchObject({
        ok: true,
        changed: false,
        updates: 0,
      });
      expect((await claimAll(store, 'relay-a', T0 + 40)).length).toBe(1);
    });

    test('concurrent takes: exactly one wins, one update per post', async () => {
      const { store, reopen } = await open();
      const other2 = await reopen();
      await store.ingest([cdr('s1', ['C1'])]);
      await send(store, T0 + 1);
      const results = await Promise.all([
        store.followUp(take('U1')),
        other2.followUp(take('U2')),
        store.followUp(take('U3')),
        other2.followUp(take('U4')),
      ]);
      expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'taken')).toHaveLength(3);
      expect(await claimAll(store, 'relay-a', T0 + 40)).toHaveLength(1);
    });

    test('resolve keeps who took it; a resolved call refuses take and resolve; reopen clears it', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      await send(store, T0 + 1);
      await store.followUp(take('U1'));
      const resolve = {
        action: 'resolve',
        sessionId: 's1',
        userId: 'U2',
        at: T0 + 50,
        outcome: 'reached',
        note: 'ok',
      } as const;
      expect(await store.followUp(resolve)).toMatchObject({
        ok: true,
        followUp: {
          state: 'resolved',
          takenBy: 'U1',
          resolvedBy: 'U2',
          outcome: 'reached',
          note: 'ok',
          version: 2,
        },
      });
      expect(await store.followUp(take('U3', T0 + 60))).toMatchObject({ ok: false, reason: 'resolved' });
      expect(await store.followUp({ ...resolve, at: T0 + 61 })).toMatchObject({
        ok: false,
        reason: 'resolved',
      });
      const reopened = await store.followUp({ action: 'reopen', sessionId: 's1', userId: 'U3', at: T0 + 70 });
      expect(reopened).toMatchObject({
        ok: true,
        followUp: { state: 'open', takenBy: null, resolvedBy: null, note: null, version: 3 },
      });
      expect(
        await store.followUp({ action: 'reopen', sessionId: 's1', userId: 'U3', at: T0 + 71 }),
      ).toMatchObject({
        ok: false,
        reason: 'not_resolved',
      });
      // Three changes, three updates of the one post, each rendering the state at its claim.
      expect(await claimAll(store, 'relay-a', T0 + 80)).toHaveLength(3);
    });

    test('an unknown call, a chat, or a call with no post: no_call, nothing stored', async () => {
      const { store } = await open();
      await store.ingest([other('imcdr', 'chat-1', ['C1']), cdr('s2', [])]);
      for (const sessionId of ['nope', 'chat-1', 's2'])
        expect(await store.followUp({ ...take('U1'), sessionId })).toEqual({ ok: false, reason: 'no_call' });
      expect(await store.getFollowUp('chat-1')).toBeNull();
    });

    test('a post not yet sent shows the state when claimed; its update waits for it; a dead post gets none', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1', 'C2'])]);
      const [first, second] = await claimAll(store, 'relay-a', T0 + 1);
      await store.deadLetter(second?.id ?? 0, 'relay-a', 'channel_not_found');
      await store.releaseClaims('relay-a');
      expect(await store.followUp(take('U1'))).toMatchObject({ ok: true, updates: 1 });
      const [post] = await claimAll(store, 'relay-a', T0 + 20);
      expect(post).toMatchObject({ id: first?.id, kind: 'post', followUp: { state: 'taken' } });
      await store.markSent(post?.id ?? 0, 'relay-a', 'ts-1');
      expect((await claimAll(store, 'relay-a', T0 + 21)).map((m) => m.kind)).toEqual(['update']);
    });

    test('a callback takes the call for its caller and is recorded; refused when someone else has it', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      await send(store, T0 + 1);
      const callback = (userId: string, callbackSession: string, at: number) =>
        store.followUp({ action: 'callback', sessionId: 's1', userId, at, callbackSession });
      expect(await callback('U1', 'cb-1', T0 + 10)).toMatchObject({
        ok: true,
        updates: 1,
        followUp: {
          state: 'taken',
          takenBy: 'U1',
          takenAt: T0 + 10,
          callbackSession: 'cb-1',
          callbackBy: 'U1',
        },
      });
      expect(await callback('U2', 'cb-2', T0 + 20)).toMatchObject({
        ok: false,
        reason: 'taken',
        followUp: { takenBy: 'U1' },
      });
      expect(await callback('U1', 'cb-3', T0 + 30)).toMatchObject({
        ok: true,
        followUp: { takenAt: T0 + 10, callbackSession: 'cb-3', callbackAt: T0 + 30 },
      });
      const [update] = await claimAll(store, 'relay-a', T0 + 40);
      expect(update?.followUp).toMatchObject({ callbackBy: 'U1', callbackAt: T0 + 30 });
      await store.followUp({
        action: 'resolve',
        sessionId: 's1',
        userId: 'U1',
        at: T0 + 50,
        outcome: 'reached',
        note: null,
      });
      expect(await callback('U1', 'cb-4', T0 + 60)).toMatchObject({ ok: false, reason: 'resolved' });
    });

    test('state survives reopening the store', async () => {
      const { store, reopen } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      await send(store, T0 + 1);
      await store.followUp(take('U1'));
      await store.close();
      const again = await reopen();
      expect(await again.getFollowUp('s1')).toMatchObject({ state: 'taken', takenBy: 'U1' });
    });
  });
}
