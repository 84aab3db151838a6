import { type KnownBlock, WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { validateMessage } from './message-rules.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf, tinyPng, uploadFile } from './test-utils.ts';

const START = 1_700_000_000_000;
let clock = START;
let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator({ now: () => clock, ratePerChannel: Number.POSITIVE_INFINITY });
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => {
  clock = START;
  slack.reset();
});

const imageBlock = (slackFile: object, alt = 'Calls per hour') => ({
  type: 'image',
  slack_file: slackFile,
  alt_text: alt,
  title: { type: 'plain_text', text: 'Inbound calls' },
});

// The blocks under test are deliberately not always valid Block Kit, so they are not typed as such.
const post = (blocks: object[]) =>
  client.chat.postMessage({ channel: 'C0CALLS', text: 'Digest', blocks: blocks as KnownBlock[] });

/** The `invalid_blocks` answer of a refused post: its `errors`. */
async function refusedWith(call: Promise<unknown>): Promise<unknown> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  const data = (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
  expect(data.error).toBe('invalid_blocks');
  return data.errors;
}

/** Uploads a PNG chart, shared to #calls unless `shared` is false (then it stays private). */
const chart = (shared = true) =>
  uploadFile(client, { bytes: tinyPng(), filename: 'chart.png', ...(shared ? { channel: 'C0CALLS' } : {}) });

describe('image blocks with slack_file', () => {
  test('a processed PNG shared to a channel can be shown, by id or by its url_private', async () => {
    const id = await chart();
    const byId = await post([imageBlock({ id })]);
    expect(byId.ok).toBe(true);
    const { file } = await client.files.info({ file: id });
    expect((await post([imageBlock({ url: file?.url_private })])).ok).toBe(true);
    expect(slack.messages('C0CALLS').at(-1)?.blocks).toEqual([imageBlock({ url: file?.url_private })]);
  });

  test('while the file is processing the post is invalid_blocks, afterwards it goes through', async () => {
    slack.setFilesProcessingMs(2000);
    const id = await chart();
    expect(await refusedWith(post([{ type: 'divider' }, imageBlock({ id })]))).toEqual([
      'invalid slack file [json-pointer:/blocks/1/slack_file]',
    ]);
    clock += 1999;
    await refusedWith(post([imageBlock({ id })]));
    clock += 1;
    expect((await post([imageBlock({ id })])).ok).toBe(true);
  });

  test('the refusal is worded like Slack’s, in errors and response_metadata', async () => {
    const error = await rejectionOf(post([imageBlock({ id: 'F0NOPE00000' })]));
    expect((error as WebAPIPlatformError).data).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['invalid slack file [json-pointer:/blocks/0/slack_file]'],
      response_metadata: { messages: ['[ERROR] invalid slack file [json-pointer:/blocks/0/slack_file]'] },
    });
  });

  test('both id and url, neither, or a malformed id are refused', async () => {
    const id = await chart();
    const url = `${slack.url}/files/${id}`;
    expect(await refusedWith(post([imageBlock({ id, url })]))).toEqual([
      'must provide either id or url, not both [json-pointer:/blocks/0/slack_file]',
    ]);
    expect(await refusedWith(post([imageBlock({})]))).toEqual([
      'must provide either id or url [json-pointer:/blocks/0/slack_file]',
    ]);
    expect(await refusedWith(post([imageBlock({ id: 'f0sbx' })]))).toEqual([
      'input must match regex pattern: ^F[A-Z0-9]{8,}$ [json-pointer:/blocks/0/slack_file/id]',
    ]);
  });

  test('a text file, a file never shared to a channel, and a foreign url are invalid slack files', async () => {
    const text = await uploadFile(client, {
      bytes: Buffer.from('not a png'),
      filename: 'x.png',
      channel: 'C0CALLS',
    });
    const privateChart = await chart(false);
    for (const slackFile of [{ id: text }, { id: privateChart }, { url: 'https://example.com/chart.png' }])
      expect(await refusedWith(post([imageBlock(slackFile)]))).toEqual([
        'invalid slack file [json-pointer:/blocks/0/slack_file]',
      ]);
    expect(slack.messages('C0CALLS').filter((m) => m.source === 'api')).toEqual([]);
  });

  test('image_url blocks are unchanged', async () => {
    const block = { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a' };
    expect((await post([block])).ok).toBe(true);
  });
});

describe('every surface checks the file the same way', () => {
  test('chat.update, chat.postEphemeral, context images and accessories', async () => {
    slack.setFilesProcessingMs(1000);
    const id = await chart();
    const posted = await post([{ type: 'divider' }]);
    const context = { type: 'context', elements: [{ type: 'image', slack_file: { id }, alt_text: 'c' }] };
    const accessory = {
      type: 'section',
      text: { type: 'mrkdwn', text: 'Chart' },
      accessory: { type: 'image', slack_file: { id }, alt_text: 'c' },
    };
    const update = () =>
      client.chat.update({ channel: 'C0CALLS', ts: posted.ts as string, blocks: [context] });
    const ephemeral = () =>
      client.chat.postEphemeral({
        channel: 'C0CALLS',
        user: 'U0SANDBOXUSER',
        text: 'x',
        blocks: [accessory],
      });
    expect(await refusedWith(update())).toEqual([
      'invalid slack file [json-pointer:/blocks/0/elements/0/slack_file]',
    ]);
    expect(await refusedWith(ephemeral())).toEqual([
      'invalid slack file [json-pointer:/blocks/0/accessory/slack_file]',
    ]);
    clock += 1000;
    expect((await update()).ok).toBe(true);
    expect((await ephemeral()).ok).toBe(true);
  });

  test('a response URL refuses the unprocessed file with HTTP 400', async () => {
    slack.setFilesProcessingMs(1000);
    const id = await chart();
    const url = slack.createResponseUrl({ channel: 'C0CALLS', user: 'U0SANDBOXUSER' });
    const reply = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'in_channel', text: 'x', blocks: [imageBlock({ id })] }),
      });
    const refused = await reply();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_blocks' });
    clock += 1000;
    expect((await reply()).status).toBe(200);
  });

  test('views.open refuses a modal showing an unprocessed file', async () => {
    slack.setFilesProcessingMs(1000);
    const id = await chart();
    const trigger = async (): Promise<string> => {
      const answer = await fetch(`${slack.url}/sandbox/invocations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'command' }),
      });
      return ((await answer.json()) as { trigger_id: string }).trigger_id;
    };
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Chart' } };
    const open = async () =>
      client.views.open({
        trigger_id: await trigger(),
        view: { ...view, blocks: [imageBlock({ id }) as KnownBlock] },
      });
    const error = await rejectionOf(open());
    expect((error as WebAPIPlatformError).data.response_metadata?.messages).toEqual([
      '[ERROR] invalid slack file [json-pointer:/view/blocks/0/slack_file]',
    ]);
    clock += 1000;
    expect((await open()).ok).toBe(true);
  });

  test('validateMessage without the emulator checks only the shape', () => {
    expect(validateMessage({ blocks: [imageBlock({ id: 'F0CHART0001' })] })).toEqual([]);
    expect(validateMessage({ blocks: [imageBlock({ id: 'F0CHART0001', url: 'https://x.test/a' })] })).toEqual(
      [
        {
          error: 'invalid_blocks',
          message: 'must provide either id or url, not both',
          pointer: '/blocks/0/slack_file',
        },
      ],
    );
  });
});
