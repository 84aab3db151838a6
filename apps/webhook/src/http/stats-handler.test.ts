import { toCallFacts, toChatRecord } from '@ccc-kit/cdr-parser';
import { STATS_PATH, WebhookStatsAnswer } from '@ccc-kit/schemas';
import { aggregateCalls, aggregateChats } from '@ccc-kit/stats';
import * as v from 'valibot';
import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../test-utils/harness.ts';

const TOKEN = 'stats-internal-token-0123456789abcdefghij';
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const ask = (h: Harness, query: string, token: string | null = TOKEN) =>
  fetch(`${h.webhook.url}${STATS_PATH}?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('GET /internal/stats', () => {
  test("the stored day's numbers equal @ccc-kit/stats over the same pushes; a group narrows them", async () => {
    const h = await startHarness({ config: { internalToken: TOKEN } });
    harness = h;
    const calls = h.sandbox.dataset.calls;
    // Only ended chats are pushed (Tencent pushes a chat when it ends).
    const chats = h.sandbox.dataset.chats.filter((c) => c.push.EndStatusString);
    const pushes = [
      ...calls.map((c) => ({ action: 'cdr' as const, body: c.push, pushId: `stats-${c.sessionId}` })),
      ...chats.map((c) => ({ action: 'imcdr' as const, body: c.push, pushId: `stats-${c.sessionId}` })),
    ];
    expect((await h.pusher.pushAll(pushes, { concurrency: 8 })).every((r) => r.delivered)).toBe(true);
    const from = Math.min(...calls.map((c) => (c.push.StartTimestamp ?? 0) * 1000));
    const to = from + 86_400_000;
    const answer = await ask(h, `from=${from}&to=${to}&timeZone=Asia/Shanghai`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { source: string; stats: unknown; chats: unknown };
    const expected = await aggregateCalls(
      calls.map((c) => toCallFacts(c.push)).filter((c) => (c.startedAt?.getTime() ?? 0) < to),
      { timeZone: 'Asia/Shanghai' },
    );
    expect(body.source).toBe('webhook');
    // The contract the bot reads it with.
    expect(v.safeParse(WebhookStatsAnswer, body).issues).toBeUndefined();
    expect(body.stats).toEqual(JSON.parse(JSON.stringify(expected)));
    const expectedChats = await aggregateChats(
      chats.map((c) => toChatRecord(c.push)).filter((c) => (c.startedAt?.getTime() ?? 0) < to),
      { timeZone: 'Asia/Shanghai' },
    );
    expect(expectedChats.totals.sessions).toBeGreaterThan(0);
    expect(body.chats).toEqual(JSON.parse(JSON.stringify(expectedChats)));

    const group = expected.bySkillGroup.find((row) => row.kind === 'key');
    const narrowed = (await (
      await ask(h, `from=${from}&to=${to}&group=${encodeURIComponent(group?.label.toUpperCase() ?? '')}`)
    ).json()) as {
      stats: { totals: { inbound: { offered: number } } };
    };
    expect(narrowed.stats.totals.inbound.offered).toBe(group?.inbound.offered);
  });

  test('refuses a missing token, a bad range or zone with what to fix; 404 without INTERNAL_TOKEN', async () => {
    const h = await startHarness({ config: { internalToken: TOKEN } });
    harness = h;
    expect((await ask(h, 'from=0&to=1', null)).status).toBe(401);
    const backwards = await ask(h, 'from=10&to=5');
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toEqual({ error: 'to: must be after from' });
    expect(await (await ask(h, `from=0&to=${91 * 86_400_000}`)).json()).toEqual({
      error: 'to: the range is at most 90 days',
    });
    expect(await (await ask(h, 'from=0&to=5&timeZone=Mars/Olympus')).json()).toEqual({
      error: 'timeZone: must be an IANA time zone',
    });
    await h.stop();
    harness = await startHarness();
    expect((await ask(harness, 'from=0&to=5')).status).toBe(404);
  });
});
