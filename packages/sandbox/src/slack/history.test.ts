import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

let now = 1_700_000_000_000;
let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator({ now: () => now, ratePerChannel: Number.POSITIVE_INFINITY });
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => {
  // ts stay unique across reset(), so each test starts an hour later to get whole-second ts.
  now += 3_600_000;
  slack.reset();
});

/** Posts `count` messages one second apart (ts `1700003601.000000`, …), returning their ts in order. */
async function postSeconds(count: number, channel = 'C0CALLS'): Promise<string[]> {
  const posted: string[] = [];
  for (let i = 1; i <= count; i++) {
    now += 1000;
    posted.push((await client.chat.postMessage({ channel, text: `m${i}` })).ts as string);
  }
  return posted;
}

const errorOf = async (call: Promise<unknown>): Promise<unknown> =>
  ((await rejectionOf(call)) as { data?: { error?: unknown } }).data?.error;

const tsOf = (result: { messages?: { ts?: string }[] }) => result.messages?.map((m) => m.ts);

describe('conversations.history paging', () => {
  test('pages newest first with opaque cursors until next_cursor is empty', async () => {
    const posted = await postSeconds(25);
    const pages: (string | undefined)[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.history({
        channel: 'C0CALLS',
        limit: 10,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(tsOf(page) ?? []);
      expect(page.has_more).toBe(pages.length < 3);
      cursor = page.response_metadata?.next_cursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual([...posted].reverse());
  });

  test('answers 100 by default, and invalid_cursor for a cursor it did not issue', async () => {
    for (let i = 0; i < 105; i++) await client.chat.postMessage({ channel: 'C0CALLS', text: `${i}` });
    const first = await client.conversations.history({ channel: 'C0CALLS' });
    expect(first.messages).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const rest = await client.conversations.history({
      channel: '#calls',
      cursor: first.response_metadata?.next_cursor as string,
    });
    expect(rest.messages).toHaveLength(5);
    expect(rest.response_metadata?.next_cursor).toBe('');
    expect(await errorOf(client.conversations.history({ channel: 'C0CALLS', cursor: 'bm9wZQ==' }))).toBe(
      'invalid_cursor',
    );
  });

  test('oldest and latest are exclusive unless inclusive=true; bad bounds are refused', async () => {
    const ts = await postSeconds(10);
    const bounds = { channel: 'C0CALLS', oldest: ts[2] as string, latest: ts[6] as string };
    expect(tsOf(await client.conversations.history(bounds))).toEqual([ts[5], ts[4], ts[3]]);
    const inclusive = await client.conversations.history({ ...bounds, inclusive: true });
    expect(tsOf(inclusive)).toEqual([ts[6], ts[5], ts[4], ts[3], ts[2]]);
    // Whole seconds work as bounds too, as Slack accepts them.
    const since = await client.conversations.history({ channel: 'C0CALLS', oldest: String(now / 1000 - 2) });
    expect(tsOf(since)).toEqual([ts[9], ts[8]]);
    const bad = client.conversations.history({ channel: 'C0CALLS', latest: 'yesterday' });
    expect(await errorOf(bad)).toBe('invalid_ts_latest');
  });

  test('leaves thread replies out but keeps broadcast ones, and marks parents with their thread', async () => {
    const [root] = await postSeconds(1);
    const thread = { channel: 'C0CALLS', thread_ts: root as string };
    const reply = await client.chat.postMessage({ ...thread, text: 'quiet' });
    const loud = await client.chat.postMessage({ ...thread, text: 'loud', reply_broadcast: true });
    const { messages } = await client.conversations.history({ channel: 'C0CALLS' });
    expect(messages?.map((m) => m.text)).toEqual(['loud', 'm1']);
    expect(messages?.[0]).toMatchObject({ subtype: 'thread_broadcast', thread_ts: root });
    expect(messages?.[1]).toMatchObject({ thread_ts: root, reply_count: 2, latest_reply: loud.ts });
    expect(messages?.some((m) => m.ts === reply.ts)).toBe(false);
  });

  test('leaves deleted messages out', async () => {
    const [first, second] = await postSeconds(2);
    const responseUrl = slack.createResponseUrl({ channel: 'C0CALLS', messageTs: first as string });
    await fetch(responseUrl, { method: 'POST', body: JSON.stringify({ delete_original: true }) });
    expect(tsOf(await client.conversations.history({ channel: 'C0CALLS' }))).toEqual([second]);
  });

  test('needs the bot in the channel: not_in_channel when public, channel_not_found when private', async () => {
    slack.setMembership('C0CALLS', false);
    expect(await errorOf(client.conversations.history({ channel: 'C0CALLS' }))).toBe('not_in_channel');
    slack.createChannel('secret', { isPrivate: true, isMember: false });
    expect(await errorOf(client.conversations.history({ channel: '#secret' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.history({ channel: 'C0NOPE' }))).toBe('channel_not_found');
  });
});

describe('metadata', () => {
  const metadata = { event_type: 'ccc_outbox', event_payload: { outbox_id: 7, session_id: 's-1' } };

  test('comes back from history and replies only with include_all_metadata', async () => {
    const root = await client.chat.postMessage({ channel: 'C0CALLS', text: 'card', metadata });
    const thread = { channel: 'C0CALLS', ts: root.ts as string };
    await client.chat.postMessage({ channel: 'C0CALLS', thread_ts: root.ts as string, text: 'r', metadata });
    const plain = await client.conversations.history({ channel: 'C0CALLS' });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    const full = await client.conversations.history({ channel: 'C0CALLS', include_all_metadata: true });
    expect(full.messages?.[0]?.metadata).toEqual(metadata);
    expect((await client.conversations.replies(thread)).messages?.[1]).not.toHaveProperty('metadata');
    const replies = await client.conversations.replies({ ...thread, include_all_metadata: true });
    expect(replies.messages?.map((m) => m.metadata)).toEqual([metadata, metadata]);
    expect(slack.messages('C0CALLS')[0]?.metadata).toEqual(metadata);
  });

  test('an invalid event_type is ignored with a warning, and the message is posted', async () => {
    const bad = { event_type: 'has.period', event_payload: {} };
    const posted = await client.chat.postMessage({ channel: 'C0CALLS', text: 'x', metadata: bad });
    expect(posted).toMatchObject({ ok: true, warning: 'invalid_metadata_schema' });
    expect(slack.messages('C0CALLS')[0]?.metadata).toBeUndefined();
  });

  test('chat.update replaces metadata when given and keeps it when omitted', async () => {
    const root = await client.chat.postMessage({ channel: 'C0CALLS', text: 'v1', metadata });
    const ts = root.ts as string;
    await client.chat.update({ channel: 'C0CALLS', ts, text: 'v2' });
    expect(slack.messages('C0CALLS')[0]?.metadata).toEqual(metadata);
    const next = { event_type: 'ccc_outbox', event_payload: { outbox_id: 8 } };
    await client.chat.update({ channel: 'C0CALLS', ts, text: 'v3', metadata: next });
    expect(slack.messages('C0CALLS')[0]?.metadata).toEqual(next);
  });
});

describe('conversations.replies', () => {
  test('returns the parent then its replies oldest first, from the parent or any reply ts', async () => {
    const [root] = await postSeconds(1);
    const replyTs: string[] = [];
    for (const text of ['r1', 'r2', 'r3']) {
      now += 1000;
      const reply = await client.chat.postMessage({ channel: 'C0CALLS', thread_ts: root as string, text });
      replyTs.push(reply.ts as string);
    }
    const whole = await client.conversations.replies({ channel: 'C0CALLS', ts: root as string });
    expect(whole.messages?.map((m) => m.text)).toEqual(['m1', 'r1', 'r2', 'r3']);
    expect(whole.has_more).toBe(false);
    const fromReply = await client.conversations.replies({ channel: 'C0CALLS', ts: replyTs[1] as string });
    expect(tsOf(fromReply)).toEqual(tsOf(whole));
    const first = await client.conversations.replies({ channel: 'C0CALLS', ts: root as string, limit: 3 });
    expect(tsOf(first)).toEqual([root, replyTs[0], replyTs[1]]);
    const cursor = first.response_metadata?.next_cursor as string;
    const second = await client.conversations.replies({ channel: 'C0CALLS', ts: root as string, cursor });
    expect(tsOf(second)).toEqual([replyTs[2]]);
    const after = { channel: 'C0CALLS', ts: root as string, oldest: replyTs[0] as string };
    expect(tsOf(await client.conversations.replies(after))).toEqual(replyTs.slice(1));
  });

  test('a message without replies is its own thread; an unknown ts is thread_not_found', async () => {
    const [lonely] = await postSeconds(1);
    expect(tsOf(await client.conversations.replies({ channel: 'C0CALLS', ts: lonely as string }))).toEqual([
      lonely,
    ]);
    const unknown = client.conversations.replies({ channel: 'C0CALLS', ts: '1.000001' });
    expect(await errorOf(unknown)).toBe('thread_not_found');
    const noTs = client.apiCall('conversations.replies', { channel: 'C0CALLS' });
    expect(await errorOf(noTs)).toBe('invalid_arguments');
  });
});
