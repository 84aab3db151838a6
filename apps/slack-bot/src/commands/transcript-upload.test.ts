import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DirectBot, startDirect } from '../test-utils/direct.ts';
import { uploadTranscript } from './transcript-upload.ts';

describe('uploadTranscript', () => {
  let bot: DirectBot;
  beforeAll(async () => {
    bot = await startDirect();
  });
  afterAll(() => bot.stop());

  const file = {
    filename: 'transcript-chat-1.txt',
    title: 'Chat transcript chat-1',
    content: '[2026-12-02 10:00:00] Customer +86 138****5678: hello\n',
  };
  const completed = () => bot.sandbox.slack.uploads().filter((u) => u.completed);

  test('shares the file, as a text snippet, in a conversation, with an optional first comment', async () => {
    expect(await uploadTranscript(bot.deps(), 'C0CALLS', file, 'shared by <@U0AGENT>')).toEqual({ ok: true });
    expect(completed().at(-1)).toMatchObject({
      channel: 'C0CALLS',
      filename: 'transcript-chat-1.txt',
      title: 'Chat transcript chat-1',
      text: file.content,
      snippetType: 'text',
      initialComment: 'shared by <@U0AGENT>',
    });
  });

  test('a channel the bot is not in: "cannot post", logged', async () => {
    const lobby = bot.sandbox.slack.createChannel('lobby', { isMember: false }).id;
    const uploads = completed().length;
    expect(await uploadTranscript(bot.deps(), lobby, file)).toEqual({
      ok: false,
      cannotPost: true,
      error: 'posting_to_channel_denied',
    });
    expect(completed()).toHaveLength(uploads);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'transcript upload failed', channel: lobby }),
    );
  });

  test("any other refusal: Slack's error, logged", async () => {
    bot.sandbox.slack.faults.inject('files.getUploadURLExternal', {
      kind: 'api-error',
      code: 'internal_error',
    });
    expect(await uploadTranscript(bot.deps(), 'C0CALLS', file)).toEqual({
      ok: false,
      cannotPost: false,
      error: 'internal_error',
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
    expect(await uploadTranscript(bot.deps(), 'C0CALLS', file)).toEqual({
      ok: false,
      cannotPost: false,
      error: 'Slack did not answer',
    });
  });
});
