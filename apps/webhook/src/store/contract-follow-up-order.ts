import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, record, T0 } from './contract-fixtures.ts';
import { ANN, answered, BOB, HOUR, missed } from './contract-follow-up-reach.ts';

const DAY = 24 * HOUR;

/**
 * Pushes out of call order: a callback stored before its missed call (Tencent's retry of a failed push,
 * reconciliation after an outage) resolves it as the missed call is stored, on both engines and on both
 * PostgreSQL paths (one statement for a batch of independent calls, item by item otherwise).
 */
export function describeFollowUpOrderContract(open: MakeStore): void {
  describe('follow-ups: the callback stored before its missed call', () => {
    test('the missed call opens resolved, by the callback, and its post shows it (no update needed)', async () => {
      const { store } = await open();
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      await store.ingest([missed('m1', ANN, T0)]);
      expect(await store.getFollowUp('m1')).toMatchObject({
        state: 'resolved',
        resolvedBy: null,
        outcome: 'reached',
        reachedSession: 'cb1',
        reachedAt: T0 + HOUR,
        resolvedAt: T0 + HOUR,
        version: 1,
      });
      const claimed = await claimAll(store, 'relay-a', T0 + 2 * HOUR);
      expect(claimed.map((message) => message.kind)).toEqual(['post']);
      expect(claimed[0]?.followUp).toMatchObject({ state: 'resolved', outcome: 'reached' });
      expect(JSON.parse(claimed[0]?.followUp?.reachedDetail ?? '{}')).toMatchObject({ agent: 'Wang Fang' });
      expect(await store.listWaitingFollowUps({ since: 0, limit: 10, offset: 0 })).toMatchObject({
        total: 0,
      });
    });

    test('a missed call and its callback in one batch: resolved in either order', async () => {
      const { store } = await open();
      // Independent calls: one statement on PostgreSQL, whose steps do not see each other's rows.
      await store.ingest([answered('cb1', ANN, T0 + HOUR), cdr('x1', []), missed('m1', ANN, T0)]);
      await store.ingest([missed('m2', BOB, T0), answered('cb2', BOB, T0 + HOUR)]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'resolved', reachedSession: 'cb1' });
      expect(await store.getFollowUp('m2')).toMatchObject({ state: 'resolved', reachedSession: 'cb2' });
    });

    test('the same when the batch is stored item by item (a call with its recording in it)', async () => {
      const { store } = await open();
      await store.ingest([answered('cb1', ANN, T0 + HOUR), missed('m1', ANN, T0), record('m1', 'r1')]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'resolved', reachedSession: 'cb1' });
    });

    test('only a contact inside the window counts, the earliest one; another number never', async () => {
      const { store } = await open();
      await store.ingest([answered('early', ANN, T0 - 1), answered('late', ANN, T0 + 25 * HOUR)]);
      await store.ingest([answered('other', BOB, T0 + HOUR)]);
      await store.ingest([missed('m1', ANN, T0)]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'open', version: 0 });
      await store.ingest([answered('second', ANN, T0 + 3 * HOUR)]);
      await store.ingest([answered('first', ANN, T0 + 2 * HOUR)]);
      await store.ingest([missed('m2', ANN, T0 + HOUR)]);
      expect(await store.getFollowUp('m2')).toMatchObject({ state: 'resolved', reachedSession: 'first' });
    });

    test('resolved this way it is counted once for the time-to-resolve histogram', async () => {
      const { store } = await open();
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      await store.ingest([missed('m1', ANN, T0)]);
      expect(await store.takeResolvedFollowUps(T0 + 2 * HOUR, 10)).toEqual([
        { missedAt: T0, resolvedAt: T0 + HOUR, by: 'call' },
      ]);
      expect(await store.takeResolvedFollowUps(T0 + 3 * HOUR, 10)).toEqual([]);
    });

    test('a missed call and its callback stored at the same moment by two writers: resolved every time', async () => {
      const { store } = await open();
      const customers = Array.from({ length: 24 }, (_, i) => `861390000${String(i).padStart(4, '0')}`);
      // Separate ingests, so on PostgreSQL separate transactions on separate connections, racing.
      await Promise.all(
        customers.flatMap((customer, i) => [
          store.ingest([missed(`race-m${i}`, customer, T0)]),
          store.ingest([answered(`race-cb${i}`, customer, T0 + HOUR)]),
        ]),
      );
      const states = await Promise.all(customers.map((_, i) => store.getFollowUp(`race-m${i}`)));
      expect(states.map((row) => row?.state)).toEqual(customers.map(() => 'resolved'));
    });

    test('retention removes a contact with its call', async () => {
      const { store } = await open();
      await store.ingest([answered('cb1', ANN, T0 + HOUR)]);
      expect((await store.prune({ before: T0 + 2 * DAY, limit: 10 })).sessions).toBe(1);
      await store.ingest([missed('m1', ANN, T0)]);
      expect(await store.getFollowUp('m1')).toMatchObject({ state: 'open' });
    });
  });
}
