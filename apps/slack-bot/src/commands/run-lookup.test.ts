import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccess } from '../access.ts';
import type { BotDeps } from '../deps.ts';
import { type DirectBot, pick, recordingInvocation, startDirect } from '../test-utils/direct.ts';
import { parseCommand } from './parse.ts';
import { type LookupRequest, planCommand } from './plan.ts';
import { runLookup } from './run-lookup.ts';

const SHARE = 'ccc_share_to_channel';

describe('runLookup', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  /** The lookup `/ccc <text>` plans (both backends configured). */
  const requestOf = (text: string): LookupRequest => {
    const plan = planCommand(parseCommand(text), { ccc: true, desk: true }, bot.nowMs);
    if (!('request' in plan)) throw new Error(`/ccc ${text} needs no lookup`);
    return plan.request;
  };
  const answer = async (
    text: string,
    audience: 'ephemeral' | 'channel' = 'ephemeral',
    deps: BotDeps = bot.deps(),
    options: { replaceOriginal?: boolean } = {},
  ) => {
    const inv = recordingInvocation();
    await runLookup(deps, inv, requestOf(text), audience, options);
    expect(inv.sent.map((s) => s.via)).toEqual(['respond']);
    return inv.replies()[0];
  };
  const liveChat = () => bot.sandbox.dataset.chats.find((c) => c.state.CurrentState === 'Agent');

  test('ephemeral: the answer to the requester, with a Share button', async () => {
    const reply = await answer(`state ${liveChat()?.sessionId}`);
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.text).toBe(`Chat session ${liveChat()?.sessionId}: An agent is serving the customer`);
    expect(JSON.stringify(reply?.blocks)).toContain(SHARE);
    expect(reply?.replace_original).toBeUndefined();
  });

  test('channel: the same answer in the channel, without a Share button', async () => {
    const reply = await answer(`state ${liveChat()?.sessionId}`, 'channel');
    expect(reply?.response_type).toBe('in_channel');
    expect(reply?.text).toBe(`Chat session ${liveChat()?.sessionId}: An agent is serving the customer`);
    expect(JSON.stringify(reply?.blocks)).not.toContain(SHARE);
  });

  test('a note for the requester (no speech transcript) is never posted in the channel', async () => {
    const call = bot.sandbox.dataset.calls.find((c) => c.asr === null && (c.telCdr.AcceptTimestamp ?? 0) > 0);
    const deps = bot.deps({ access: createAccess({ recordingAllowedUsers: ['U0AGENT'] }) });
    const reply = await answer(`transcript ${call?.sessionId}`, 'channel', deps);
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.text).toMatch(/speech recognition \(ASR\) is not enabled/);
  });

  test('a refusal (a call transcript without the recording permission) is never posted in the channel', async () => {
    const call = bot.sandbox.dataset.calls.find((c) => c.asr?.length);
    const reply = await answer(`transcript ${call?.sessionId}`, 'channel');
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.text).toContain('You are not allowed to read call transcripts');
  });

  test('replaceOriginal: the answer replaces the message the click came from', async () => {
    const reply = await answer('sessions', 'ephemeral', bot.deps(), { replaceOriginal: true });
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: true });
  });

  test.each([
    ['call nope-0000', 'No call with id `nope-0000` in the last 89 days.'],
    ['transcript nope-0000', 'No chat or call with id `nope-0000` was found.'],
    ['state nope-0000', 'No active chat with id `nope-0000`: it does not exist or has ended.'],
    [
      'state user nobody @cs',
      'No active chat between customer `nobody` and `@cs`: it does not exist or has ended.',
    ],
  ])('%j: "not found" in words, logged as such (not as a failure)', async (text, words) => {
    const reply = await answer(text);
    expect(reply).toEqual({ response_type: 'ephemeral', text: words });
    const kind = text.split(' ')[0];
    expect(bot.logs.at(-1)).toMatchObject({ msg: 'session not found', lookup: kind, user: 'U0AGENT' });
  });

  test('an ended chat (Desk 141005) is said plainly', async () => {
    const ended = pick(bot.sandbox.dataset.chats, (c) => !c.state.CurrentState, 'ended chat');
    expect(await answer(`state ${ended.sessionId}`)).toEqual({
      response_type: 'ephemeral',
      text: `No active chat with id \`${ended.sessionId}\`: it does not exist or has ended.`,
    });
  });

  test('a backend that is not configured (a button under an older answer): said plainly', async () => {
    const logged = bot.logs.length;
    const reply = await answer('sessions', 'ephemeral', bot.deps({ desk: undefined }));
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text: 'The chat lookup is not configured on this workspace.',
    });
    expect(bot.logs.slice(logged)).toEqual([]);
  });

  test('a Tencent error becomes a friendly message, logged with the request id', async () => {
    const call = bot.sandbox.dataset.calls[0];
    bot.sandbox.ccc.faults.inject('DescribeSessionDetail', { kind: 'api-error', code: 'InternalError' });
    const reply = await answer(`call ${call?.sessionId}`);
    const requestId = bot.sandbox.ccc
      .requests()
      .findLast((r) => r.action === 'DescribeSessionDetail')?.requestId;
    expect(requestId).toBeTruthy();
    // No response_type: ephemeral, Slack's default for a response_url (and what the Bolt adapter sends).
    expect(reply?.response_type).not.toBe('in_channel');
    expect(reply?.text).toContain('The contact center reported an internal error. Try again in a minute.');
    expect(JSON.stringify(reply?.blocks)).toContain(String(requestId));
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'lookup failed', source: 'ccc', code: 'InternalError', requestId }),
    );
  });

  test('a Desk error carries no request id: the reference shown is the one logged', async () => {
    bot.sandbox.desk.faults.inject('get_session_state', { kind: 'api-error', code: 141002 });
    const reply = await answer(`state ${liveChat()?.sessionId}`);
    const logged = bot.logs.at(-1);
    expect(logged).toMatchObject({ msg: 'lookup failed', source: 'desk', code: 141002, lookup: 'state' });
    expect(logged?.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(reply?.response_type).not.toBe('in_channel');
    expect(reply?.text).toBe(
      'Something went wrong while looking this up. Try again in a minute; if it keeps failing, give this reference to your admin.',
    );
    expect(JSON.stringify(reply?.blocks)).toContain(`Reference: \`${logged?.reference}\``);
  });
});
