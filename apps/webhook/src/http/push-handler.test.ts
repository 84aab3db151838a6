import { randomBytes } from 'node:crypto';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from '../test-utils/harness.ts';
import { createTestSchema, postgresSuite, type TestSchema } from '../test-utils/postgres.ts';

let harness: Harness | undefined;
const schemas: TestSchema[] = [];
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});
afterAll(async () => {
  for (const schema of schemas.splice(0)) await schema.drop();
});

const basic = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json;charset=utf8', ...headers },
  });
describe('metric labels', () => {
  test('2,000 requests with random 1 KB actions, authenticated or not, add no series and leave /metrics small', async () => {
    const metricsToken = 'push-handler-metrics-token';
    harness = await startHarness({ config: { metricsToken } });
    const { pushUrl } = harness;
    const scrape = async (): Promise<string> =>
      (
        await fetch(`${harness?.webhook.url}/metrics`, {
          headers: { authorization: `Bearer ${metricsToken}` },
        })
      ).text();
    const series = (text: string): string[] =>
      text.split('\n').filter((line) => line && !line.startsWith('#'));
    const actions: string[] = [];
    const flood = async (count: number): Promise<void> => {
      for (let start = 0; start < count; start += 50) {
        const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) => {
          const action = randomBytes(512).toString('hex');
          actions.push(action);
          const headers = (start + i) % 2 === 0 ? { authorization: basic } : {};
          return post(`${pushUrl}?action=${action}&version=1`, repairedSamples.cdrPushSeed, headers).then(
            (r) => r.status,
          );
        });
        expect(new Set(await Promise.all(batch))).toEqual(new Set([400, 401]));
      }
    };
    await flood(20);
    const before = await scrape();
    await flood(2_000);
    const after = await scrape();

    expect(series(after).map((line) => line.replace(/ [\d.e+-]+$/, ''))).toEqual(
      series(before).map((line) => line.replace(/ [\d.e+-]+$/, '')),
    );
    expect(after.length).toBeLessThan(16 * 1024);
    expect(after).toContain('ccc_webhook_pushes_total{action="other",result="unauthorized"} 1010');
    expect(after).toContain('ccc_webhook_pushes_total{action="other",result="rejected"} 1010');
    expect(actions.filter((action) => after.includes(action.slice(0, 16)))).toEqual([]);
  }, 120_000);
});

/** Push id behaviour, the same on both engines. */
const pushIdTests = (start: () => Promise<Harness>) => {
  test('an empty or blank X-TCCC-PUSH-UUID means absent: acked and stored once, retries deduplicated by the record key', async () => {
    harness = await start();
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    const replies = [];
    for (const pushId of ['', '', '   ', '\t'])
      replies.push(
        await (
          await post(url, repairedSamples.cdrPushSeed, { authorization: basic, 'x-tccc-push-uuid': pushId })
        ).json(),
      );
    expect(replies).toEqual([
      { ErrCode: 0, ErrMsg: '' },
      { ErrCode: 0, ErrMsg: 'duplicate' },
      { ErrCode: 0, ErrMsg: 'duplicate' },
      { ErrCode: 0, ErrMsg: 'duplicate' },
    ]);
    const inbox = await harness.webhook.store.listInbox();
    expect(inbox.map((row) => [row.pushId, row.dedupeKey])).toEqual([[null, inbox[0]?.dedupeKey]]);
    expect(inbox[0]?.dedupeKey).toMatch(/^cdr:/);
  });

  test('a push id no index can hold (4 KB) is ignored: the push is stored once, deduplicated by the record key', async () => {
    harness = await start();
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    // Random hex does not compress: PostgreSQL cannot fit it in an index row (about 2.7 KB).
    const huge = randomBytes(2048).toString('hex');
    const first = await post(url, repairedSamples.cdrPushSeed, {
      authorization: basic,
      'x-tccc-push-uuid': huge,
    });
    const retry = await post(url, repairedSamples.cdrPushSeed, {
      authorization: basic,
      'x-tccc-push-uuid': huge,
    });
    expect([await first.json(), await retry.json()]).toEqual([
      { ErrCode: 0, ErrMsg: '' },
      { ErrCode: 0, ErrMsg: 'duplicate' },
    ]);
    expect((await harness.webhook.store.listInbox()).map((row) => row.pushId)).toEqual([null]);
  });
};

describe('push id on SQLite', () => pushIdTests(() => startHarness()));

const postgres = await postgresSuite('push id on PostgreSQL');
describe.skipIf(postgres.skip)(postgres.title, () =>
  pushIdTests(async () => {
    const schema = await createTestSchema('webhook_push_id');
    schemas.push(schema);
    return startHarness({ databaseUrl: schema.url });
  }),
);
