import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, other, record, T0 } from './contract-fixtures.ts';
import type { ClaimedMessage, IngestItem, Store } from './types.ts';

/** A voicemail of `sessionId`, posted to `inbox` at once and waiting for its call in `alone` until `until`. */
const voicemail = (sessionId: string, inbox: string[], alone: string[], until = T0 + 60_000): IngestItem =>
  other('voicemail', sessionId, inbox, {
    waitForCall: { deliveries: alone.map((channel) => ({ channel })), until },
  });

const view = (messages: readonly ClaimedMessage[]) =>
  messages.map((m) => [m.inboxKind, m.kind, m.channel, m.threadTs !== null]);

/** Claims what is due at `now` and marks it sent with ts `ts-<id>`. */
async function send(store: Store, now: number): Promise<ClaimedMessage[]> {
  const claimed = await claimAll(store, 'relay-a', now);
  for (const message of claimed) await store.markSent(message.id, 'relay-a', `ts-${message.id}`);
  return claimed;
}

/** Voicemails in their call's threads, waiting for their call, and updates of the call's posts. */
export function describeThreadsContract(open: MakeStore): void {
  describe('ingest: voicemails and post updates', () => {
    test('a voicemail after its call was posted: a reply and an update under each post, nothing alone', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1', { channel: 'C2', mention: 'U1' }])]);
      const posts = await send(store, T0 + 1);
      await store.ingest([voicemail('s1', [], ['C9'])]);
      const due = await claimAll(store, 'relay-a', T0 + 120_000);
      expect(view(due).sort()).toEqual([
        ['voicemail', 'reply', 'C1', true],
        ['voicemail', 'reply', 'C2', true],
        ['voicemail', 'update', 'C1', true],
        ['voicemail', 'update', 'C2', true],
      ]);
      const update = due.find((m) => m.kind === 'update' && m.channel === 'C2');
      const parent = posts.find((m) => m.channel === 'C2');
      expect(update).toMatchObject({
        parentId: parent?.id,
        threadTs: `ts-${parent?.id}`,
        parent: { body: parent?.body, mention: 'U1' },
        thread: { recordings: 0, voicemails: 1 },
      });
      expect(due.find((m) => m.kind === 'reply')?.parent).toBeNull();
    });

    test('a voicemail before its call waits; the call takes it into its threads and drops the wait', async () => {
      const { store } = await open();
      await store.ingest([voicemail('s1', ['CV'], ['C1', 'C9'])]);
      expect(view(await claimAll(store, 'relay-a', T0 + 1))).toEqual([['voicemail', 'post', 'CV', false]]);
      await store.ingest([record('s1', 'r1'), cdr('s1', ['C1', 'C2'])]);
      const posts = await send(store, T0 + 120_000);
      expect(view(posts)).toEqual([
        ['cdr', 'post', 'C1', false],
        ['cdr', 'post', 'C2', false],
      ]);
      expect(posts[0]?.thread).toEqual({ recordings: 1, voicemails: 1 });
      expect(view(await claimAll(store, 'relay-a', T0 + 120_001)).sort()).toEqual([
        ['record', 'reply', 'C1', true],
        ['record', 'reply', 'C2', true],
        ['voicemail', 'reply', 'C1', true],
        ['voicemail', 'reply', 'C2', true],
      ]);
    });

    test('a voicemail whose call does not come by its time limit is posted alone', async () => {
      const { store } = await open();
      await store.ingest([voicemail('s1', [], ['C1', 'C9'], T0 + 1_000)]);
      expect(await claimAll(store, 'relay-a', T0 + 999)).toEqual([]);
      const alone = await send(store, T0 + 1_000);
      expect(view(alone)).toEqual([
        ['voicemail', 'post', 'C1', false],
        ['voicemail', 'post', 'C9', false],
      ]);
      expect(alone[0]?.awaitsCall).toBe(true);
      // The call comes later: the voicemail joins its thread only where it was not posted alone.
      await store.ingest([cdr('s1', ['C1', 'C2'])]);
      await send(store, T0 + 2_000);
      expect(view(await claimAll(store, 'relay-a', T0 + 2_001))).toEqual([
        ['voicemail', 'reply', 'C2', true],
      ]);
    });

    test('a recording updates only posts Slack may show: not a pending or a dead one', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1', 'C2', 'C3'])]);
      const [c1, c2] = await claimAll(store, 'relay-a', T0 + 1);
      await store.markSent(c1?.id ?? 0, 'relay-a', 'ts-1');
      await store.deadLetter(c2?.id ?? 0, 'relay-a', 'channel_not_found');
      await store.releaseClaims('relay-a');
      await store.ingest([record('s1', 'r1')]);
      const due = await claimAll(store, 'relay-a', T0 + 2);
      expect(view(due.filter((m) => m.inboxKind === 'record')).sort()).toEqual([
        ['record', 'reply', 'C1', true],
        ['record', 'reply', 'C2', false],
        ['record', 'update', 'C1', true],
      ]);
      expect(due.find((m) => m.kind === 'post')).toMatchObject({ channel: 'C3', thread: { recordings: 1 } });
    });

    test('a duplicate voicemail adds nothing', async () => {
      const { store } = await open();
      await store.ingest([cdr('s1', ['C1'])]);
      await send(store, T0 + 1);
      expect(await store.ingest([voicemail('s1', [], ['C9'])])).toEqual(['stored']);
      expect(await store.ingest([voicemail('s1', [], ['C9'])])).toEqual(['duplicate']);
      expect((await store.stats()).outbox.pending).toBe(2);
    });
  });
}
