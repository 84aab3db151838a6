import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { MAX_STORED_UPLOADS } from './files.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator();
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

describe('filesUploadV2', () => {
  test('uploads bytes and shares the file into a thread with its initial comment', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0CALLS', text: 'Call c-1 ended' });
    const transcript = 'Agent: Hello\nCustomer: Hi <script>alert(1)</script>';
    const result = await client.filesUploadV2({
      channel_id: 'C0CALLS',
      thread_ts: parent.ts as string,
      content: transcript,
      filename: 'transcript-c-1.txt',
      title: 'Transcript c-1',
      initial_comment: 'Transcript attached',
    });
    expect(result.ok).toBe(true);
    const [upload] = slack.uploads();
    expect(upload).toMatchObject({
      filename: 'transcript-c-1.txt',
      title: 'Transcript c-1',
      text: transcript,
      completed: true,
      channel: 'C0CALLS',
      threadTs: parent.ts,
      initialComment: 'Transcript attached',
    });
    const [share] = slack.threads('C0CALLS', parent.ts as string);
    expect(share).toMatchObject({ text: 'Transcript attached', files: [upload?.id], source: 'file_share' });
  });

  test('shares binary bytes at the top level of a channel', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    await client.filesUploadV2({ channel_id: 'C0ALERTS', file: bytes, filename: 'rec.bin' });
    const [upload] = slack.uploads();
    expect(upload?.bytes?.equals(bytes)).toBe(true);
    expect(slack.messages('C0ALERTS')).toMatchObject([{ files: [upload?.id] }]);
  });
});

describe('upload steps', () => {
  test('getUploadURLExternal hands out an absolute URL on the emulator', async () => {
    const result = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    expect(result.upload_url?.startsWith(`${slack.url}/upload/v1/`)).toBe(true);
    expect(result.file_id).toMatch(/^F/);
  });

  test('getUploadURLExternal refuses a zero length', async () => {
    const error = await rejectionOf(client.files.getUploadURLExternal({ filename: 'a.txt', length: 0 }));
    expect((error as WebAPIPlatformError).data.error).toBe('missing_argument');
  });

  test('completeUploadExternal refuses unknown and not-yet-uploaded file IDs', async () => {
    const unknown = await rejectionOf(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }));
    expect(unknown).toBeInstanceOf(WebAPIPlatformError);
    expect((unknown as WebAPIPlatformError).data.error).toBe('file_not_found');
    const { file_id: id } = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    const pending = await rejectionOf(client.files.completeUploadExternal({ files: [{ id: id as string }] }));
    expect((pending as WebAPIPlatformError).data.error).toBe('file_not_found');
  });

  test('a raw POST to the upload URL is stored; without a channel the file stays private', async () => {
    const { upload_url: url, file_id: id } = await client.files.getUploadURLExternal({
      filename: 'a.txt',
      length: 3,
    });
    const response = await fetch(url as string, { method: 'POST', body: 'abc' });
    expect(response.status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: id as string, title: 'A' }] });
    expect(slack.uploads()).toMatchObject([{ text: 'abc', title: 'A', completed: true, channel: undefined }]);
    expect(slack.messages('C0CALLS')).toEqual([]);
  });

  test('completeUploadExternal refuses an unknown channel', async () => {
    const { upload_url: url, file_id: id } = await client.files.getUploadURLExternal({
      filename: 'a.txt',
      length: 1,
    });
    await fetch(url as string, { method: 'POST', body: 'a' });
    const error = await rejectionOf(
      client.files.completeUploadExternal({ files: [{ id: id as string }], channel_id: 'C0NOPE' }),
    );
    expect((error as WebAPIPlatformError).data.error).toBe('invalid_channel');
  });

  test('keeps only the newest MAX_STORED_UPLOADS files, so requests cannot grow memory without end', async () => {
    const ids: string[] = [];
    for (let i = 0; i <= MAX_STORED_UPLOADS; i++) {
      const { file_id: id } = await client.files.getUploadURLExternal({ filename: `f${i}.txt`, length: 1 });
      ids.push(id as string);
    }
    const kept = slack.uploads().map((u) => u.id);
    expect(kept).toHaveLength(MAX_STORED_UPLOADS);
    expect(kept).toEqual(ids.slice(1));
  });
});
