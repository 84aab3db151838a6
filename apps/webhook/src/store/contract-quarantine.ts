import { describe, expect, test } from 'vitest';
import { cdr, type MakeStore, T0 } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import type { IngestItem, QuarantineEviction, QuarantineInput } from './types.ts';

const refused = (sessionId: string, extra: Partial<QuarantineInput> = {}): QuarantineInput => ({
  pushId: `q-${sessionId}`,
  action: 'cdr',
  query: 'action=cdr&version=1',
  reason: { code: 'invalid_payload', message: 'refused by an older version' },
  body: JSON.stringify({ SessionId: sessionId }),
  receivedAt: T0,
  ...extra,
});

/** The item a replay makes of a quarantined row (the CLI parses; the store only needs an item). */
const asItem = (sessionId: string): IngestItem => cdr(sessionId, ['C1'], { pushId: `q-${sessionId}` });

/** Replay in one transaction, evictions reported, bodies cut by the HTTP layer flagged. */
export function describeQuarantineContract(open: MakeStore): void {
  describe('quarantine replay and bounds', () => {
    test('a replayed row is ingested and removed together; kept rows stay as they were', async () => {
      const { store } = await open();
      const good = await store.quarantine(refused('s1'));
      const bad = await store.quarantine(refused('s2'));
      const seen: number[] = [];
      expect(
        await store.ingestQuarantined(good, (row) => {
          seen.push(row.id);
          return asItem('s1');
        }),
      ).toBe('stored');
      expect(await store.ingestQuarantined(bad, () => null)).toBe('kept');
      expect(await store.ingestQuarantined(good, () => asItem('s1'))).toBeNull();
      expect(seen).toEqual([good]);
      expect((await store.listQuarantine()).map((row) => [row.id, row.pushId])).toEqual([[bad, 'q-s2']]);
      expect((await store.listInbox()).map((row) => row.dedupeKey)).toEqual(['cdr:s1']);
      expect((await store.stats()).outbox.pending).toBe(1);
      // A row whose push is already stored is removed too: the push is not lost, it is a duplicate.
      const again = await store.quarantine(refused('s1'));
      expect(await store.ingestQuarantined(again, () => asItem('s1'))).toBe('duplicate');
      expect((await store.listQuarantine()).map((row) => row.id)).toEqual([bad]);
    });

    test('a failure while ingesting (writes blocked, a throwing prepare) keeps the row and ingests nothing', async () => {
      const { store, blockWrites } = await open();
      const id = await store.quarantine(refused('s1'));
      const release = await blockWrites();
      const blocked = await store.ingestQuarantined(id, () => asItem('s1')).catch((e: unknown) => e);
      await release();
      expect(isStoreError(blocked) && blocked.code).toBe('webhook_store_unavailable');
      const thrown = await store
        .ingestQuarantined(id, () => {
          throw new Error('renderer bug');
        })
        .catch((e: unknown) => e);
      expect((thrown as Error).message).toContain('renderer bug');
      const invalid = await store
        .ingestQuarantined(id, () => ({ ...asItem('s1'), sessionId: '' }))
        .catch((e: unknown) => e);
      expect(isStoreError(invalid) && invalid.code).toBe('webhook_store_invalid_item');
      expect((await store.listQuarantine()).map((row) => row.id)).toEqual([id]);
      expect(await store.listInbox()).toEqual([]);
      expect(await store.ingestQuarantined(id, () => asItem('s1'))).toBe('stored');
      expect(await store.listQuarantine()).toEqual([]);
    });

    test('evictions past quarantineLimit are reported after the commit: how many, oldest receive time', async () => {
      const evictions: QuarantineEviction[] = [];
      const { store } = await open({ quarantineLimit: 3, onQuarantineEvicted: (e) => evictions.push(e) });
      for (let i = 0; i < 5; i++) await store.quarantine(refused(`s${i}`, { receivedAt: T0 + i }));
      expect(evictions).toEqual([
        { rows: 1, oldestReceivedAt: T0 },
        { rows: 1, oldestReceivedAt: T0 + 1 },
      ]);
      expect((await store.listQuarantine()).map((row) => row.pushId)).toEqual(['q-s4', 'q-s3', 'q-s2']);
    });

    test('a body the HTTP layer cut short is flagged truncated with the size the client sent', async () => {
      const { store } = await open({ quarantineMaxBodyBytes: 16 });
      await store.quarantine(refused('s1', { body: Buffer.from('0123456789'), receivedBytes: 5_000 }));
      await store.quarantine(refused('s2', { body: Buffer.from('0123456789'), receivedBytes: 10 }));
      await store.quarantine(refused('s3', { body: '0123456789', receivedBytes: 2 ** 40 }));
      const [huge, whole, cut] = await store.listQuarantine();
      expect(cut).toMatchObject({ truncated: true, bodySize: 5_000 });
      expect(Buffer.from(cut?.body ?? []).toString()).toBe('0123456789');
      expect(whole).toMatchObject({ truncated: false, bodySize: 10 });
      expect(huge).toMatchObject({ truncated: true, bodySize: 2 ** 31 - 1 });
    });
  });
}
