import type { CallFixture } from '@ccc-kit/sandbox/dataset';
import { FOLLOW_UP_PATH, FollowUpChangeAnswer, WaitingFollowUps } from '@ccc-kit/schemas';
import { pino } from 'pino';
import * as v from 'valibot';
import { afterEach, describe, expect, test } from 'vitest';
import { startWebhook } from './app.ts';
import { missedCall } from './test-utils/follow-up-calls.ts';
import { type Harness, startHarness } from './test-utils/harness.ts';
import { createTestSchema, postgresSuite, type TestSchema } from './test-utils/postgres.ts';

const TOKEN = 'follow-up-internal-token-0123456789abcdef';
let harness: Harness | undefined;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  const h = harness;
  harness = undefined;
  // A harness whose stop is in `cleanup` (PostgreSQL: before its schema is dropped) is stopped there.
  if (h && !cleanup.length) await h.stop();
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Pushes the missed call and waits until it is posted. */
async function postMissed(h: Harness): Promise<CallFixture> {
  const call = missedCall(h);
  expect((await h.pusher.push({ action: 'cdr', body: call.push, pushId: 'missed-1' })).delivered).toBe(true);
  await h.drained();
  return call;
}

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field in assertions
type Answer = any;
/** An answer's JSON; a change's answer or a list is checked against the contract the bot parses with. */
async function read(response: Response): Promise<Answer> {
  const body: Answer = await response.json();
  if ('ok' in body) expect(v.safeParse(FollowUpChangeAnswer, body).issues).toBeUndefined();
  if ('rows' in body) expect(v.safeParse(WaitingFollowUps, body).issues).toBeUndefined();
  return body;
}

const send = (url: string, body: unknown, token: string | null = TOKEN) =>
  fetch(`${url}${FOLLOW_UP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

const postOf = (h: Harness, sessionId: string) => {
  const posts = h.sandbox.slack
    .messages('#support-missed')
    .filter((m) => JSON.stringify(m.blocks).includes(sessionId));
  expect(posts).toHaveLength(1);
  return posts[0] as NonNullable<(typeof posts)[0]>;
};

describe('internal follow-up API', () => {
  test('refuses a missing or wrong token, a bad body, and an unknown call, with what to do', async () => {
    harness = await startHarness({ config: { internalToken: TOKEN } });
    const call = await postMissed(harness);
    const take = { action: 'take', sessionId: call.sessionId, userId: 'U0ANN' };
    expect((await send(harness.webhook.url, take, null)).status).toBe(401);
    const wrong = await send(harness.webhook.url, take, `${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(await read(wrong)).toEqual({ error: 'send Authorization: Bearer <INTERNAL_TOKEN>' });
    const bad = await send(harness.webhook.url, { ...take, userId: 'alice' });
    expect(bad.status).toBe(400);
    expect((await read(bad)).error).toContain('userId');
    const noOutcome = await send(harness.webhook.url, { ...take, action: 'resolve' });
    expect(noOutcome.status).toBe(400);
    expect((await send(harness.webhook.url, { ...take, sessionId: 'no-such-call' })).status).toBe(404);
    // The missed call opened its follow-up when it was stored; none of the refused requests changed it.
    expect(await harness.webhook.store.getFollowUp(call.sessionId)).toMatchObject({
      state: 'open',
      version: 0,
    });
  });

  test('GET lists the missed calls waiting, with the token only; a bad query says which parameter', async () => {
    harness = await startHarness({ config: { internalToken: TOKEN } });
    const call = await postMissed(harness);
    const list = (query: string, token: string | null = TOKEN) =>
      fetch(`${harness?.webhook.url}${FOLLOW_UP_PATH}?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await list('since=0', null)).status).toBe(401);
    const listed = await read(await list('since=0'));
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({
      sessionId: call.sessionId,
      state: 'open',
      customer: expect.stringMatching(/^\d{7,15}$/),
    });
    const bad = await list('since=0&limit=500');
    expect(bad.status).toBe(400);
    expect((await read(bad)).error).toContain('limit');
    expect((await read(await list(`since=${Date.now() + 60_000}`))).total).toBe(0);
  });

  test('without INTERNAL_TOKEN the API does not exist', async () => {
    harness = await startHarness();
    const response = await send(harness.webhook.url, { action: 'take', sessionId: 'x', userId: 'U0ANN' });
    expect(response.status).toBe(404);
    expect((await read(response)).error).toContain('INTERNAL_TOKEN');
  });

  test('two people take the same call at once: one wins, the other is told who has it; one edit of the post', async () => {
    const h = await startHarness({ config: { internalToken: TOKEN } });
    harness = h;
    const call = await postMissed(h);
    const before = postOf(h, call.sessionId).edits.length;
    const answers = await Promise.all(
      ['U0ANN', 'U0BOB'].map((userId) =>
        send(h.webhook.url, { action: 'take', sessionId: call.sessionId, userId }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const bodies = await Promise.all(answers.map(read));
    const winner = bodies.find((b) => b.ok)?.followUp.takenBy;
    expect(bodies.find((b) => !b.ok)).toMatchObject({ reason: 'taken', followUp: { takenBy: winner } });
    await harness.drained();
    expect(postOf(harness, call.sessionId).edits.length).toBe(before + 1);
  });

  test('metrics: calls waiting by state, and the time to resolve counted once over scrapes', async () => {
    const metricsToken = 'follow-up-metrics-token';
    harness = await startHarness({ config: { internalToken: TOKEN, metricsToken } });
    const call = await postMissed(harness);
    const scrape = async () =>
      (
        await fetch(`${harness?.webhook.url}/metrics`, {
          headers: { authorization: `Bearer ${metricsToken}` },
        })
      ).text();
    expect(await scrape()).toMatch(/^ccc_webhook_follow_ups_waiting\{state="open"\} 1$/m);
    const resolve = { action: 'resolve', sessionId: call.sessionId, userId: 'U0ANN', outcome: 'reached' };
    expect((await send(harness.webhook.url, resolve)).status).toBe(200);
    const first = await scrape();
    expect(first).toMatch(/^ccc_webhook_follow_ups_waiting\{state="open"\} 0$/m);
    expect(first).toMatch(/^ccc_webhook_follow_up_resolve_seconds_count\{by="person"\} 1$/m);
    expect(first).toMatch(/^ccc_webhook_follow_ups_total\{action="resolve",result="applied"\} 1$/m);
    // The sandbox's day is yesterday: the missed call waited less than 3 days.
    expect(first).toMatch(/^ccc_webhook_follow_up_resolve_seconds_bucket\{le="259200",by="person"\} 1$/m);
    expect(await scrape()).toMatch(/^ccc_webhook_follow_up_resolve_seconds_count\{by="person"\} 1$/m);
  });

  test('the state survives a restart of the webhook', async () => {
    harness = await startHarness({ config: { internalToken: TOKEN } });
    const call = await postMissed(harness);
    expect(
      (await send(harness.webhook.url, { action: 'take', sessionId: call.sessionId, userId: 'U0ANN' }))
        .status,
    ).toBe(200);
    await harness.drained();
    const config = harness.webhook.config;
    await harness.webhook.stop();
    const again = await startWebhook({ ...config, port: 0 }, { logger: pino({ level: 'silent' }) });
    const h = harness;
    cleanup.push(
      () => h.stop(),
      () => again.stop(),
    );
    const resolve = {
      action: 'resolve',
      sessionId: call.sessionId,
      userId: 'U0BOB',
      outcome: 'reached',
      note: ' called back ',
    };
    const answer = await send(again.url, resolve);
    expect(await read(answer)).toMatchObject({
      ok: true,
      followUp: { state: 'resolved', takenBy: 'U0ANN', resolvedBy: 'U0BOB', note: 'called back' },
    });
  });
});

const suite = await postgresSuite('follow-ups on two replicas');
describe.skipIf(suite.skip)(suite.title, () => {
  test('clicks through two replicas: one wins, and each post is edited once', async () => {
    const schema: TestSchema = await createTestSchema('webhook_follow_ups');
    cleanup.push(() => schema.drop());
    const h = await startHarness({
      databaseUrl: schema.url,
      config: { internalToken: TOKEN, relayOwner: 'replica-a' },
    });
    cleanup.push(() => h.stop());
    harness = h;
    const second = await startWebhook(
      { ...harness.webhook.config, relayOwner: 'replica-b', port: 0 },
      { logger: pino({ level: 'silent' }) },
    );
    cleanup.push(() => second.stop());
    const call = await postMissed(harness);
    const before = postOf(harness, call.sessionId).edits.length;
    const urls = [harness.webhook.url, second.url, harness.webhook.url, second.url];
    const answers = await Promise.all(
      urls.map((url, i) => send(url, { action: 'take', sessionId: call.sessionId, userId: `U0P${i}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    await harness.drained(20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postOf(harness, call.sessionId).edits.length).toBe(before + 1);
  }, 60_000);
});
