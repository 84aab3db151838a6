import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, record, T0 } from './contract-fixtures.ts';
import type { ClaimedMessage, IngestItem, Store } from './types.ts';

export const HOUR = 3_600_000;
export const ANN = '8613800000001';
export const BOB = '8613800000002';

/** A missed call of `customer` at `at`, posted to C1, open for 24 h. */
export const missed = (
  sessionId: string,
  customer: string,
  at: number,
  group: string | null = 'Support',
): IngestItem =>
  cdr(sessionId, ['C1'], { followUp: { kind: 'missed', customer, at, until: at + 24 * HOUR, group } });

/** A call at `at` in which `customer` talked to Wang Fang; not posted anywhere. */
export const answered = (sessionId: string, customer: string, at: number): IngestItem =>
  cdr(sessionId, [], {
    receivedAt: at + 60_000,
    followUp: {
      kind: 'answered',
      customer,
      at,
      detail: JSON.stringify({ agent: 'Wang Fang', direction: 'outbound', talkSeconds: 200 }),
    },
  });

async function send(store: Store, now: number): Promise<ClaimedMessage[]> {
  const claimed = await claimAll(store, 'relay-a', now);
  for (const message of claimed) await store.markSent(message.id, 'relay-a', `ts-${message.id}`);
  return claimed;
}

/** Follow-ups that close themselves when a later call reaches the customer. */
export function describeFollowUpReachContract(open: MakeStore): void {
  describe('follow-ups: a later call that reaches the customer', () => {
    test('a missed call opens a follow-up; the callback resolves it and edits its post once', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0)]);
      const [post] = await send(store, T0 + 1);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'open', version: 0 });
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      expect(await store.getFollowUp('m1')).toMatchObject({
        state: 'resolved',
        resolvedBy: null,
        outcome: 'reached',
        reachedSession: 'cb1',
        reachedAt: T0 + HOUR,
        version: 1,
      });
      const updates = await claimAll(store, 'relay-a', T0 + 2 * HOUR);
      expect(updates.map((u) => [u.kind, u.parentId])).toEqual([['update', post?.id]]);
      expect(updates[0]?.followUp).toMatchObject({ state: 'resolved', reachedAt: T0 + HOUR });
      expect(JSON.parse(updates[0]?.followUp?.reachedDetail ?? '{}')).toMatchObject({ agent: 'Wang Fang' });
    });

    test('a call before the missed one, after the window, or with someone else closes nothing', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0)]);
      await store.ingest([answered('early', ANN, T0 - 1), answered('late', ANN, T0 + 25 * HOUR)]);
      await store.ingest([answered('other', BOB, T0 + HOUR)]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'open' });
    });

    test('a taken call counts as reached too; every open missed call of the customer closes', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0), missed('m2', ANN, T0 + 10)]);
      await send(store, T0 + 20);
      await store.followUp({ action: 'take', sessionId: 'm1', userId: 'U1', at: T0 + 30 });
      expect(await store.countWaitingFollowUps()).toEqual({ open: 1, taken: 1 });
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      expect(await store.countWaitingFollowUps()).toEqual({ open: 0, taken: 0 });
      expect(await store.getFollowUp('m1')).toMatchObject({
        state: 'resolved',
        takenBy: 'U1',
        reachedSession: 'cb1',
      });
      expect(await store.getFollowUp('m2')).toMatchObject({ state: 'resolved', reachedSession: 'cb1' });
    });

    test('each resolution is handed out once for the histogram; a reopened one counts again', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0), missed('m2', BOB, T0)]);
      await send(store, T0 + 1);
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      const resolve = {
        action: 'resolve',
        sessionId: 'm2',
        userId: 'U1',
        outcome: 'no_answer',
        note: null,
      } as const;
      await store.followUp({ ...resolve, at: T0 + 2 * HOUR });
      const taken = await store.takeResolvedFollowUps(T0 + 3 * HOUR, 10);
      expect(taken.sort((a, b) => a.by.localeCompare(b.by))).toEqual([
        { missedAt: T0, resolvedAt: T0 + HOUR, by: 'call' },
        { missedAt: T0, resolvedAt: T0 + 2 * HOUR, by: 'person' },
      ]);
      expect(await store.takeResolvedFollowUps(T0 + 3 * HOUR, 10)).toEqual([]);
      await store.followUp({ action: 'reopen', sessionId: 'm2', userId: 'U1', at: T0 + 4 * HOUR });
      expect(await store.takeResolvedFollowUps(T0 + 4 * HOUR, 10)).toEqual([]);
      await store.followUp({ ...resolve, at: T0 + 5 * HOUR });
      expect(await store.takeResolvedFollowUps(T0 + 6 * HOUR, 1)).toEqual([
        { missedAt: T0, resolvedAt: T0 + 5 * HOUR, by: 'person' },
      ]);
    });

    test('after Reopen only a call started later closes it again', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0)]);
      await send(store, T0 + 1);
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      await store.followUp({ action: 'reopen', sessionId: 'm1', userId: 'U1', at: T0 + 3 * HOUR });
      await store.ingest([answered('cb2-late-push', ANN, T0 + 2 * HOUR)]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'open', reachedSession: null });
      await store.ingest([answered('cb3', ANN, T0 + 4 * HOUR)]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'resolved', reachedSession: 'cb3' });
    });

    test('in a batch of independent calls, and in a batch stored item by item, the same', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0), missed('m2', BOB, T0)]);
      // Independent calls: one statement on PostgreSQL.
      await store.ingest([
        answered('cb1', ANN, T0 + HOUR),
        cdr('x1', []),
        answered('cb1b', ANN, T0 + 2 * HOUR),
      ]);
      // A call with its own recording: the item-by-item path.
      await store.ingest([answered('cb2', BOB, T0 + HOUR), record('cb2', 'r1')]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'resolved', reachedSession: 'cb1' });
      expect(await store.getFollowUp('m2')).toMatchObject({ state: 'resolved', reachedSession: 'cb2' });
    });

    test('the waiting list: open and taken, longest waiting first, by time and group, paged', async () => {
      const { store } = await open();
      await store.ingest([
        missed('m1', ANN, T0),
        missed('m2', BOB, T0 + 10, 'Sales'),
        missed('m3', '8613800000003', T0 - 2 * HOUR),
        missed('m4', '8613800000004', T0 + 20, null),
      ]);
      await send(store, T0 + 30);
      await store.followUp({ action: 'take', sessionId: 'm2', userId: 'U1', at: T0 + 40 });
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      const list = (options: { since: number; group?: string; limit?: number; offset?: number }) =>
        store.listWaitingFollowUps({ limit: 10, offset: 0, ...options });
      const all = await list({ since: T0 - 3 * HOUR });
      expect([all.total, all.rows.map((r) => [r.sessionId, r.state, r.skillGroup])]).toEqual([
        3,
        [
          ['m3', 'open', 'Support'],
          ['m2', 'taken', 'Sales'],
          ['m4', 'open', null],
        ],
      ]);
      expect(all.rows[1]).toMatchObject({ customer: BOB, missedAt: T0 + 10, takenBy: 'U1' });
      expect((await list({ since: T0 - 3 * HOUR, group: 'SUPPORT' })).rows.map((r) => r.sessionId)).toEqual([
        'm3',
      ]);
      expect((await list({ since: T0 })).total).toBe(2);
      const page = await list({ since: T0 - 3 * HOUR, limit: 1, offset: 1 });
      expect([page.total, page.rows.map((r) => r.sessionId)]).toEqual([3, ['m2']]);
    });

    test('a duplicate push of the missed call or of the callback changes nothing', async () => {
      const { store } = await open();
      await store.ingest([missed('m1', ANN, T0)]);
      await send(store, T0 + 1);
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      await store.followUp({ action: 'reopen', sessionId: 'm1', userId: 'U1', at: T0 + 2 * HOUR });
      expect(await store.ingest([answered('cb1', ANN, T0 + 5 * HOUR), missed('m1', ANN, T0)])).toEqual([
        'duplicate',
        'duplicate',
      ]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'open', version: 2 });
    });
  });
}
