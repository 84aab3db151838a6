import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccess } from '../access.ts';
import { type DirectBot, recordingInvocation, startDirect } from '../test-utils/direct.ts';
import { USAGE } from './parse.ts';
import { runCommand } from './run-command.ts';

describe('runCommand', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const run = async (text: string, deps = bot.deps(), channelId = 'C0CALLS') => {
    const inv = recordingInvocation({ channelId });
    await runCommand(deps, { text, userId: inv.userId, channelId }, inv);
    return inv.sent;
  };

  test('a lookup: "Looking up…" in the ack, then the answer through the response URL', async () => {
    const call = bot.sandbox.dataset.calls[0];
    const sent = await run(`call ${call?.sessionId}`);
    expect(sent.map((s) => s.via)).toEqual(['ack', 'respond']);
    expect(sent[0]?.reply).toEqual({ response_type: 'ephemeral', text: ':mag: Looking up the call…' });
    expect(sent[1]?.reply?.response_type).toBe('ephemeral');
    expect(sent[1]?.reply?.text).toMatch(/^Call details: /);
    expect(JSON.stringify(sent[1]?.reply?.blocks)).toContain(call?.sessionId);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'command', subcommand: 'call', user: 'U0AGENT', channel: 'C0CALLS' }),
    );
  });

  test('help and problems: answered in the ack alone, nothing asked of Tencent', async () => {
    const before = bot.sandbox.ccc.requests().length;
    expect(await run('help')).toEqual([{ via: 'ack', reply: { response_type: 'ephemeral', text: USAGE } }]);
    expect(await run('call')).toEqual([
      { via: 'ack', reply: { response_type: 'ephemeral', text: `Missing the SessionId.\n\n${USAGE}` } },
    ]);
    expect(bot.sandbox.ccc.requests().length).toBe(before);
  });

  test('a backend that is not configured: said in the ack', async () => {
    const sent = await run('state some-chat', bot.deps({ desk: undefined }));
    expect(sent).toEqual([
      {
        via: 'ack',
        reply: { response_type: 'ephemeral', text: 'The chat lookup is not configured on this workspace.' },
      },
    ]);
  });

  test('refusals come in the ack, before the command is even read', async () => {
    const channels = bot.deps({ access: createAccess({ allowedChannels: ['C0CALLS'] }) });
    expect(await run('help', channels, 'C0ALERTS')).toEqual([
      { via: 'ack', reply: { response_type: 'ephemeral', text: '/ccc is not enabled in this channel.' } },
    ]);
    const users = bot.deps({ access: createAccess({ allowedUsers: ['U0LEAD'] }) });
    expect(await run('help', users)).toEqual([
      {
        via: 'ack',
        reply: { response_type: 'ephemeral', text: 'You are not allowed to use /ccc on this workspace.' },
      },
    ]);
  });
});
