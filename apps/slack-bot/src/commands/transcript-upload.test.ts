import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DirectBot, startDirect } from '../test-utils/direct.ts';
import { uploadTranscript } from './transcript-upload.ts';

const INVITE = "I can't post files in this channel — invite me with /invite @ccc-bot";

describe('uploadTranscript', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const file = (channelId: string | undefined) => ({
    channelId,
    filename: 'transcript-chat-1.txt',
    title: 'Chat transcript chat-1',
    content: '[2026-12-02 10:00:00] Customer +86 138****5678: hello\n',
  });
  const completed = () => bot.sandbox.slack.uploads().filter((u) => u.completed);

  test('shares the file, as a text snippet, in the conversation of the command', async () => {
    expect(await uploadTranscript(bot.deps(), file('C0CALLS'))).toEqual({ ok: true });
    expect(completed().at(-1)).toMatchObject({
      channel: 'C0CALLS',
      filename: 'transcript-chat-1.txt',
      title: 'Chat transcript chat-1',
      text: file('C0CALLS').content,
      snippetType: 'text',
    });
  });

  test('a channel the bot is not in, or no channel at all: how to invite the bot', async () => {
    const lobby = bot.sandbox.slack.createChannel('lobby', { isMember: false }).id;
    const uploads = completed().length;
    expect(await uploadTranscript(bot.deps(), file(lobby))).toEqual({ ok: false, note: INVITE });
    expect(await uploadTranscript(bot.deps(), file(undefined))).toEqual({ ok: false, note: INVITE });
    expect(completed()).toHaveLength(uploads);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'transcript upload failed', channel: lobby }),
    );
  });

  test("any other refusal: the note names Slack's error", async () => {
    bot.sandbox.slack.faults.inject('files.getUploadURLExternal', {
      kind: 'api-error',
      code: 'internal_error',
    });
    expect(await uploadTranscript(bot.deps(), file('C0CALLS'))).toEqual({
      ok: false,
      note: "I couldn't upload the transcript file (internal_error).",
    });
    expect(bot.logs).toContainEqual(
      expect.objectContaining({
        msg: 'transcript upload failed',
        channel: 'C0CALLS',
        slackError: 'internal_error',
      }),
    );
  });

  test('Slack not answering: said so, never thrown', async () => {
    bot.sandbox.slack.faults.inject('files.getUploadURLExternal', { kind: 'reset' });
    expect(await uploadTranscript(bot.deps(), file('C0CALLS'))).toEqual({
      ok: false,
      note: "I couldn't upload the transcript file (Slack did not answer).",
    });
  });
});
