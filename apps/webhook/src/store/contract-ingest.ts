import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, other, record, T0 } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import type { IngestItem, Store } from './types.ts';

/** Claims everything due and marks it sent with ts `ts-<id>`; returns what was claimed. */
async function sendAll(store: Store, now = T0 + 1): ReturnType<Store['claimDue']> {
  const claimed = await claimAll(store, 'relay-a', now);
  for (const message of claimed)
    expect(await store.markSent(message.id, 'relay-a', `ts-${message.id}`)).toBe(true);
  return claimed;
}

/** Ingest rules: dedupe, outbox rows per kind, recording ↔ cdr threading. */
export function describeIngestContract(open: MakeStore): void {
  describe('ingest: dedupe', () => {
    test('stores new items verbatim and reports them stored', async () => {
      const { store } = await open();
      const items = [cdr('s1', ['C1']), record('s2', 'r1', { pushId: null, source: 'reconcile' })];
      expect(await store.ingest(items)).toEqual(['stored', 'stored']);
      const rows = await store.listInbox();
      expect(rows.map(({ id: _id, ...row }) => row)).toEqual(
        items.map(({ deliveries: _d, ...item }) => item),
      );
      expect(rows[0]?.id).toBeLessThan(rows[1]?.id ?? 0);
    });

    test('a known dedupe key is a duplicate even with a new push id', async () => {
      const { store } = await open();
      expect(await store.ingest([cdr('s1', ['C1'])])).toEqual(['stored']);
      expect(await store.ingest([cdr('s1', ['C1', 'C2'], { source: 'reconcile' })])).toEqual(['duplicate']);
      expect(await store.stats()).toMatchObject({ inbox: 1, outbox: { pending: 1 } });
    });

    test('a known push id is a duplicate even with a new dedupe key', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'], { pushId: 'same-uuid' })]);
      expect(await store.ingest([cdr('s2', ['C1'], { pushId: 'same-uuid' })])).toEqual(['duplicate']);
      expect(await store.stats()).toMatchObject({ inbox: 1, outbox: { pending: 1 } });
    });

    test('within one batch the later item with a seen key or push id is the duplicate', async () => {
      const { store } = await open();
      const first = cdr('s1', ['C1'], { pushId: 'uuid-1' });
      const batch = [first, cdr('s1', ['C2']), cdr('s3', ['C3'], { pushId: 'uuid-1' }), cdr('s4', ['C4'])];
      expect(await store.ingest(batch)).toEqual(['stored', 'duplicate', 'duplicate', 'stored']);
      expect((await store.listInbox()).map((row) => row.sessionId)).toEqual(['s1', 's4']);
      expect((await claimAll(store)).map((m) => m.channel)).toEqual(['C1', 'C4']);
    });

    test('items without a push id only dedupe by key', async () => {
      const { store } = await open();
      const items = [record('s1', 'r1', { pushId: null }), record('s1', 'r2', { pushId: null })];
      expect(await store.ingest(items)).toEqual(['stored', 'stored']);
    });

    test('an invalid item rejects the whole batch before anything is written', async () => {
      const { store } = await open();
      const bad = { ...cdr('s2'), kind: 'fax' } as unknown as IngestItem;
      const error = await store.ingest([cdr('s1', ['C1']), bad]).catch((e: unknown) => e);
      expect(isStoreError(error) && error.code).toBe('webhook_store_invalid_item');
      expect((await store.stats()).inbox).toBe(0);
      expect(await store.ingest([])).toEqual([]);
    });
  });

  describe('ingest: outbox rows', () => {
    test('a cdr gets one pending post per channel, with its mention', async () => {
      const { store } = await open();
      await store.ingest([
        cdr('s1', [{ channel: 'C1', mention: '<!here>' }, 'C2', 'C1'], { receivedAt: T0 - 5 }),
      ]);
      expect(await store.findPost('s1', 'C1')).toMatchObject({
        kind: 'post',
        parentId: null,
        sessionId: 's1',
        mention: '<!here>',
        state: 'pending',
        attempts: 0,
        nextAt: T0 - 5,
        createdAt: T0 - 5,
        leaseOwner: null,
        slackTs: null,
      });
      expect(await store.findPost('s1', 'C2')).toMatchObject({ mention: null });
      expect((await store.stats()).outbox.pending).toBe(2);
    });

    test('voicemail and imcdr post to their deliveries; no deliveries means no rows', async () => {
      const { store } = await open();
      await store.ingest([
        other('voicemail', 's1', ['C1']),
        other('imcdr', 's2', []),
        other('imcdr', 's3', ['C2']),
      ]);
      const claimed = await claimAll(store);
      expect(claimed.map((m) => [m.inboxKind, m.channel, m.kind])).toEqual([
        ['voicemail', 'C1', 'post'],
        ['imcdr', 'C2', 'post'],
      ]);
      expect(await store.findPost('s3', 'C2')).toMatchObject({ kind: 'post', sessionId: 's3' });
    });

    test('recordings stored before their cdr become replies when the cdr arrives', async () => {
      const { store } = await open();
      await store.ingest([record('s1', 'r1')]);
      await store.ingest([record('s1', 'r2')]);
      expect((await store.stats()).outbox.pending).toBe(0);
      await store.ingest([cdr('s1', ['C1', 'C2'])]);
      const posts = await sendAll(store);
      expect(posts.map((m) => [m.kind, m.channel])).toEqual([
        ['post', 'C1'],
        ['post', 'C2'],
      ]);
      const replies = await claimAll(store, 'relay-a', T0 + 2);
      expect(replies).toHaveLength(4);
      for (const reply of replies) {
        const parent = posts.find((post) => post.channel === reply.channel);
        expect(reply).toMatchObject({ kind: 'reply', inboxKind: 'record', parentId: parent?.id });
        expect(reply.threadTs).toBe(`ts-${parent?.id}`);
        expect(JSON.parse(reply.body)).toMatchObject({ SessionId: 's1' });
      }
    });

    test('a recording after its cdr replies in every channel of the cdr, not under other posts', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1', 'C2']), other('voicemail', 's1', ['C3'])]);
      expect(await store.ingest([record('s1', 'r1')])).toEqual(['stored']);
      await sendAll(store);
      const replies = await claimAll(store, 'relay-a', T0 + 2);
      // The voicemail too joins the call's threads; the call's posts were not shown yet: no updates.
      expect(replies.map((m) => [m.inboxKind, m.kind, m.channel, m.threadTs !== null])).toEqual([
        ['voicemail', 'reply', 'C1', true],
        ['voicemail', 'reply', 'C2', true],
        ['record', 'reply', 'C1', true],
        ['record', 'reply', 'C2', true],
      ]);
    });

    test('a recording and its cdr in the same batch are threaded', async () => {
      const { store } = await open();
      await store.ingest([record('s1', 'r1'), cdr('s1', ['C1']), record('s1', 'r2')]);
      expect(await store.stats()).toMatchObject({ outbox: { pending: 3 } });
    });

    test('a duplicate recording adds no replies', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1']), record('s1', 'r1')]);
      expect(await store.ingest([record('s1', 'r1', { source: 'reconcile', pushId: null })])).toEqual([
        'duplicate',
      ]);
      expect((await store.stats()).outbox.pending).toBe(2);
    });

    test('a recording never attaches to an imcdr or voicemail post', async () => {
      const { store } = await open();
      await store.ingest([other('imcdr', 's1', ['C1']), other('voicemail', 's2', ['C1'])]);
      await store.ingest([record('s1', 'r1'), record('s2', 'r1')]);
      expect((await store.stats()).outbox.pending).toBe(2);
    });
  });
}
