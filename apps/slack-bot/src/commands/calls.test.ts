import type { CallFixture } from '@ccc-kit/sandbox/dataset';
import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { clickPayload, findButton } from '../test-utils/buttons.ts';
import { callFixture, datasetOf } from '../test-utils/fixtures.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';

const NOW = Math.floor(Date.now() / 1000);
const MOBILE = '008613800138000';
// Tencent keeps a landline's trunk 0 after the country code.
const LANDLINE = '00860755234567';

/** A call with `number` as the customer: the caller of an inbound call, the callee of an outbound one. */
function call(sessionId: string, hoursAgo: number, number: string, outbound = false): CallFixture {
  const base = callFixture({ sessionId, time: NOW - hoursAgo * 3600 });
  const numbers = outbound
    ? { Caller: '008675500000000', Callee: number, Direction: 1, CallType: 1 }
    : { Caller: number };
  return { ...base, telCdr: { ...base.telCdr, ...numbers } };
}

/** A call Wang Fang answered alone (no transfer). */
function wangs(sessionId: string, hoursAgo: number): CallFixture {
  const base = call(sessionId, hoursAgo, '008613911112222');
  const SeatUser = { Name: 'Wang Fang', Mail: 'Wang.Fang@example.com', SkillGroupNameList: [] };
  return { ...base, telCdr: { ...base.telCdr, SeatUser, ServeParticipants: [] } };
}

// 23 calls with the mobile (s-00 oldest … s-22 newest, s-21 outbound to it), 2 with the landline,
// 3 of Wang Fang's, 1 with someone else.
const mobile = Array.from({ length: 23 }, (_, i) =>
  call(`s-${String(i).padStart(2, '0')}`, 23 - i, MOBILE, i === 21),
);
const dataset = datasetOf(
  [
    ...mobile,
    call('land-1', 30, LANDLINE),
    call('land-2', 2, LANDLINE),
    wangs('wang-1', 5),
    wangs('wang-2', 50),
    wangs('wang-3', 200),
    call('other-1', 1, '008618600001111'),
  ],
  [],
);

/** The text people see (not the button values, which go to the requester's client only). */
const visibleText = (blocks: readonly unknown[] | undefined): string =>
  JSON.stringify(blocks, (key, value) => (key === 'value' ? undefined : value));
const idsIn = (blocks: readonly unknown[] | undefined): string[] =>
  [...JSON.stringify(blocks).matchAll(/`((?:s|land|wang|other)-[\w-]+)`/g)].map((m) => m[1] as string);
// Bodies of the bot's CCC requests, as sent (the emulator's log has no bodies).
const sent: Record<string, unknown>[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const body = input instanceof Request ? await input.clone().text() : init?.body;
  if (typeof body === 'string') sent.push(JSON.parse(body));
  return fetch(input, init);
};
const lastPhones = () => sent.findLast((body) => 'PageNumber' in body)?.Phones;

describe('/ccc calls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataset, cccFetch: recordingFetch });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.slack.reset());

  test("a customer's calls by number, as typed with spaces: newest first, masked, a Details button each", async () => {
    const reply = await h.answer(await h.command('calls +86 138 0013 8000'));
    expect(idsIn(reply.blocks)).toEqual([
      's-22',
      's-21',
      's-20',
      's-19',
      's-18',
      's-17',
      's-16',
      's-15',
      's-14',
      's-13',
    ]);
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain('Calls with +86 138****8000');
    expect(visibleText(reply.blocks)).not.toContain('13800138000');
    expect(shown).toContain('Answered outbound call');
    expect(lastPhones()).toEqual([MOBILE]);
    expect(reply.responseType).toBe('ephemeral');
  });

  test('More shows the next pages until the oldest; the last page has the total and no More', async () => {
    const first = await h.answer(await h.command('calls 13800138000'));
    const more = await h.interact({ payload: clickPayload(findButton(first.blocks, 'ccc_calls_more')) });
    const [second] = await h.replies(more);
    expect(second?.replaceOriginal).toBe(true);
    expect(idsIn(second?.blocks)).toEqual([
      's-12',
      's-11',
      's-10',
      's-09',
      's-08',
      's-07',
      's-06',
      's-05',
      's-04',
      's-03',
    ]);
    const last = await h.interact({ payload: clickPayload(findButton(second?.blocks, 'ccc_calls_more')) });
    const [third] = await h.replies(last);
    expect(idsIn(third?.blocks)).toEqual(['s-02', 's-01', 's-00']);
    expect(JSON.stringify(third?.blocks)).toContain('21–23 of 23');
    expect(JSON.stringify(third?.blocks)).not.toContain('ccc_calls_more');
  });

  test('a landline in its national form finds calls Tencent stored with the trunk 0', async () => {
    const reply = await h.answer(await h.command('calls (0755) 2345-67 --since 7d'));
    expect(idsIn(reply.blocks)).toEqual(['land-2', 'land-1']);
    expect(lastPhones()).toEqual(['0086755234567', LANDLINE]);
  });

  test('--since limits the window: a number with no calls in it says so', async () => {
    const [reply] = await h.replies(await h.command('calls 13800138000 --since 0h'));
    expect(reply?.text).toContain('is not a valid `--since`');
    const none = await h.answer(await h.command('calls +8618612345678 --since 24h'));
    expect(none.text).toContain('no calls');
  });

  test("an agent's calls by email, whatever its case, include calls they took after a transfer", async () => {
    const reply = await h.answer(await h.command('calls --agent wang.fang@EXAMPLE.com --since 7d'));
    expect(idsIn(reply.blocks)).toEqual(['wang-1', 'wang-2']);
    expect(JSON.stringify(reply.blocks)).toContain('Calls of Wang Fang');
    const ann = await h.answer(await h.command('calls --agent ann@example.com --since 24h'));
    expect(idsIn(ann.blocks)).toContain('s-22');
    expect(idsIn(ann.blocks)).not.toContain('wang-1');
  });

  test('an agent by @mention is looked up by their Slack email', async () => {
    h.slack.createUser({ id: 'U0WANG', name: 'wang', email: 'wang.fang@example.com' });
    const reply = await h.answer(await h.command('calls --agent <@U0WANG|wang>'));
    expect(idsIn(reply.blocks)).toEqual(['wang-1', 'wang-2']);
    const share = findButton(reply.blocks, 'ccc_share_to_channel');
    expect(decodeActionValue(share.value)).toMatchObject({
      ok: true,
      value: { filter: 'agent:wang.fang@example.com' },
    });
  });

  test('an @mention that cannot be resolved is refused with the reason', async () => {
    const unknown = await h.answer(await h.command('calls --agent <@U0NOBODY>'));
    expect(unknown.text).toContain('cannot see that person');
    h.slack.createUser({ id: 'U0NOMAIL', name: 'nomail' });
    const noMail = await h.answer(await h.command('calls --agent <@U0NOMAIL>'));
    expect(noMail.text).toContain('has no email');
    const [typed] = await h.replies(await h.command('calls --agent @wang'));
    expect(typed?.text).toContain("pick the person from Slack's @ list");
  });

  test('Details on a row shows the call as /ccc call does', async () => {
    const reply = await h.answer(await h.command('calls 13800138000'));
    const details = await h.interact({ payload: clickPayload(findButton(reply.blocks, 'ccc_call_details')) });
    const [answer] = await h.replies(details);
    expect(JSON.stringify(answer?.blocks)).toContain('s-22');
    expect(answer?.responseType).toBe('ephemeral');
  });

  test("Share posts a customer's list masked in the channel, without a More button carrying the number", async () => {
    const reply = await h.answer(await h.command('calls 13800138000', { channelId: 'C0CALLS' }));
    const share = await h.interact({
      channelId: 'C0CALLS',
      payload: clickPayload(findButton(reply.blocks, 'ccc_share_to_channel')),
    });
    const [shared] = await h.replies(share);
    expect(shared?.responseType).toBe('in_channel');
    expect(idsIn(shared?.blocks)).toEqual(idsIn(reply.blocks));
    expect(JSON.stringify(shared?.blocks)).not.toContain('ccc_calls_more');
    expect(JSON.stringify(shared?.blocks)).not.toContain('13800138000');
    expect(JSON.stringify(shared?.blocks)).toContain('138****8000');
  });

  test('bad input: a word, an extension, both a number and --agent', async () => {
    for (const [text, problem] of [
      ['calls hello', 'is not a phone number'],
      ['calls 8001', 'is not a phone number'],
      ['calls', 'Missing the number'],
      ['calls 13800138000 --agent ann@example.com', 'not both'],
      ['calls --agent', '`--agent` needs a value'],
    ] as const) {
      const [reply] = await h.replies(await h.command(text));
      expect(reply?.text, text).toContain(problem);
    }
  });
});
