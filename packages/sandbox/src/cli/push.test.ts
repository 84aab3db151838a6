import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DOCUMENTED_CALLS, DOCUMENTED_CHATS } from '../dataset/documented.ts';
import { generateDataset } from '../dataset/generate.ts';
import { datasetToPushes } from '../dataset/pushes.ts';
import { closedPort, ROOT, runCli } from './test-utils/cli.ts';
import {
  ACCEPT,
  type PushAnswer,
  type Received,
  type StandIn,
  startWebhook,
} from './test-utils/receivers.ts';

let webhook: StandIn;
let answer: PushAnswer = ACCEPT;
let url: string;
let dir: string;
beforeAll(async () => {
  webhook = await startWebhook(() => answer);
  url = webhook.url;
  dir = mkdtempSync(join(tmpdir(), 'ccc-sandbox-push-'));
});
afterAll(() => {
  webhook.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  webhook.received.length = 0;
  answer = ACCEPT;
});
const received = (): readonly Received[] => webhook.received;

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const SAMPLES = join(ROOT, 'apps/webhook/samples');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('push --file: one JSON file, as Tencent pushes it', () => {
  test.each([
    ['cdr.json', 'cdr', '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232', '/ccc call'],
    ['cdr-legacy.json', 'cdr', 'e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55', '/ccc call'],
    ['imcdr.json', 'imcdr', 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d', '/ccc transcript'],
    ['record.json', 'record', 'e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55', '/ccc call'],
    ['voicemail.json', 'voicemail', 'e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55', '/ccc call'],
  ])(
    'samples/%s: action %s told from its fields, Basic auth, a push id, the file as the body',
    async (file, action, sessionId, command) => {
      const path = join(SAMPLES, file);
      const run = await runCli([
        'push',
        '--file',
        path,
        '--url',
        url,
        '--user',
        'tencent',
        '--password',
        's3cret-pw',
      ]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(received()).toHaveLength(1);
      const [push] = received() as [Received];
      expect(Object.fromEntries(push.url.searchParams)).toEqual(
        action === 'voicemail' ? { action } : { action, version: '1' },
      );
      expect(push.headers.authorization).toBe(basic('tencent', 's3cret-pw'));
      expect(push.headers['content-type']).toBe('application/json;charset=utf8');
      expect(push.headers['x-tccc-push-uuid']).toMatch(UUID);
      expect(JSON.parse(push.body)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
      expect(run.stdout).toContain(
        `Pushing 1 push (1 ${action}) to ${url} with Basic auth as "tencent" (password from --password)`,
      );
      expect(run.stdout).toContain('  pushed        1\n  acknowledged  1 (ErrCode 0)\n  refused       0\n');
      expect(run.stdout).toContain(`pnpm sandbox slash "${command} ${sessionId}"`);
      expect(run.stdout + run.stderr).not.toContain('s3cret-pw');
    },
  );

  test("the webhook's variables give the credentials; --push-id sets the push id", async () => {
    const env = { PUSH_BASIC_USER: 'tencent', PUSH_BASIC_PASSWORD: 'from-env-pw' };
    const run = await runCli(
      ['push', '--file', join(SAMPLES, 'cdr.json'), '--url', url, '--push-id', 'again-1'],
      env,
    );
    expect(run.code).toBe(0);
    expect(received()[0]?.headers.authorization).toBe(basic('tencent', 'from-env-pw'));
    expect(received()[0]?.headers['x-tccc-push-uuid']).toBe('again-1');
    expect(run.stdout).toContain('(password from PUSH_BASIC_PASSWORD)');
    expect(run.stdout).not.toContain('from-env-pw');
  });

  test('without credentials it sends the sandbox ones that serve prints for the webhook', async () => {
    const run = await runCli(['push', '--file', join(SAMPLES, 'record.json'), '--url', url]);
    expect(run.code).toBe(0);
    expect(received()[0]?.headers.authorization).toBe(basic('sandbox', 'sandbox-push-password-0001'));
  });

  test('a file whose kind cannot be told is refused: exit 2, pass --action; with it, it is sent', async () => {
    const file = join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify({ SessionId: 's-1', Timestamp: 1 }));
    const run = await runCli(['push', '--file', file, '--url', url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^--file \S+odd\.json: cannot tell which push it is: it has none of the fields/,
    );
    expect(run.stderr).toContain('Pass --action cdr|imcdr|record|voicemail.');
    expect(received()).toHaveLength(0);
  });

  test('an invalid push is refused before sending (exit 2); --raw sends it anyway', async () => {
    const file = join(dir, 'bad-voicemail.json');
    writeFileSync(file, JSON.stringify({ SessionId: 's-2', RecordURL: '' }));
    const refused = await runCli(['push', '--file', file, '--url', url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a valid voicemail push: RecordURL: RecordURL must not be empty');
    expect(refused.stderr).toContain('add --raw');
    const raw = await runCli(['push', '--file', file, '--url', url, '--raw', '--auth', 'none']);
    expect(raw.code).toBe(0);
    expect(received()).toHaveLength(1);
    expect(received()[0]?.headers.authorization).toBeUndefined();
  });
});

describe('push: a generated day', () => {
  const options = {
    seed: 3,
    calls: 20,
    chats: 9,
    start: Date.UTC(2025, 2, 1) / 1000,
    sdkAppId: 1_400_000_000,
  };
  const documented = new Set([...DOCUMENTED_CALLS, ...DOCUMENTED_CHATS].map((s) => s.sessionId));
  const expected = datasetToPushes(generateDataset({ ...options, documentedSessions: true })).filter(
    (push) => !documented.has(push.sessionId),
  );
  const dayArgs = ['--seed', '3', '--calls', '20', '--chats', '9', '--day', '2025-03-01'];

  test('the pushes of the day serve generates with the same options, in order, but the documented sessions', async () => {
    const run = await runCli([
      'push',
      ...dayArgs,
      '--url',
      url,
      '--concurrency',
      '1',
      '--token',
      'a-token-of-16-chars',
    ]);
    expect(run.code).toBe(0);
    expect(received().map((r) => r.headers['x-tccc-push-uuid'])).toEqual(expected.map((p) => p.pushId));
    expect(received().map((r) => r.url.searchParams.get('action'))).toEqual(expected.map((p) => p.action));
    expect(received().every((r) => r.url.searchParams.get('token') === 'a-token-of-16-chars')).toBe(true);
    expect(run.stdout).toContain(`  pushed        ${expected.length}\n`);
    expect(run.stdout).toContain('with a token in the URL (?token=…, from --token)');
    expect(run.stdout).not.toContain('a-token-of-16-chars');
    expect(run.stdout).toContain('pnpm sandbox slash "/ccc call 0cf5be1b-de75-4445-a0c4-8dff3fa4b68b"');
    expect(run.stdout).toMatch(/pnpm sandbox slash "\/ccc transcript [0-9a-f-]{36}"/);
  });

  test('duplicates and refusals are counted, each refusal with the webhook answer; exit 1', async () => {
    const [dupe, bad] = [expected[2]?.pushId, expected[5]?.pushId];
    answer = (push) => {
      const id = push.headers['x-tccc-push-uuid'];
      if (id === dupe) return { status: 200, body: { ErrCode: 0, ErrMsg: 'duplicate' } };
      if (id === bad) return { status: 400, body: { ErrCode: 400, ErrMsg: 'SessionId is missing' } };
      return { status: 200, body: { ErrCode: 0, ErrMsg: '' } };
    };
    const run = await runCli(['push', ...dayArgs, '--url', url, '--retries', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`  acknowledged  ${expected.length - 1} (ErrCode 0), of which 1 duplicate`);
    expect(run.stdout).toContain(
      `  refused       1\n    ${expected[5]?.action} ${expected[5]?.sessionId}: HTTP 400: {"ErrCode":400,"ErrMsg":"SessionId is missing"} (after 2 attempts)\n`,
    );
    expect(received().filter((r) => r.headers['x-tccc-push-uuid'] === bad)).toHaveLength(2);
  });

  test('a webhook that cannot be reached: exit 1 after one push, saying so', async () => {
    const port = await closedPort();
    const run = await runCli([
      'push',
      ...dayArgs,
      '--url',
      `http://127.0.0.1:${port}/push`,
      '--retries',
      '0',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^Cannot reach the webhook at http://127\\.0\\.0\\.1:${port}/push \\(ECONNREFUSED\\)\\. Is it running\\?`,
      ),
    );
  });

  test('options of a file and of a day do not mix', async () => {
    const run = await runCli(['push', '--file', join(SAMPLES, 'cdr.json'), '--seed', '2', '--url', url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--file sends one file: --seed describe a generated day/);
    const action = await runCli(['push', '--action', 'cdr', '--url', url]);
    expect(action.stderr).toMatch(/^--action only go with --file/);
  });
});
