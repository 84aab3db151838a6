import { describe, expect, test } from 'vitest';
import { cdr, claimAll, type MakeStore, other, record, T0 } from './contract-fixtures.ts';
import type { ClaimedMessage, IngestItem, Store } from './types.ts';

/** What a reader of Slack would see of a message, without the ids that differ between two stores. */
const seen = (m: ClaimedMessage): string =>
  JSON.stringify([m.inboxKind, m.kind, m.channel, m.sessionId, m.threadTs !== null, m.thread, m.mention]);

/** Sends everything, round after round (replies once their parent is sent), and returns what each round posted. */
async function sendRounds(store: Store): Promise<string[][]> {
  const rounds: string[][] = [];
  for (let round = 1; round <= 5; round++) {
    const claimed = await claimAll(store, 'relay-a', T0 + 600_000 * round);
    if (claimed.length === 0) break;
    for (const message of claimed) await store.markSent(message.id, 'relay-a', `ts-${message.id}`);
    rounds.push(claimed.map(seen));
  }
  return rounds;
}

/** Stored before the batch: a recording and a voicemail waiting for calls the batch brings. */
const earlier = (): IngestItem[] => [
  record('s0', 'r0'),
  other('voicemail', 's5', ['CV'], { waitForCall: { deliveries: [{ channel: 'C2' }], until: T0 + 60_000 } }),
];

/**
 * Calls and chats independent of each other (one statement on engines that batch them) interleaved with
 * items that depend on an earlier one of the batch: a recording before its call, a repeated session, a
 * repeated key, a repeated push id.
 */
function mixedBatch(): IngestItem[] {
  const s1 = cdr('s1', ['C1', { channel: 'C2', mention: 'U1' }]);
  return [
    s1,
    cdr('s2', ['C1']),
    other('imcdr', 'chat-1', ['C3']),
    cdr('s0', ['C1', 'C3']),
    cdr('s5', ['C2']),
    record('s3', 'r1'),
    cdr('s3', ['C1']),
    cdr('s4', ['C2'], { pushId: s1.pushId }),
    cdr('s1', ['C3']),
    cdr('s6', ['C1', 'C1', 'C2']),
    other('voicemail', 's6', []),
    cdr('s7', ['C2']),
  ];
}

/** A batch stores exactly what the same items store one at a time, in the same order. */
export function describeBatchesContract(open: MakeStore): void {
  describe('ingest: batches', () => {
    test('one batch and the same items one by one store the same outcomes, posts, threads and order', async () => {
      const batched = (await open()).store;
      const single = (await open()).store;
      const items = mixedBatch();
      await batched.ingest(earlier());
      await single.ingest(earlier());
      const batchOutcomes = await batched.ingest(items);
      const singleOutcomes: string[] = [];
      for (const item of items) singleOutcomes.push(...(await single.ingest([item])));
      expect(batchOutcomes).toEqual(singleOutcomes);
      expect(batchOutcomes.filter((o) => o === 'duplicate')).toHaveLength(2);
      const rounds = await sendRounds(batched);
      expect(rounds).toEqual(await sendRounds(single));
      expect(rounds.flat()).toHaveLength(18);
    });

    test('a long batch of independent calls keeps item then channel order', async () => {
      const { store } = await open();
      const items = Array.from({ length: 300 }, (_, n) => cdr(`s${n}`, n % 2 ? ['C1', 'C2'] : ['C2']));
      expect(new Set(await store.ingest(items))).toEqual(new Set(['stored']));
      const claimed = await claimAll(store);
      const expected = items.flatMap((item) => item.deliveries.map((d) => `${item.sessionId} ${d.channel}`));
      expect(claimed.map((m) => `${m.sessionId} ${m.channel}`)).toEqual(expected);
    });
  });
}
