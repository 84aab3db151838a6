import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FOLLOW_UP_PATH } from '@ccc-kit/schemas';
import { afterEach, describe, expect, test } from 'vitest';
import { createFollowUpClient } from './follow-up-client.ts';

const TOKEN = 't'.repeat(40);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A local server answering the follow-up path with `answer`; records what it received. */
async function webhook(answer: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const received: { auth: string | undefined; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: body ? JSON.parse(body) : undefined });
      if (req.url !== FOLLOW_UP_PATH) return res.writeHead(404).end();
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const state = {
  state: 'taken',
  takenBy: 'U0ANN',
  takenAt: 1,
  resolvedBy: null,
  resolvedAt: null,
  outcome: null,
  note: null,
};

describe('follow-up client', () => {
  test('sends the change with the bearer token and reads applied and refused answers', async () => {
    let next: [number, unknown] = [200, { ok: true, followUp: state, changed: true, updates: 1 }];
    const hook = await webhook((_req, _body, res) => json(res, ...next));
    const client = createFollowUpClient({ url: hook.url, token: TOKEN });
    expect(await client.change({ action: 'take', sessionId: 's1', userId: 'U0ANN' })).toMatchObject({
      ok: true,
      changed: true,
    });
    expect(hook.received[0]).toEqual({
      auth: `Bearer ${TOKEN}`,
      body: { action: 'take', sessionId: 's1', userId: 'U0ANN' },
    });
    next = [409, { ok: false, reason: 'taken', followUp: state }];
    expect(await client.change({ action: 'take', sessionId: 's1', userId: 'U0BOB' })).toMatchObject({
      ok: false,
      reason: 'taken',
      followUp: { takenBy: 'U0ANN' },
    });
  });

  test('a refused token, an unexpected answer or no webhook at all is `unavailable`, never a throw', async () => {
    const hook = await webhook((_req, _body, res) =>
      json(res, 401, { error: 'send Authorization: Bearer <INTERNAL_TOKEN>' }),
    );
    const refused = await createFollowUpClient({ url: hook.url, token: TOKEN }).change({
      action: 'reopen',
      sessionId: 's1',
      userId: 'U0ANN',
    });
    expect(refused).toEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'HTTP 401: send Authorization: Bearer <INTERNAL_TOKEN>',
    });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
    const odd = await webhook((_req, _body, res) => json(res, 200, { ok: true }));
    expect(
      await createFollowUpClient({ url: odd.url, token: TOKEN }).change({
        action: 'take',
        sessionId: 's1',
        userId: 'U0ANN',
      }),
    ).toMatchObject({
      reason: 'unavailable',
      detail: 'HTTP 200',
    });
    const gone = createFollowUpClient({ url: 'http://127.0.0.1:9', token: TOKEN });
    expect(await gone.change({ action: 'take', sessionId: 's1', userId: 'U0ANN' })).toMatchObject({
      ok: false,
      reason: 'unavailable',
    });
  });
});
