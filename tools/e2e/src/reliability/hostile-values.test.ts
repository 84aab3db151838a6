import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { createTestSchema, postgresSuite } from '@ccc-kit/webhook/test-utils/postgres';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { validCdrText } from './test-utils/hostile.ts';
import { type RawReply, send } from './test-utils/raw-http.ts';
import { reportScenario } from './test-utils/report.ts';
import { SCALE } from './test-utils/scale.ts';
import { postgresReader, type StoreReader, sqliteReader } from './test-utils/store-reader.ts';
import { PUSH_AUTHORIZATION, startWebhookProcess } from './test-utils/webhook-process.ts';

let slack: SlackEmulator;
let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-values-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(async () => {
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One push of a round: its id (`X-TCCC-PUSH-UUID`), action, body, and whether it must be refused. */
interface Probe {
  readonly id: string;
  readonly kind: string;
  readonly action: 'cdr' | 'imcdr';
  readonly body: string;
  readonly bad: boolean;
}

/** A phone-like value of about 1 MB: digits, what the masking regex of numbers chews on. */
const digits = (count: number): string => '8'.repeat(count);

/** Values the schemas must refuse (400) without a stall, and the database must never see. */
const BAD: readonly [string, 'cdr' | 'imcdr', (id: string) => string][] = [
  ['1 MB Caller', 'cdr', (id) => validCdrText(id).replace('"008613800138000"', `"${digits(1_000_000)}"`)],
  [
    '1 MB UserId',
    'imcdr',
    (id) => JSON.stringify({ SessionId: id, UserId: digits(1_000_000), UserNickName: digits(40_000) }),
  ],
  ['NUL in SessionId', 'cdr', (id) => validCdrText(`${id}\u0000x`)],
  // Random hex does not compress: 3 KB is past PostgreSQL's index row limit (about 2.7 KB).
  ['3 KB SessionId', 'cdr', (id) => validCdrText(`${id}-${randomBytes(1_500).toString('hex')}`)],
];

/** A round: 24 good pushes (CDRs and IM CDRs), a bad one after every 6th, all sent at once. */
function round(engine: string, n: number): Probe[] {
  return Array.from({ length: 24 }, (_, i): Probe[] => {
    const id = `good-${engine}-${n}-${i}`;
    const action = i % 3 === 0 ? 'imcdr' : 'cdr';
    const body = action === 'cdr' ? validCdrText(id) : JSON.stringify({ SessionId: id, UserId: '10086' });
    const good: Probe = { id, kind: 'good', action, body, bad: false };
    const bad = i % 6 === 5 ? BAD[(i - 5) / 6] : undefined;
    if (!bad) return [good];
    const badId = `bad-${engine}-${n}-${(i - 5) / 6}`;
    return [good, { id: badId, kind: bad[0], action: bad[1], body: bad[2](badId), bad: true }];
  }).flat();
}

const errCode = (reply: RawReply): unknown => (reply.json as { ErrCode?: unknown } | undefined)?.ErrCode;

/** Sends the rounds to a webhook on `databaseUrl` and checks every reply against the store. */
async function hostileValues(engine: string, databaseUrl: string, openReader: () => StoreReader) {
  const webhook = await startWebhookProcess({
    env: {
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_DEFAULT_CHANNEL: 'C0CALLS',
      LOG_LEVEL: 'warn',
    },
  });
  cleanups.push(() => webhook.kill());
  const reader = openReader();
  cleanups.push(() => reader.close());
  const sent: { probe: Probe; reply: RawReply | null; ms: number }[] = [];
  for (let n = 0; n < SCALE.hostileValueRounds; n++) {
    const results = await Promise.all(
      round(engine, n).map(async (probe) => {
        const started = performance.now();
        const reply = await send(`${webhook.url}/push?action=${probe.action}&version=1`, {
          headers: {
            authorization: PUSH_AUTHORIZATION,
            'content-type': 'application/json;charset=utf8',
            'x-tccc-push-uuid': probe.id,
          },
          body: probe.body,
          timeoutMs: 30_000,
        }).catch(() => null);
        return { probe, reply, ms: performance.now() - started };
      }),
    );
    sent.push(...results);
  }
  const good = sent.filter((s) => !s.probe.bad);
  const bad = sent.filter((s) => s.probe.bad);
  const acked = good.filter((s) => s.reply?.status === 200 && errCode(s.reply) === 0);
  const refused = sent.filter((s) => s.reply?.status === 400 && errCode(s.reply) === 400);
  const quarantine = await reader.quarantine();
  const inbox = new Set((await reader.inbox()).map((row) => row.pushId));
  const quarantined = new Set(quarantine.map((row) => row.pushId));
  const byKind = (kind: string) =>
    bad.filter((s) => s.probe.kind === kind && s.reply?.status === 400 && quarantined.has(s.probe.id)).length;
  reportScenario(`5b. hostile values in batches, ${engine}`, {
    'good pushes': good.length,
    acked: acked.length,
    'bad pushes': bad.length,
    'refused 400': refused.length,
    'quarantine rows': quarantine.length,
    ...Object.fromEntries(BAD.map(([kind]) => [`${kind} 400+kept`, byKind(kind)])),
    'unanswered or 5xx': sent.filter((s) => !s.reply || s.reply.status >= 500).length,
    'ack max ms (good)': Math.round(Math.max(...good.map((s) => s.ms))),
  });
  expect(good.filter((s) => !acked.includes(s)).map((s) => [s.probe.id, s.reply?.status])).toEqual([]);
  expect(bad.filter((s) => !refused.includes(s)).map((s) => [s.probe.kind, s.reply?.status])).toEqual([]);
  // Every refusal is accounted for in the quarantine, and no bad push reached the inbox.
  expect(quarantine.length).toBe(refused.length);
  expect(bad.filter((s) => !quarantined.has(s.probe.id)).map((s) => s.probe.kind)).toEqual([]);
  expect(good.filter((s) => !inbox.has(s.probe.id)).map((s) => s.probe.id)).toEqual([]);
  expect(bad.filter((s) => inbox.has(s.probe.id)).map((s) => s.probe.kind)).toEqual([]);
}

const postgres = await postgresSuite('PostgreSQL');

describe('scenario 5b: hostile values mixed into batches of good pushes', () => {
  test('SQLite: good pushes acked; 1 MB numbers, NUL and 3 KB SessionIds answered 400 and quarantined', async () => {
    const path = join(dir, 'values.db');
    await hostileValues('sqlite', `sqlite:${path}`, () => sqliteReader(path));
  }, 300_000);

  test.skipIf(postgres.skip)(
    `${postgres.title}: good pushes acked; 1 MB numbers, NUL and 3 KB SessionIds answered 400 and quarantined`,
    async () => {
      const schema = await createTestSchema('reliability_values');
      cleanups.push(() => schema.drop());
      await hostileValues('postgres', schema.url, () => postgresReader(schema.url));
    },
    300_000,
  );
});
