import { afterAll, describe, expect, test } from 'vitest';
import { dropSchemas, postgresSuite, TEST_DATABASE_URL, testSchemaName } from '../test-utils/postgres.ts';
import { cdr, T0 } from './contract-fixtures.ts';
import { createPostgresStore } from './postgres-store.ts';
import type { ClaimedMessage, Store } from './types.ts';

const suite = await postgresSuite('channel ownership');
const schemas: string[] = [];
const stores: Store[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dropSchemas(schemas);
});

/** Two replicas on one fresh schema, on the caller's (virtual) clock. */
async function twoReplicas(): Promise<[Store, Store]> {
  const schema = testSchemaName('webhook_channels');
  schemas.push(schema);
  const open = () => {
    const store = createPostgresStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      poolSize: 2,
      leaseClock: 'caller',
    });
    stores.push(store);
    return store;
  };
  const a = open();
  await a.migrate();
  return [a, open()];
}

const LEASE = 5_000;
const claim = (store: Store, owner: string, now = T0 + 1) =>
  store.claimDue({ now, limit: 100, leaseMs: 60_000, owner, channelLeaseMs: LEASE });
const channelsOf = (messages: ClaimedMessage[]) => [...new Set(messages.map((m) => m.channel))].sort();
const four = ['C1', 'C2', 'C3', 'C4'];

describe.skipIf(suite.skip)(suite.title, () => {
  test('a channel has one relaying replica: the other claims nothing of it', async () => {
    const [a, b] = await twoReplicas();
    await a.ingest(four.flatMap((c) => [cdr(`${c}-1`, [c]), cdr(`${c}-2`, [c])]));
    expect(channelsOf(await claim(a, 'a'))).toEqual(four);
    await b.ingest([cdr('C1-3', ['C1'])]);
    expect(await claim(b, 'b')).toEqual([]);
    // a keeps relaying its channel, in order, including what arrived since.
    expect((await claim(a, 'a')).map((m) => m.sessionId)).toEqual(['C1-3']);
  });

  test('a backlog in one channel does not hide another channel’s due post from its owner', async () => {
    const [a] = await twoReplicas();
    const backlog = Array.from({ length: 2_100 }, (_, n) => cdr(`busy-${n}`, ['C1']));
    await a.ingest([...backlog, cdr('quiet-1', ['C2'])]);
    const claimOne = () =>
      a.claimDue({
        now: T0 + 1,
        limit: 10,
        leaseMs: 60_000,
        owner: 'a',
        perChannel: 1,
        channelLeaseMs: LEASE,
      });
    // The first claim takes the channels; each claims its oldest due post, the quiet one behind 2,100 others.
    const claimed = await claimOne();
    expect(claimed.map((m) => m.sessionId)).toEqual(['busy-0', 'quiet-1']);
    expect(await claimOne()).toEqual([]);
  });

  test('live replicas share the channels', async () => {
    const [a, b] = await twoReplicas();
    expect(await claim(a, 'a')).toEqual([]);
    expect(await claim(b, 'b')).toEqual([]);
    await a.ingest(four.map((c) => cdr(`${c}-1`, [c])));
    const mineA = channelsOf(await claim(a, 'a'));
    const mineB = channelsOf(await claim(b, 'b'));
    expect(mineA).toHaveLength(2);
    expect([...mineA, ...mineB].sort()).toEqual(four);
  });

  test('a dead replica’s channels and claims are taken over once its channel lease ends', async () => {
    const [a, b] = await twoReplicas();
    await a.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
    const [first] = await claim(a, 'a');
    const held = { id: first?.id ?? 0, owner: 'a', fence: first?.fence ?? 0 };
    expect(await a.beginAttempt(held, { at: T0 + 2, leaseMs: 60_000, channelGuardMs: 1_000 })).toBe(true);
    // a dies. Before its channel lease ends nothing moves; after, b takes the channel and a's claims.
    expect(await claim(b, 'b', T0 + LEASE)).toEqual([]);
    const taken = await claim(b, 'b', T0 + LEASE + 2);
    expect(taken.map((m) => [m.sessionId, m.inDoubt])).toEqual([
      ['s1', true],
      ['s2', false],
    ]);
    expect(taken[0]?.fence).toBe((first?.fence ?? 0) + 1);
    // a, if it was only slow, can no longer post or settle.
    expect(await a.beginAttempt(held, { at: T0 + LEASE + 3, leaseMs: 60_000 })).toBe(false);
    expect(await a.markSent(held.id, 'a', 'late', held.fence)).toBe(false);
  });

  test('an attempt needs the channel held for the guard; shutdown gives channels back', async () => {
    const [a, b] = await twoReplicas();
    await a.ingest([cdr('s1', ['C1']), cdr('s2', ['C2'])]);
    const claimed = await claim(a, 'a');
    const held = { id: claimed[0]?.id ?? 0, owner: 'a', fence: claimed[0]?.fence ?? 0 };
    // The channel lease ends at T0 + 1 + 5,000: a post that may last 4,000 ms can start until T0 + 1,001.
    expect(await a.beginAttempt(held, { at: T0 + 1_002, leaseMs: 60_000, channelGuardMs: 4_000 })).toBe(
      false,
    );
    expect(await a.beginAttempt(held, { at: T0 + 1_000, leaseMs: 60_000, channelGuardMs: 4_000 })).toBe(true);
    // At the shutdown deadline s1's post is still on the wire: its channel stays a's, the other goes back.
    expect(await a.releaseClaims('a', { except: [held.id] })).toBe(1);
    expect(channelsOf(await claim(b, 'b', T0 + 2))).toEqual(['C2']);
  });
});
