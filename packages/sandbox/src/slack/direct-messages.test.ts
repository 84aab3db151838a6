import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient } from './test-utils.ts';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
});
afterAll(() => slack.stop());

describe('direct messages', () => {
  test('a post to a user ID opens the bot’s DM with them (D…), reused by the next post and usable for files', async () => {
    const client = emulatorClient(slack);
    const first = await client.chat.postMessage({ channel: 'U0ALICE', text: 'Your transcript is coming' });
    expect(first.channel).toBe('D0ALICE');
    const second = await client.chat.postMessage({ channel: 'U0ALICE', text: 'again' });
    expect(second.channel).toBe('D0ALICE');
    expect(slack.messages('D0ALICE').map((m) => m.text)).toEqual(['Your transcript is coming', 'again']);
    const upload = await client.files.uploadV2({
      channel_id: 'D0ALICE',
      filename: 'transcript.txt',
      content: 'hello',
    });
    expect(upload.ok).toBe(true);
  });

  test('other methods do not open DMs: an ephemeral to a user ID is still channel_not_found', async () => {
    const client = emulatorClient(slack);
    await expect(
      client.chat.postEphemeral({ channel: 'U0BOB', user: 'U0BOB', text: 'x' }),
    ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});
