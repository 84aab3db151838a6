import { afterEach, expect, test } from 'vitest';
import { callbackOf, missedCall } from './test-utils/follow-up-calls.ts';
import { type Harness, startHarness } from './test-utils/harness.ts';

const TOKEN = 'follow-up-order-internal-token-0123456789';
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test("a callback pushed before its missed call: the missed call's post is sent resolved, never edited", async () => {
  const h = await startHarness({ config: { internalToken: TOKEN } });
  harness = h;
  const missed = missedCall(h);
  // Tencent retried the missed call's push after the callback's went through.
  const callback = callbackOf(h, missed, 'callback-before-missed', 600);
  expect((await h.pusher.push({ action: 'cdr', body: callback, pushId: 'callback-1' })).delivered).toBe(true);
  await h.drained();
  expect((await h.pusher.push({ action: 'cdr', body: missed.push, pushId: 'missed-1' })).delivered).toBe(
    true,
  );
  await h.drained();

  expect(await h.webhook.store.getFollowUp(missed.sessionId)).toMatchObject({
    state: 'resolved',
    outcome: 'reached',
    reachedSession: 'callback-before-missed',
    version: 1,
  });
  const posts = h.sandbox.slack
    .messages('#support-missed')
    .filter((m) => JSON.stringify(m.blocks).includes(missed.sessionId));
  expect(posts).toHaveLength(1);
  const text = JSON.stringify(posts[0]?.blocks);
  expect(text).toContain('Reached the customer');
  expect(text).toContain('(outbound call,');
  expect([...text.matchAll(/"action_id":"(ccc_follow_up_\w+)"/g)].map((m) => m[1])).toEqual([
    'ccc_follow_up_reopen',
  ]);
  expect(posts[0]?.edits).toHaveLength(0);
});
