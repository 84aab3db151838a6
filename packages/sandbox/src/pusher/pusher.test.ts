import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { generateDataset } from '../dataset/generate.ts';
import { datasetToPushes } from '../dataset/pushes.ts';
import { isSandboxError } from '../errors.ts';
import { listen, type RunningServer, readBody, sendJson } from '../http.ts';
import type { PushAttempt } from './deliver.ts';
import type { PushItem } from './push-item.ts';
import { createPusher, type PusherOptions } from './pusher.ts';

interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Reply = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const OK: Reply = (_req, res) => sendJson(res, 200, { ErrCode: 0, ErrMsg: '' });

/** A push receiver on 127.0.0.1 answering with `replies[n]` for the n-th request (the last one repeats). */
async function receiver(...replies: Reply[]) {
  const received: Received[] = [];
  const server = await listen(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    received.push({
      method: req.method ?? '',
      url: new URL(req.url ?? '/', 'http://x'),
      headers: req.headers,
      body,
    });
    const reply = replies[Math.min(received.length, replies.length) - 1] ?? OK;
    await reply(req, res);
  });
  servers.push(server);
  return { url: `${server.url}/tccc/push`, received, server };
}

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const item: PushItem = {
  action: 'cdr',
  body: { SessionId: 's-1', Caller: '008613800000000' },
  pushId: 'a4c1e5b2-1111-4222-8333-444455556666',
};
const fast = (options: PusherOptions): PusherOptions => ({
  retryDelaysMs: [1, 1, 1],
  timeoutMs: 2_000,
  ...options,
});

describe('request shape', () => {
  test('POST ?action=cdr&version=1 with Tencent headers and the raw JSON body, keeping the URL query', async () => {
    const target = await receiver(OK);
    const result = await createPusher({ url: `${target.url}?tenant=acme` }).push(item);
    expect(result).toEqual({
      pushId: item.pushId,
      action: 'cdr',
      delivered: true,
      attempts: 1,
      lastStatus: 200,
      lastReply: '{"ErrCode":0,"ErrMsg":""}',
      failure: null,
    });
    const [request] = target.received;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/tccc/push');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      tenant: 'acme',
      action: 'cdr',
      version: '1',
    });
    expect(request?.headers['content-type']).toBe('application/json;charset=utf8');
    expect(request?.headers['x-tccc-push-uuid']).toBe(item.pushId);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toBe(JSON.stringify(item.body));
  });

  test('voicemail has no version unless asked for', async () => {
    const target = await receiver(OK);
    const voicemail = { ...item, action: 'voicemail' as const };
    await createPusher({ url: target.url }).push(voicemail);
    await createPusher({ url: target.url, voicemailVersion: true }).push(voicemail);
    expect(target.received.map((r) => r.url.search)).toEqual([
      '?action=voicemail',
      '?action=voicemail&version=1',
    ]);
  });

  test('basic auth, query token and bearer token', async () => {
    const target = await receiver(OK);
    await createPusher({ url: target.url, auth: { basic: { user: 'tccc', password: 'p@ss:wörd' } } }).push(
      item,
    );
    await createPusher({ url: target.url, auth: { token: 's3cr3t', in: 'query' } }).push(item);
    await createPusher({ url: target.url, auth: { token: 's3cr3t', in: 'header' } }).push(item);
    const [basic, query, header] = target.received;
    const decoded = Buffer.from(
      String(basic?.headers.authorization).replace(/^Basic /, ''),
      'base64',
    ).toString('utf8');
    expect(decoded).toBe('tccc:p@ss:wörd');
    expect(query?.url.searchParams.get('token')).toBe('s3cr3t');
    expect(query?.headers.authorization).toBeUndefined();
    expect(header?.headers.authorization).toBe('Bearer s3cr3t');
    expect(header?.url.searchParams.has('token')).toBe(false);
  });
});

describe('retries', () => {
  const failing: [string, Reply, string, number | null][] = [
    ['HTTP 500', (_q, res) => sendJson(res, 500, { ErrCode: 0, ErrMsg: '' }), 'http_status', 500],
    [
      'a redirect (not followed)',
      (_q, res) => res.writeHead(302, { location: '/elsewhere' }).end(),
      'http_status',
      302,
    ],
    ['a non-JSON 200', (_q, res) => res.writeHead(200).end('OK'), 'invalid_reply', 200],
    ['JSON without ErrMsg', (_q, res) => sendJson(res, 200, { ErrCode: 0 }), 'invalid_reply', 200],
    ['ErrCode 1', (_q, res) => sendJson(res, 200, { ErrCode: 1, ErrMsg: 'db down' }), 'err_code', 200],
    ['a connection reset', (req) => void req.socket.destroy(), 'network', null],
  ];

  test.each(failing)(
    '%s: 1 attempt + 3 retries with the same push id, then failure',
    async (_name, reply, reason, status) => {
      const target = await receiver(reply);
      const attempts: PushAttempt[] = [];
      // Timeouts and the retry schedule are tested on a virtual clock (deliver.test.ts); the timeout here is
      // generous because a loaded CI machine can take >100 ms to answer.
      const pusher = createPusher(
        fast({ url: target.url, timeoutMs: 3000, onAttempt: (a) => attempts.push(a) }),
      );
      const result = await pusher.push(item);
      expect(result).toMatchObject({
        delivered: false,
        attempts: 4,
        lastStatus: status,
        failure: { reason },
      });
      expect(attempts.map((a) => [a.attempt, a.failure?.reason])).toEqual(
        [1, 2, 3, 4].map((n) => [n, reason]),
      );
      expect(target.received.map((r) => r.headers['x-tccc-push-uuid'])).toEqual(Array(4).fill(item.pushId));
      expect(pusher.stats).toEqual({ sent: 1, delivered: 0, failed: 1, attempts: 4, duplicates: 0 });
    },
  );

  test('succeeds on the second attempt (the real-time smoke test: real timers, real HTTP)', async () => {
    const target = await receiver((_q, res) => sendJson(res, 503, { ErrCode: 503, ErrMsg: 'busy' }), OK);
    const pusher = createPusher(fast({ url: target.url }));
    expect(await pusher.push(item)).toMatchObject({
      delivered: true,
      attempts: 2,
      lastStatus: 200,
      failure: null,
    });
    expect(target.received).toHaveLength(2);
    expect(pusher.stats).toMatchObject({ delivered: 1, failed: 0, attempts: 2 });
  });

  test('maxRetries: 0 makes a single attempt; an unreachable receiver is a value, not a throw', async () => {
    const target = await receiver(OK);
    await target.server.close();
    const result = await createPusher(fast({ url: target.url, maxRetries: 0 })).push(item);
    expect(result).toMatchObject({
      delivered: false,
      attempts: 1,
      lastStatus: null,
      lastReply: null,
      failure: { reason: 'network' },
    });
  });
});

describe('duplicates, ordering and concurrency', () => {
  test('duplicate() sends the same push id again', async () => {
    const target = await receiver(OK);
    const pusher = createPusher({ url: target.url });
    await pusher.push(item);
    await pusher.duplicate(item);
    expect(target.received.map((r) => r.headers['x-tccc-push-uuid'])).toEqual([item.pushId, item.pushId]);
    expect(pusher.stats).toEqual({ sent: 2, delivered: 2, failed: 0, attempts: 2, duplicates: 1 });
  });

  test('pushAll sends a dataset out of order on purpose, with chosen duplicates', async () => {
    const target = await receiver(OK);
    const dataset = generateDataset({
      seed: 12,
      start: Date.UTC(2025, 0, 1) / 1000,
      calls: 20,
      chats: 0,
      liveChats: 0,
    });
    const pushes = datasetToPushes(dataset, { outOfOrder: 2 });
    const results = await createPusher({ url: target.url }).pushAll(pushes, {
      concurrency: 1,
      duplicates: 3,
    });
    expect(results).toHaveLength(pushes.length + 3);
    expect(results.every((r) => r.delivered)).toBe(true);
    const ids = target.received.map((r) => r.headers['x-tccc-push-uuid']);
    const sent = target.received.map((r, i) => ({
      id: ids[i],
      action: r.url.searchParams.get('action'),
      session: JSON.parse(r.body).SessionId as string,
    }));
    const early = sent.filter(
      (p, i) =>
        p.action === 'record' && sent.findIndex((q) => q.action === 'cdr' && q.session === p.session) > i,
    );
    expect(new Set(early.map((p) => p.id)).size).toBe(2);
    expect(ids.length - new Set(ids).size).toBe(3);
    expect(ids.filter((id, i) => ids[i + 1] === id)).toHaveLength(3);
  });
});

test.each([
  [{ url: 'not a url' }, /url/],
  [{ url: 'ftp://127.0.0.1/' }, /url/],
  [{ url: 'http://127.0.0.1/', retryDelaysMs: [-1] }, /retryDelaysMs/],
  [{ url: 'http://127.0.0.1/', concurrency: 0 }, /concurrency/],
  [{ url: 'http://127.0.0.1/', timeoutMs: 0 }, /timeoutMs/],
])('invalid options throw sandbox_invalid_options (%#)', (options, message) => {
  let caught: unknown;
  try {
    createPusher(options);
  } catch (error) {
    caught = error;
  }
  expect(isSandboxError(caught) && caught.code).toBe('sandbox_invalid_options');
  expect(String(caught)).toMatch(message);
});
