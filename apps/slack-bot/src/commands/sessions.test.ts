import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { reversedSessionPages } from '../test-utils/desk-order.ts';
import { type DirectBot, startDirect } from '../test-utils/direct.ts';
import { chatFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { lookupSessions } from './sessions.ts';

const NOW = Math.floor(Date.now() / 1000);
// 23 sessions of one customer in the last 23 hours (newest: s-22), and one of someone else.
const mine = Array.from({ length: 23 }, (_, i) =>
  chatFixture({
    sessionId: `s-${String(i).padStart(2, '0')}`,
    time: NOW - (23 - i) * 3600,
    clientUserId: '1299314544',
    stars: 4,
  }),
);
const dataset = datasetOf(
  [],
  [...mine, chatFixture({ sessionId: 'other-1', time: NOW - 60, clientUserId: 'someone' })],
);

const idsIn = (blocks: readonly unknown[] | undefined): string[] =>
  [...JSON.stringify(blocks).matchAll(/s-\d{2}/g)].map((m) => m[0]);

describe('/ccc sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset });
  });
  afterAll(() => h.stop());

  test('a page of recent sessions, newest first, with the end status in words and the agent', async () => {
    const result = await h.command('sessions 1299314544 --since 7d');
    const reply = await h.answer(result);
    const shown = JSON.stringify(reply?.blocks);
    expect(new Set(idsIn(reply?.blocks))).toEqual(
      new Set(['s-22', 's-21', 's-20', 's-19', 's-18', 's-17', 's-16', 's-15', 's-14', 's-13']),
    );
    expect(shown.indexOf('s-22')).toBeLessThan(shown.indexOf('s-13'));
    expect(shown).not.toContain('other-1');
    expect(shown).toContain('Agent ended the session');
    expect(shown).toContain('ann@example.com');
    expect(shown).toContain('ccc_sessions_more');
    const list = h.deskEmulator
      .requests()
      .filter((r) => r.command === 'describe_im_cdr_list')
      .at(-1);
    expect(list?.body).toMatchObject({ ClientUserId: '1299314544' });
  });

  test('More replaces the list with the next page, until the oldest', async () => {
    const result = await h.command('sessions 1299314544');
    const first = await h.answer(result);
    const more = await h.interact({ payload: clickPayload(findButton(first?.blocks, 'ccc_sessions_more')) });
    const [second] = await h.replies(more);
    expect(second?.replaceOriginal).toBe(true);
    expect(new Set(idsIn(second?.blocks))).toEqual(
      new Set(['s-12', 's-11', 's-10', 's-09', 's-08', 's-07', 's-06', 's-05', 's-04', 's-03']),
    );
    const last = await h.interact({ payload: clickPayload(findButton(second?.blocks, 'ccc_sessions_more')) });
    const [third] = await h.replies(last);
    expect(new Set(idsIn(third?.blocks))).toEqual(new Set(['s-02', 's-01', 's-00']));
    expect(JSON.stringify(third?.blocks)).not.toContain('ccc_sessions_more');
  });

  test('Share posts the list in the channel; More under it answers the clicker alone', async () => {
    const result = await h.command('sessions 1299314544', { channelId: 'C0CALLS' });
    const reply = await h.answer(result);
    const share = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.responseType).toBe('in_channel');
    expect(idsIn(shared?.blocks)).toEqual(idsIn(reply?.blocks));
    expect(JSON.stringify(shared?.blocks)).not.toContain('ccc_share_to_channel');
    const more = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(shared?.blocks, 'ccc_sessions_more'), false),
    });
    const [next] = await h.replies(more);
    expect(next?.replaceOriginal).toBe(false);
    expect(next?.responseType).toBe('ephemeral');
    expect(idsIn(next?.blocks)[0]).toBe('s-12');
  });
});

// 130 sessions over the last two days, one every 20 minutes (m-000 oldest), then two newer ones: a session
// still open and a customer whose nickname is their phone number. Desk answers with its pages reversed.
const spread = Array.from({ length: 130 }, (_, i) =>
  chatFixture({ sessionId: `m-${String(i).padStart(3, '0')}`, time: NOW - 7200 - (129 - i) * 1200 }),
);
const busy = datasetOf(
  [],
  [
    ...spread,
    chatFixture({ sessionId: 'live-1', time: NOW - 60, open: true }),
    chatFixture({ sessionId: 'nick-1', time: NOW - 600, nickname: 'Mr Li 13812345678' }),
  ],
);
const busyIds = (blocks: readonly unknown[] | undefined): string[] =>
  [...JSON.stringify(blocks).matchAll(/m-\d{3}|live-1|nick-1/g)].map((m) => m[0]);

describe('/ccc sessions, whatever order Desk lists them in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset: busy, deskFetch: reversedSessionPages });
  });
  afterAll(() => h.stop());

  const lists = () => h.deskEmulator.requests().filter((r) => r.command === 'describe_im_cdr_list');

  test('newest first by Timestamp across more than one Desk page, with a few requests one at a time', async () => {
    const before = lists().length;
    const reply = await h.answer(await h.command('sessions'));
    const expected = [
      'live-1',
      'nick-1',
      ...spread
        .slice(-8)
        .reverse()
        .map((c) => c.sessionId),
    ];
    expect(busyIds(reply?.blocks)).toEqual(expected);
    expect(reply?.text).toBe('Sessions 1–10 of 132');
    const asked = lists().slice(before);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.length).toBeLessThanOrEqual(8);
    for (const request of asked) expect(request.body).toMatchObject({ Limit: 100 });
  });

  test('More goes on back in time, still by Timestamp', async () => {
    const first = await h.answer(await h.command('sessions'));
    const more = await h.interact({ payload: clickPayload(findButton(first?.blocks, 'ccc_sessions_more')) });
    const [second] = await h.replies(more);
    expect(busyIds(second?.blocks)).toEqual(
      spread
        .slice(-18, -8)
        .reverse()
        .map((c) => c.sessionId),
    );
  });

  test('a session still open reads "In progress"; a phone number as nickname is masked, also when shared', async () => {
    const reply = await h.answer(await h.command('sessions', { channelId: 'C0CALLS' }));
    const shown = JSON.stringify(reply?.blocks);
    expect(shown).toMatch(/Chat with Customer · ann@example\.com · In progress[^`]*`live-1`/);
    expect(shown).not.toContain('Unknown end status');
    expect(shown).toContain('Chat with Mr Li 138****5678');
    const share = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(reply?.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.responseType).toBe('in_channel');
    expect(JSON.stringify(shared?.blocks)).toContain('Mr Li 138****5678');
    expect(JSON.stringify(h.slack.messages('C0CALLS'))).not.toContain('13812345678');
  });
});

describe('lookupSessions', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const DAY = 86_400;
  const week = () => {
    const end = Math.floor(bot.nowMs / 1000);
    return { start: end - 7 * DAY, end, endsNow: true };
  };
  const newestFirst = () =>
    [...bot.sandbox.dataset.chats]
      .sort((a, b) => (b.imCdr.Timestamp ?? 0) - (a.imCdr.Timestamp ?? 0))
      .map((c) => c.sessionId);
  const shownIds = (blocks: readonly unknown[] | undefined) => {
    const shown = JSON.stringify(blocks);
    return newestFirst()
      .filter((id) => shown.includes(id))
      .sort((a, b) => shown.indexOf(a) - shown.indexOf(b));
  };
  const lookup = (
    query: { clientUserId?: string | undefined; skip?: number },
    audience: 'ephemeral' | 'channel' = 'ephemeral',
  ) =>
    lookupSessions(
      bot.deps(),
      { kind: 'sessions', clientUserId: undefined, window: week(), skip: 0, ...query },
      audience,
    );

  test('the first page: the 10 newest sessions, newest first, with More and Share buttons', async () => {
    const { reply } = await lookup({});
    const total = bot.sandbox.dataset.chats.length;
    expect(reply.text).toBe(`Sessions 1–10 of ${total}`);
    expect(shownIds(reply.blocks)).toEqual(newestFirst().slice(0, 10));
    const more = decodeActionValue(findButton(reply.blocks, 'ccc_sessions_more').value as string);
    expect(more).toEqual({
      ok: true,
      value: { v: 1, offset: 10, limit: 10, start: week().start, end: week().end },
    });
    expect(JSON.stringify(reply.blocks)).toContain('ccc_share_to_channel');
  });

  test('the next page: the older rest and no More', async () => {
    const { reply } = await lookup({ skip: 10 });
    expect(shownIds(reply.blocks)).toEqual(newestFirst().slice(10));
    expect(JSON.stringify(reply.blocks)).not.toContain('ccc_sessions_more');
  });

  test('a customer: only their sessions, asked of Desk by their id', async () => {
    const [chat] = bot.sandbox.dataset.chats;
    const { reply } = await lookup({ clientUserId: chat?.clientUserId });
    expect(shownIds(reply.blocks)).toEqual([chat?.sessionId]);
    const list = bot.sandbox.desk
      .requests()
      .filter((r) => r.command === 'describe_im_cdr_list')
      .at(-1);
    expect(list?.body).toMatchObject({ ClientUserId: chat?.clientUserId });
  });

  test('nothing found is said plainly', async () => {
    const { reply } = await lookup({ clientUserId: 'nobody-here' });
    expect(reply.text).toBe('No sessions found');
    expect(JSON.stringify(reply.blocks)).not.toContain('ccc_sessions_more');
  });

  test('for the channel: the same page without the Share button', async () => {
    const { reply } = await lookup({}, 'channel');
    expect(shownIds(reply.blocks)).toEqual(newestFirst().slice(0, 10));
    expect(JSON.stringify(reply.blocks)).toContain('ccc_sessions_more');
    expect(JSON.stringify(reply.blocks)).not.toContain('ccc_share_to_channel');
  });
});
