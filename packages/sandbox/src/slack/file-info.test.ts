import { inflateSync } from 'node:zlib';
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { isSandboxError } from '../errors.ts';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf, tinyPng, uploadFile } from './test-utils.ts';

const START = 1_700_000_000_000;
let clock = START;
let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator({
    now: () => clock,
    filesProcessingMs: 1500,
    tokens: ['xoxb-full', 'xoxb-writer'],
    tokenScopes: { 'xoxb-writer': ['files:write', 'chat:write'] },
  });
  client = emulatorClient(slack);
});
afterAll(() => slack.stop());
beforeEach(() => {
  clock = START;
  slack.reset();
});

const errorOf = async (call: Promise<unknown>): Promise<Record<string, unknown>> => {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
};

describe('files.info', () => {
  test('a shared PNG is processing for filesProcessingMs, then has its type, channels and shares', async () => {
    const id = await uploadFile(client, { bytes: tinyPng(4, 3), filename: 'chart.png', channel: 'C0CALLS' });
    const early = await client.files.info({ file: id });
    expect(early.file).toMatchObject({ id, name: 'chart.png', mimetype: '', filetype: '', channels: [] });
    expect(early.file?.shares).toBeUndefined();
    clock += 1499;
    expect((await client.files.info({ file: id })).file?.mimetype).toBe('');
    clock += 1;
    const { file } = await client.files.info({ file: id });
    const [share] = slack.messages('C0CALLS');
    expect(file).toMatchObject({
      id,
      title: 'chart.png',
      mimetype: 'image/png',
      filetype: 'png',
      size: tinyPng(4, 3).length,
      original_w: 4,
      original_h: 3,
      url_private: `${slack.url}/files/${id}`,
      permalink: `${slack.url}/files/${id}/chart.png`,
      channels: ['C0CALLS'],
      is_public: true,
      shares: { public: { C0CALLS: [{ ts: share?.ts, channel_name: 'calls' }] } },
    });
  });

  test('a private channel is listed under groups; a text file is text/plain', async () => {
    const secret = slack.createChannel('secret', { isPrivate: true });
    slack.setFilesProcessingMs(0);
    const id = await uploadFile(client, {
      bytes: Buffer.from('hello'),
      filename: 'a.png',
      channel: secret.id,
    });
    expect((await client.files.info({ file: id })).file).toMatchObject({
      mimetype: 'text/plain',
      filetype: 'text',
      channels: [],
      groups: [secret.id],
      is_public: false,
      shares: { private: { [secret.id]: [{ channel_name: 'secret' }] } },
    });
  });

  test('unknown and not yet completed IDs are file_not_found; no file is invalid_arguments', async () => {
    expect(await errorOf(client.files.info({ file: 'F0NOPE00000' }))).toMatchObject({
      error: 'file_not_found',
    });
    const { file_id: pending } = await client.files.getUploadURLExternal({ filename: 'a.png', length: 3 });
    expect(await errorOf(client.files.info({ file: pending as string }))).toMatchObject({
      error: 'file_not_found',
    });
    expect(await errorOf(client.apiCall('files.info', {}))).toMatchObject({ error: 'invalid_arguments' });
  });

  test('needs files:read', async () => {
    const id = await uploadFile(client, { bytes: tinyPng(), filename: 'c.png', channel: 'C0CALLS' });
    const writer = emulatorClient(slack, {}, 'xoxb-writer');
    expect(await errorOf(writer.files.info({ file: id }))).toMatchObject({
      error: 'missing_scope',
      needed: 'files:read',
    });
  });
});

describe('processing delay controls', () => {
  test('setFilesProcessingMs applies to files already completed; reset() restores the option', async () => {
    const id = await uploadFile(client, { bytes: tinyPng(), filename: 'c.png', channel: 'C0CALLS' });
    expect(slack.file(id).ready).toBe(false);
    slack.setFilesProcessingMs(0);
    expect(slack.file(id).ready).toBe(true);
    slack.setFilesProcessingMs(60_000);
    clock += 30_000;
    expect((await client.files.info({ file: id })).file?.filetype).toBe('');
    slack.reset();
    const again = await uploadFile(client, { bytes: tinyPng(), filename: 'c.png', channel: 'C0CALLS' });
    clock += 1500;
    expect(slack.file(again).ready).toBe(true);
  });

  test('refuses a negative or non-finite delay, as option and setter', async () => {
    expect(() => slack.setFilesProcessingMs(-1)).toThrow(/filesProcessingMs/);
    expect(() => slack.setFilesProcessingMs(Number.NaN)).toThrow(/filesProcessingMs/);
    const error = await rejectionOf(startSlackEmulator({ filesProcessingMs: Number.POSITIVE_INFINITY }));
    expect(isSandboxError(error) && error.code).toBe('sandbox_invalid_options');
  });
});

describe('files() and file(id)', () => {
  test('return completed files with their bytes: the posted chart is a valid PNG', async () => {
    const png = tinyPng(5, 2, [255, 0, 0]);
    const id = await uploadFile(client, {
      bytes: png,
      filename: 'chart.png',
      channel: 'C0ALERTS',
      title: 'Chart',
    });
    await client.files.getUploadURLExternal({ filename: 'never-sent.png', length: 1 });
    expect(slack.files().map((f) => f.id)).toEqual([id]);
    const file = slack.file(id);
    expect(file).toMatchObject({ title: 'Chart', filetype: 'png', mimetype: 'image/png', isImage: true });
    expect(file).toMatchObject({
      width: 5,
      height: 2,
      channel: 'C0ALERTS',
      completedAt: START,
      ready: false,
    });
    expect(file.bytes.equals(png)).toBe(true);
    // IHDR then IDAT: the pixels inflate to one filter byte plus 3 bytes a pixel per row.
    const idatLength = file.bytes.readUInt32BE(33);
    expect(file.bytes.toString('latin1', 37, 41)).toBe('IDAT');
    const pixels = inflateSync(file.bytes.subarray(41, 41 + idatLength));
    expect([...pixels.subarray(0, 4)]).toEqual([0, 255, 0, 0]);
    expect(pixels.length).toBe(2 * (1 + 5 * 3));
  });

  test('file(id) throws for an unknown or uncompleted ID', async () => {
    const { file_id: pending } = await client.files.getUploadURLExternal({ filename: 'a.png', length: 3 });
    expect(() => slack.file(pending as string)).toThrow(/No completed Slack file/);
    expect(() => slack.file('F0NOPE00000')).toThrow(/No completed Slack file/);
  });
});
