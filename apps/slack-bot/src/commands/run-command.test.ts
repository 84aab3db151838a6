import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccess } from '../access.ts';
import type { Reply } from '../deps.ts';
import { type DirectBot, recordingInvocation, startDirect } from '../test-utils/direct.ts';
import { waitFor } from '../test-utils/harness.ts';
import { USAGE } from './parse.ts';
import { runCommand } from './run-command.ts';

describe('runCommand (after the empty ack): every answer through the response URL', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const run = async (text: string, deps = bot.deps(), channelId = 'C0CALLS') => {
    const inv = recordingInvocation({ channelId });
    await runCommand(deps, { text, userId: inv.userId, channelId }, inv.respond);
    return inv.replies();
  };
  const said = (text: string): Reply => ({ response_type: 'ephemeral', text });

  test('a lookup: the "Looking up…" note, then the answer below it', async () => {
    const call = bot.sandbox.dataset.calls[0];
    const [note, answer, ...more] = await run(`call ${call?.sessionId}`);
    expect(note).toEqual(said(':mag: Looking up the call…'));
    expect(answer?.response_type).toBe('ephemeral');
    expect(answer?.replace_original).toBeUndefined();
    expect(answer?.text).toMatch(/^Call details: /);
    expect(JSON.stringify(answer?.blocks)).toContain(call?.sessionId);
    expect(more).toEqual([]);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'command', subcommand: 'call', user: 'U0AGENT', channel: 'C0CALLS' }),
    );
  });

  test('the lookup does not wait for its note, but its answer does', async () => {
    const sent: string[] = [];
    let release = (): void => undefined;
    const noteHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    const respond = async (reply: Reply): Promise<void> => {
      const first = sent.length === 0;
      sent.push(reply.text);
      if (first) await noteHeld;
    };
    const before = bot.sandbox.ccc.requests().length;
    const call = bot.sandbox.dataset.calls[0];
    const done = runCommand(
      bot.deps(),
      { text: `call ${call?.sessionId}`, userId: 'U0AGENT', channelId: 'C0CALLS' },
      respond,
    );
    // Tencent answers both requests of the lookup while the note is still on its way…
    await waitFor(() => (bot.sandbox.ccc.requests().length >= before + 2 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // …and the answer is held back until the note has gone.
    expect(sent).toEqual([':mag: Looking up the call…']);
    release();
    await done;
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/^Call details: /);
  });

  test('help and problems: one answer, nothing asked of Tencent', async () => {
    const before = bot.sandbox.ccc.requests().length;
    expect(await run('help')).toEqual([said(USAGE)]);
    expect(await run('call')).toEqual([said(`Missing the SessionId.\n\n${USAGE}`)]);
    expect(bot.sandbox.ccc.requests().length).toBe(before);
  });

  test('a backend that is not configured: said in one answer', async () => {
    const sent = await run('state some-chat', bot.deps({ desk: undefined }));
    expect(sent).toEqual([said('The chat lookup is not configured on this workspace.')]);
  });

  test('refusals: one answer, before the command is even read', async () => {
    const channels = bot.deps({ access: createAccess({ allowedChannels: ['C0CALLS'] }) });
    expect(await run('help', channels, 'C0ALERTS')).toEqual([said('/ccc is not enabled in this channel.')]);
    const users = bot.deps({ access: createAccess({ allowedUsers: ['U0LEAD'] }) });
    expect(await run('help', users)).toEqual([said('You are not allowed to use /ccc on this workspace.')]);
  });
});
