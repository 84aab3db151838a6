import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../../slack/signing.ts';

/** One request a stand-in server received. */
export interface Received {
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A stand-in server on a free port of 127.0.0.1: what it received, and how to close it. */
export interface StandIn {
  readonly url: string;
  readonly received: Received[];
  close(): void;
}

type Answer = (request: Received) => { status: number; body: string };

async function standIn(path: string, answer: Answer): Promise<StandIn> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        url: new URL(req.url ?? '/', 'http://x'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(request);
      const { status, body } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

/** What a stand-in webhook answers a push: Tencent's `{ ErrCode, ErrMsg }` with an HTTP status. */
export type PushAnswer = (push: Received) => { status: number; body: { ErrCode: number; ErrMsg: string } };

/** The answer of a webhook that stores every push. */
export const ACCEPT: PushAnswer = () => ({ status: 200, body: { ErrCode: 0, ErrMsg: '' } });

/** A stand-in webhook on `/push`: records each push and answers what `answer()` returns at the time. */
export function startWebhook(answer: () => PushAnswer): Promise<StandIn> {
  return standIn('/push', (push) => {
    const { status, body } = answer()(push);
    return { status, body: JSON.stringify(body) };
  });
}

/**
 * A minimal bot on `/slack/events`, as apps/slack-bot behaves: refuses requests not signed with `secret`
 * (as Bolt does), acknowledges a command with a "Looking up…" message and a click with nothing, then
 * answers through the response_url (`Usage of <command>`, `Details of <button value>`).
 */
export function startBot(secret: string): Promise<StandIn> {
  return standIn('/slack/events', ({ headers, body }) => {
    const timestamp = Number(headers['x-slack-request-timestamp']);
    const expected = signSlackRequest({ signingSecret: secret, body, timestamp })['x-slack-signature'];
    if (headers['x-slack-signature'] !== expected || Math.abs(Date.now() / 1000 - timestamp) > 300)
      return { status: 401, body: 'invalid signature' };
    const form = Object.fromEntries(new URLSearchParams(body));
    const payload = form.payload
      ? (JSON.parse(form.payload) as { response_url: string; actions: { value: string }[] })
      : undefined;
    const reply = payload
      ? { text: `Details of ${payload.actions[0]?.value}` }
      : { text: `Usage of ${form.command}` };
    const responseUrl = payload?.response_url ?? form.response_url ?? '';
    // After the answer to the request, as Bolt's respond() does once the listener acknowledged.
    setTimeout(
      () =>
        void fetch(responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(reply),
        }),
      10,
    );
    return { status: 200, body: payload ? '' : JSON.stringify({ text: 'Looking up…' }) };
  });
}
