import { datasetToPushes } from '@ccc-kit/sandbox/dataset';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from './test-utils/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const basic = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json;charset=utf8', ...headers },
  });

describe('receive', () => {
  test('the seed CDR pushed twice with the same push id posts once in its routed channel', async () => {
    harness = await startHarness();
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    const headers = { authorization: basic, 'x-tccc-push-uuid': 'push-0001' };
    const first = await post(url, repairedSamples.cdrPushSeed, headers);
    const second = await post(url, repairedSamples.cdrPushSeed, headers);
    expect(await first.json()).toEqual({ ErrCode: 0, ErrMsg: '' });
    expect(await second.json()).toEqual({ ErrCode: 0, ErrMsg: 'duplicate' });
    await harness.drained();
    const posts = harness.sandbox.slack.messages('#calls');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('+86 184****7605');
    expect(JSON.stringify(posts[0])).not.toContain('18486147605');
  });

  test('a recording pushed before its call ends up as one thread reply under the call post', async () => {
    harness = await startHarness();
    const call = harness.sandbox.dataset.calls.find((c) => c.records.length > 0 && c.push.Direction === 0);
    expect(call).toBeDefined();
    if (!call) return;
    const record = call.records[0];
    expect(
      (await harness.pusher.push({ action: 'record', body: record as object, pushId: 'rec-1' })).delivered,
    ).toBe(true);
    expect((await harness.pusher.push({ action: 'cdr', body: call.push, pushId: 'cdr-1' })).delivered).toBe(
      true,
    );
    await harness.drained();
    const posts = harness.sandbox.slack
      .messages('#calls')
      .filter((m) => m.text.includes(call.sessionId) || JSON.stringify(m.blocks).includes(call.sessionId));
    expect(posts).toHaveLength(1);
    const replies = harness.sandbox.slack.threads('#calls', posts[0]?.ts as string);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies)).not.toContain('http');
  });

  test('bad credentials get 401 and nothing is stored', async () => {
    harness = await startHarness();
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    const wrong = await post(url, repairedSamples.cdrPushSeed, {
      authorization: `Basic ${Buffer.from('tencent:nope').toString('base64')}`,
    });
    const missing = await post(url, repairedSamples.cdrPushSeed);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ErrCode: 401, ErrMsg: 'Unauthorized: wrong user name or password' });
    expect(missing.status).toBe(401);
    expect(await harness.webhook.store.stats()).toMatchObject({ inbox: 0, quarantine: 0 });
  });

  test('an invalid body gets 400 naming the problem and is kept in quarantine', async () => {
    harness = await startHarness();
    const response = await post(`${harness.pushUrl}?action=cdr&version=1`, '{"SessionId": 42}', {
      authorization: basic,
      'x-tccc-push-uuid': 'bad-1',
    });
    expect(response.status).toBe(400);
    const reply = (await response.json()) as { ErrCode: number; ErrMsg: string };
    expect(reply.ErrCode).toBe(400);
    expect(reply.ErrMsg).toContain('SessionId');
    const rows = await harness.webhook.store.listQuarantine();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pushId: 'bad-1', action: 'cdr', reason: { code: 'invalid_payload' } });
    expect(Buffer.from(rows[0]?.body ?? []).toString()).toBe('{"SessionId": 42}');
  });

  test('a body sent as a form or text gets 415 and is kept in quarantine; a missing Content-Type is accepted', async () => {
    harness = await startHarness();
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    const form = await post(url, repairedSamples.cdrPushSeed, {
      authorization: basic,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { ErrCode: number }).ErrCode).toBe(415);
    expect(await harness.webhook.store.listQuarantine()).toMatchObject([
      { action: 'cdr', reason: { code: 'unsupported_media_type' } },
    ]);
    const bare = await fetch(url, {
      method: 'POST',
      body: Buffer.from(repairedSamples.cdrPushSeed),
      headers: { authorization: basic },
    });
    expect(await bare.json()).toEqual({ ErrCode: 0, ErrMsg: '' });
  });

  test('a whole day of pushes, with duplicates and out-of-order recordings, posts each record once', async () => {
    harness = await startHarness();
    const pushes = datasetToPushes(harness.sandbox.dataset, { outOfOrder: 3 });
    const results = await harness.pusher.pushAll(pushes, { concurrency: 8 });
    expect(results.every((r) => r.delivered)).toBe(true);
    await harness.pusher.duplicate(pushes[0] as (typeof pushes)[number]);
    await harness.drained();
    const calls = harness.sandbox.dataset.calls;
    const allPosts = harness.sandbox.slack.messages('#calls');
    expect(allPosts).toHaveLength(calls.length);
    const stats = await harness.webhook.store.stats();
    expect(stats.outbox.dead).toBe(0);
  });
});

describe('relay under Slack faults', () => {
  test('429 storms and 5xx: every message once, channel order kept, nothing sent before Retry-After', async () => {
    harness = await startHarness();
    const calls = harness.sandbox.dataset.calls.slice(0, 6);
    harness.sandbox.slack.storm429('#calls', 2, 1);
    harness.sandbox.slack.faults.inject('chat.postMessage', { kind: 'status', status: 500 }, 2);
    for (const [i, call] of calls.entries()) {
      expect(
        (await harness.pusher.push({ action: 'cdr', body: call.push, pushId: `storm-${i}` })).delivered,
      ).toBe(true);
    }
    await harness.drained(30_000);
    const posted = harness.sandbox.slack.messages('#calls');
    expect(posted.map((m) => calls.findIndex((c) => JSON.stringify(m.blocks).includes(c.sessionId)))).toEqual(
      [0, 1, 2, 3, 4, 5],
    );
    // Posts and the history lookups after each 5xx (a 500 may have posted) both name the channel.
    const requests = harness.sandbox.slack.requests().filter((r) => r.channel === '#calls');
    expect(new Set(requests.map((r) => r.method))).toEqual(
      new Set(['chat.postMessage', 'conversations.history']),
    );
    const limited = requests.filter((r) => r.rateLimited);
    expect(limited).toHaveLength(2);
    for (const hit of limited) {
      const next = requests.find((r) => r.at > hit.at);
      expect(next).toBeDefined();
      expect((next?.at ?? 0) - hit.at).toBeGreaterThanOrEqual((hit.retryAfter ?? 1) * 1000);
    }
  }, 40_000);
});

describe('retention', () => {
  test('a delivered call is deleted once older than RETENTION_DAYS, and /metrics counts it', async () => {
    let offsetMs = 0;
    const metricsToken = 'retention-metrics-token';
    harness = await startHarness({
      now: () => Date.now() + offsetMs,
      config: { retentionDays: 1, retentionIntervalMs: 50, metricsToken },
    });
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    const acked = await post(url, repairedSamples.cdrPushSeed, { authorization: basic });
    expect(await acked.json()).toEqual({ ErrCode: 0, ErrMsg: '' });
    await harness.drained();
    await new Promise((resolve) => setTimeout(resolve, 300)); // several passes: too young to go
    expect((await harness.webhook.store.stats()).inbox).toBe(1);

    offsetMs = 2 * 86_400_000;
    const deadline = Date.now() + 5_000;
    while ((await harness.webhook.store.stats()).inbox > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await harness.webhook.store.stats()).toMatchObject({ inbox: 0, outbox: { sent: 0 } });
    const metrics = await fetch(`${harness.webhook.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    const text = await metrics.text();
    expect(text).toMatch(/^ccc_webhook_pruned_sessions_total 1$/m);
    expect(text).toMatch(/^ccc_webhook_outbox_messages\{state="pending"\} 0$/m);
    expect(text).not.toMatch(/state="sent"/); // a scrape counts what is undelivered, never the history
    expect(harness.sandbox.slack.messages('#calls')).toHaveLength(1);
  });
});
