import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, other, record, T0 } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import type { QuarantineInput } from './types.ts';

const rejected = (body: string | Uint8Array, extra: Partial<QuarantineInput> = {}): QuarantineInput => ({
  pushId: 'uuid-q',
  action: 'cdr',
  query: 'action=cdr&version=1',
  reason: { code: 'webhook_invalid_body', message: 'SessionId: Invalid type' },
  body,
  receivedAt: T0,
  ...extra,
});

/** Quarantine, migrations, stats, listing, readiness and close. */
export function describeMaintenanceContract(open: MakeStore): void {
  describe('quarantine', () => {
    test('keeps rejected pushes, lists newest first, take returns and deletes', async () => {
      const { store } = await open();
      const first = await store.quarantine(rejected('{"bad":'));
      const raw = new Uint8Array([0xff, 0x00, 0x41]);
      const second = await store.quarantine(rejected(raw, { pushId: null, action: null, query: '' }));
      expect(second).toBeGreaterThan(first);
      const [newest, oldest] = await store.listQuarantine();
      expect(newest).toEqual({
        id: second,
        pushId: null,
        action: null,
        query: '',
        reason: { code: 'webhook_invalid_body', message: 'SessionId: Invalid type' },
        body: raw,
        truncated: false,
        bodySize: 3,
        receivedAt: T0,
      });
      expect(Buffer.from(oldest?.body ?? []).toString('utf8')).toBe('{"bad":');
      expect(await store.takeQuarantine(first)).toMatchObject({ id: first, pushId: 'uuid-q', action: 'cdr' });
      expect(await store.takeQuarantine(first)).toBeNull();
      expect((await store.listQuarantine({ limit: 10 })).map((row) => row.id)).toEqual([second]);
    });

    test('bodies beyond the maximum are cut, flagged and keep their original size', async () => {
      const { store } = await open({ quarantineMaxBodyBytes: 8 });
      await store.quarantine(rejected('ééééé'));
      await store.quarantine(rejected('12345678'));
      const [exact, cut] = await store.listQuarantine();
      expect(cut).toMatchObject({ truncated: true, bodySize: 10 });
      expect(cut?.body).toEqual(new Uint8Array(Buffer.from('ééééé').subarray(0, 8)));
      expect(exact).toMatchObject({ truncated: false, bodySize: 8 });
    });

    test('keeps at most quarantineLimit rows, deleting the oldest', async () => {
      const { store } = await open({ quarantineLimit: 3 });
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push(await store.quarantine(rejected(`body ${i}`)));
      expect((await store.listQuarantine()).map((row) => row.id)).toEqual(ids.slice(2).reverse());
      await store.takeQuarantine(ids[3] ?? 0);
      ids.push(await store.quarantine(rejected('body 5')));
      expect((await store.listQuarantine()).map((row) => row.id)).toEqual([ids[5], ids[4], ids[2]]);
      expect((await store.stats()).quarantine).toBe(3);
      expect(await store.listQuarantine({ limit: 1 })).toHaveLength(1);
    });
  });

  describe('migrations, stats, listing, lifecycle', () => {
    test('migrate is idempotent, also from a second connection, and keeps data', async () => {
      const { store, reopen } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      expect(await store.migrate()).toEqual({ applied: [], current: 12 });
      const second = await reopen();
      expect(await second.migrate()).toEqual({ applied: [], current: 12 });
      expect((await second.listInbox()).map((row) => row.sessionId)).toEqual(['s1']);
    });

    test('stats counts inbox, every outbox state and quarantine', async () => {
      const { store } = await open();
      expect((await store.stats()).lastReceivedAt).toBeNull();
      await store.ingest([cdr('s1', ['C1', 'C2', 'C3']), record('s1', 'r1', { receivedAt: T0 + 5 })]);
      await store.quarantine(rejected('x'));
      const [p1, p2] = await claimAll(store);
      await store.markSent(p1?.id ?? 0, 'relay-a', 'ts');
      await store.deadLetter(p2?.id ?? 0, 'relay-a', 'no');
      expect(await store.stats()).toEqual({
        inbox: 2,
        lastReceivedAt: T0 + 5,
        outbox: { pending: 3, sending: 1, sent: 1, dead: 1 },
        quarantine: 1,
      });
    });

    test('listInbox filters by time and kind; findPost is null when absent', async () => {
      const { store } = await open();
      await store.ingest([
        cdr('s1', ['C1']),
        record('s1', 'r1', { receivedAt: T0 + 10 }),
        other('voicemail', 's2', ['C1'], { receivedAt: T0 + 20 }),
      ]);
      const kinds = async (options: Parameters<typeof store.listInbox>[0]) =>
        (await store.listInbox(options)).map((row) => row.kind);
      expect(await kinds({ sinceMs: T0 + 10 })).toEqual(['record', 'voicemail']);
      expect(await kinds({ kind: 'record' })).toEqual(['record']);
      expect(await kinds({ sinceMs: T0 + 15, kind: 'cdr' })).toEqual([]);
      expect(await kinds({ limit: 1 })).toEqual(['cdr']);
      expect(await store.findPost('s1', 'C9')).toBeNull();
      expect(await store.findPost('s2', 'C1')).toBeNull();
    });

    test('ping answers until close; afterwards every call rejects webhook_store_closed', async () => {
      const { store } = await open();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await store.close();
      for (const call of [store.ping(), store.ingest([cdr('s1')]), store.stats()]) {
        const error = await call.catch((e: unknown) => e);
        expect(isStoreError(error) && error.code).toBe('webhook_store_closed');
      }
    });
  });
}
