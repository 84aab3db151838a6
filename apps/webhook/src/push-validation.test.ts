import { Writable } from 'node:stream';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { type Logger, pino } from 'pino';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from './test-utils/harness.ts';
import { createTestSchema, postgresSuite, type TestSchema } from './test-utils/postgres.ts';

// Item 2 and 5 of issue #18 through HTTP: length caps on ids and numbers (400 + quarantine, never a stall
// or a failed batch) and tolerance of wrong values in fields nothing relies on (stored, posted, one warning).

let harness: Harness | undefined;
const schemas: TestSchema[] = [];
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});
afterAll(async () => {
  for (const schema of schemas.splice(0)) await schema.drop();
});

type Json = Record<string, unknown>;
const basic = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;
const seed = JSON.parse(repairedSamples.cdrPushSeed) as Json;
const SEED_SESSION = seed.SessionId as string;
/** An IM CDR push with every documented field (tencent-api.md §3.7), values of the Desk samples. */
const chat: Json = {
  SdkAppId: 1400264214,
  SessionId: 'b0f4ca12-4850-4218-a284-efe679a87066',
  StartTimestamp: 1730939000,
  QueuedTimestamp: 1730939010,
  AcceptTimestamp: 1730939020,
  EndedTimestamp: 1730939300,
  QueuedSkillGroupId: 3067,
  QueuedSkillGroupName: 'Online customer service',
  EndStatusString: 'ok',
  UserId: '1299314544',
  UserNickName: 'Shannong',
  IVRKeyPressed: ['1'],
  SeatUser: { Mail: 'shannon@qq.com', Name: 'Shannon' },
  UserRemark: '',
  ClientData: '',
};

async function push(action: string, body: Json, pushId: string) {
  const response = await fetch(`${harness?.pushUrl}?action=${action}&version=1`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: basic, 'x-tccc-push-uuid': pushId },
  });
  return { status: response.status, reply: (await response.json()) as { ErrCode: number; ErrMsg: string } };
}

/** A pino logger whose lines are kept, parsed. */
function capturingLogger() {
  const lines: Json[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const posts = (channel: string, sessionId: string): unknown[] =>
  (harness?.sandbox.slack.messages(channel) ?? []).filter((m) => JSON.stringify(m).includes(sessionId));

const validationTests = (start: (logger?: Logger) => Promise<Harness>) => {
  test('over-long or control-character ids and numbers: 400 naming the field and the rule, quarantined; good pushes of the same moment are acked', async () => {
    harness = await start();
    const [good, goodChat, longId, nulId, hugeCaller, hugeUser] = await Promise.all([
      push('cdr', seed, 'good-cdr'),
      push('imcdr', chat, 'good-chat'),
      push('cdr', { ...seed, SessionId: 'x'.repeat(3000) }, 'long-id'),
      push('cdr', { ...seed, SessionId: 'bad\u0000id' }, 'nul-id'),
      push('cdr', { ...seed, Caller: '1'.repeat(1_000_000) }, 'huge-caller'),
      push('imcdr', { ...chat, UserId: '9'.repeat(60_000), UserNickName: '9'.repeat(60_000) }, 'huge-user'),
    ]);
    expect([good, goodChat]).toEqual([
      { status: 200, reply: { ErrCode: 0, ErrMsg: '' } },
      { status: 200, reply: { ErrCode: 0, ErrMsg: '' } },
    ]);
    expect([longId, nulId, hugeCaller, hugeUser].map((r) => [r.status, r.reply.ErrMsg])).toEqual([
      [400, 'Invalid CDR push: SessionId: SessionId must be at most 128 characters; got 3,000'],
      [
        400,
        'Invalid CDR push: SessionId: SessionId may only contain A-Z a-z 0-9 _ . : -; got U+0000 at position 3',
      ],
      [400, 'Invalid CDR push: Caller: Caller must be at most 64 characters; got 1,000,000'],
      [400, 'Invalid IM CDR push: UserId: UserId must be at most 64 characters; got 60,000'],
    ]);
    const quarantined = await harness.webhook.store.listQuarantine();
    expect(quarantined.map((row) => [row.pushId, row.reason.code]).sort()).toEqual([
      ['huge-caller', 'invalid_payload'],
      ['huge-user', 'invalid_payload'],
      ['long-id', 'invalid_payload'],
      ['nul-id', 'invalid_payload'],
    ]);
    const kept = quarantined.find((row) => row.pushId === 'huge-caller');
    expect(JSON.parse(Buffer.from(kept?.body ?? []).toString()).Caller).toHaveLength(1_000_000);
    await harness.drained();
    expect(posts('#calls', SEED_SESSION)).toHaveLength(1);
    expect(posts('#chats', chat.SessionId as string)).toHaveLength(1);
  });

  test('a wrong type in fields nothing relies on: stored and posted, one warning naming them with kind and SessionId', async () => {
    const { logger, lines } = capturingLogger();
    harness = await start(logger);
    const remarkAsNumber = { ...seed, UserRemark: 7605, TelLocation: 'Anshun', IVRKeyPressed: '1' };
    const clientDataAsObject = { ...chat, ClientData: { orderId: 'A-1' }, Duration: '280' };
    expect(await push('cdr', remarkAsNumber, 'odd-cdr')).toEqual({
      status: 200,
      reply: { ErrCode: 0, ErrMsg: '' },
    });
    expect(await push('imcdr', clientDataAsObject, 'odd-chat')).toEqual({
      status: 200,
      reply: { ErrCode: 0, ErrMsg: '' },
    });
    await harness.drained();
    const [call] = posts('#calls', SEED_SESSION);
    expect(JSON.stringify(call)).toContain('+86 184****7605');
    expect(posts('#chats', chat.SessionId as string)).toHaveLength(1);
    expect(await harness.webhook.store.listQuarantine()).toEqual([]);
    expect((await harness.webhook.store.stats()).outbox.dead).toBe(0);
    const warned = lines.filter((line) => line.msg === 'push accepted without fields of a wrong type');
    expect(warned).toEqual([
      expect.objectContaining({
        level: 40,
        pushId: 'odd-cdr',
        kind: 'cdr',
        sessionId: SEED_SESSION,
        warnings: [
          'IVRKeyPressed: expected Array, got a string; dropped',
          'UserRemark: expected string, got a number; dropped',
          'TelLocation: expected Object, got a string; dropped',
        ],
      }),
      expect.objectContaining({
        pushId: 'odd-chat',
        kind: 'imcdr',
        sessionId: chat.SessionId,
        warnings: [
          'Duration: expected number, got a string; dropped',
          'ClientData: expected string, got an object; dropped',
        ],
      }),
    ]);
  });
};

describe('push validation on SQLite', () =>
  validationTests((logger) => startHarness(logger ? { logger } : {})));

const postgres = await postgresSuite('push validation on PostgreSQL');
describe.skipIf(postgres.skip)(postgres.title, () =>
  validationTests(async (logger) => {
    const schema = await createTestSchema('webhook_push_validation');
    schemas.push(schema);
    return startHarness({ databaseUrl: schema.url, ...(logger ? { logger } : {}) });
  }),
);
