import { createCccClient } from '@ccc-kit/ccc-client';
import { parsePush } from '@ccc-kit/cdr-parser';
import { startCccEmulator } from '@ccc-kit/sandbox/ccc';
import type { ChatFixture } from '@ccc-kit/sandbox/dataset';
import { pino } from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { startWebhook, type Webhook } from '../app.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { cccCallPages, cccChatPages } from './ccc-pages.ts';

// Chats through the whole path: the sandbox's pushes and its CCC emulator's DescribeIMCdrList, a webhook
// that takes the pushes, a second one (same database) that reconciles, both relays posting to Slack.

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

const ended = (h: Harness): ChatFixture[] => h.sandbox.dataset.chats.filter((c) => !c.state.CurrentState);
const postsOf = (h: Harness, sessionId: string) =>
  h.sandbox.slack.messages('#chats').filter((m) => JSON.stringify(m.blocks).includes(sessionId));

/** A webhook on the harness's database reconciling calls and chats from `cccUrl`; stopped after its first run. */
async function reconcileOnce(h: Harness, cccUrl: string = h.sandbox.cccUrl): Promise<Webhook> {
  const client = createCccClient({ ...h.sandbox.credentials.ccc, endpoint: cccUrl });
  const webhook = await startWebhook(
    {
      ...h.webhook.config,
      port: 0,
      relayOwner: 'reconciler',
      reconcile: {
        listCalls: cccCallPages(client),
        listChats: cccChatPages(client),
        intervalMs: 60_000,
        windowMs: 3 * 86_400_000,
      },
    },
    { logger: pino({ level: 'silent' }) },
  );
  stops.push(() => webhook.stop());
  await webhook.reconciler?.stop();
  return webhook;
}

describe('reconciling chats', () => {
  test('a chat whose push was lost is posted once; the pushed ones are not posted again', async () => {
    const h = await startHarness();
    stops.push(() => h.stop());
    const [lost, ...delivered] = ended(h);
    if (!lost) throw new Error('the dataset has no ended chat');
    for (const [i, chat] of delivered.entries())
      await h.pusher.push({ action: 'imcdr', body: chat.push, pushId: `chat-${i}` });
    await h.drained();
    await reconcileOnce(h);
    await h.drained();
    expect(h.sandbox.slack.messages('#chats')).toHaveLength(ended(h).length);
    for (const chat of ended(h)) expect(postsOf(h, chat.sessionId)).toHaveLength(1);
    const inbox = await h.webhook.store.listInbox();
    const row = inbox.find((r) => r.sessionId === lost.sessionId);
    expect(row).toMatchObject({ kind: 'imcdr', source: 'reconcile' });
    expect(JSON.parse(row?.body ?? '{}')).toMatchObject({ Reconciled: { From: 'DescribeIMCdrList' } });
    // The late push of that session is a duplicate, not a second post.
    const late = await h.pusher.push({ action: 'imcdr', body: lost.push, pushId: 'late' });
    expect(late).toMatchObject({ delivered: true, lastReply: expect.stringContaining('duplicate') });
    await h.drained();
    expect(postsOf(h, lost.sessionId)).toHaveLength(1);
    const after = await h.webhook.store.listInbox();
    expect(after.filter((r) => r.sessionId === lost.sessionId)).toHaveLength(1);
  }, 30_000);

  test('the pushed and the reconciled forms of a session have the same dedupe key', async () => {
    const h = await startHarness();
    stops.push(() => h.stop());
    await reconcileOnce(h);
    const reconciled = (await h.webhook.store.listInbox()).filter((r) => r.kind === 'imcdr');
    expect(reconciled).toHaveLength(ended(h).length);
    for (const chat of ended(h)) {
      const pushed = parsePush({ query: 'action=imcdr&version=1', body: JSON.stringify(chat.push) });
      if (!pushed.ok) throw new Error(pushed.error.message);
      const row = reconciled.find((r) => r.sessionId === chat.sessionId);
      expect(row?.dedupeKey).toBe(pushed.push.dedupeKey);
    }
  }, 30_000);

  test('a record no push could carry is quarantined; the others are imported', async () => {
    const h = await startHarness();
    stops.push(() => h.stop());
    const [first, ...rest] = ended(h);
    if (!first) throw new Error('the dataset has no ended chat');
    const poisoned = { ...first, sessionId: 'bad session id' };
    const { secretId, secretKey, sdkAppId } = h.sandbox.credentials.ccc;
    const ccc = await startCccEmulator({
      dataset: { ...h.sandbox.dataset, chats: [poisoned, ...rest] },
      credentials: [{ secretId, secretKey }],
      sdkAppId,
    });
    stops.push(() => ccc.stop());
    await reconcileOnce(h, ccc.url);
    await h.drained();
    expect(h.sandbox.slack.messages('#chats')).toHaveLength(rest.length);
    const kept = await h.webhook.store.listQuarantine();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      action: 'imcdr',
      query: 'action=imcdr&version=1&source=reconcile',
      reason: { code: 'invalid_reconciled_row', message: expect.stringMatching(/SessionId/) },
    });
  }, 30_000);
});
