import { Writable } from 'node:stream';
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { pino } from 'pino';
import { afterEach, expect, test } from 'vitest';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from '../test-utils/harness.ts';

// What an operator reads in the log for each refusal and for a duplicate (issue 25, item 9).
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

type Line = Record<string, unknown>;
const basic = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;

/** A harness whose log lines are kept, parsed. */
async function start(config: Parameters<typeof startHarness>[0] = {}): Promise<Line[]> {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  harness = await startHarness({ ...config, logger: pino({ level: 'info' }, stream) });
  return lines;
}

const post = (body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${harness?.pushUrl}?action=cdr&version=1`, {
    method: 'POST',
    body,
    headers: { authorization: basic, 'content-type': 'application/json', ...headers },
  });

const about = (lines: Line[], pushId: string) => lines.filter((line) => line.pushId === pushId);

test('a 415 (not JSON) and a 413 (too large) each get a warning naming the push and the reason', async () => {
  const lines = await start({ config: { maxBodyBytes: 1024 } });
  const form = await post('SessionId=s-1', {
    'content-type': 'application/x-www-form-urlencoded',
    'x-tccc-push-uuid': 'form-1',
  });
  expect(form.status).toBe(415);
  expect(about(lines, 'form-1')).toMatchObject([
    {
      level: 40,
      action: 'cdr',
      code: 'unsupported_media_type',
      msg: 'push rejected: Content-Type "application/x-www-form-urlencoded" is not JSON; Tencent sends application/json',
    },
  ]);
  const big = await post(Buffer.alloc(4096, 0x20), { 'x-tccc-push-uuid': 'big-1' });
  expect(big.status).toBe(413);
  expect(about(lines, 'big-1')).toMatchObject([
    {
      level: 40,
      code: 'body_too_large',
      bytes: 4096,
      msg: expect.stringMatching(/^push rejected: Body larger than 1024 bytes/),
    },
  ]);
});

test('a duplicate push is logged as a duplicate, not as stored', async () => {
  const lines = await start();
  for (const id of ['first-1', 'again-1'])
    expect((await post(repairedSamples.cdrPushSeed, { 'x-tccc-push-uuid': id })).status).toBe(200);
  expect(about(lines, 'first-1')).toMatchObject([{ outcome: 'stored', msg: 'push stored' }]);
  expect(about(lines, 'again-1')).toMatchObject([
    { outcome: 'duplicate', msg: 'push duplicate: already stored, nothing new' },
  ]);
});
