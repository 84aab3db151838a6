import { createServer } from 'node:http';

/** A message the sink accepted. */
export interface SunkMessage {
  readonly channel: string;
  readonly ts: string;
}

/**
 * A minimal Slack Web API that accepts every chat.postMessage, for draining a large backlog quickly (other
 * methods answer an empty `ok`).
 */
export interface SlackSink {
  /** `slackApiUrl` for the webhook (`…/api/`). */
  readonly apiUrl: string;
  readonly messages: readonly SunkMessage[];
  stop(): Promise<void>;
}

/**
 * Starts the sink on 127.0.0.1. Unlike the sandbox's Slack emulator it keeps only channel and ts (a
 * backlog of 100,000+ full messages would take hundreds of MB) and applies no rate limit: it stands for
 * the hours a real backlog takes at 1 message per second per channel.
 */
export async function startSlackSink(): Promise<SlackSink> {
  const messages: SunkMessage[] = [];
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Only posts are messages: anything else (auth.test at start, a history lookup of a post in doubt)
      // gets an empty success. Lookups find nothing here: a post the sink took is never in doubt (it
      // always answers).
      if (!req.url?.endsWith('/chat.postMessage')) {
        const empty = JSON.stringify({ ok: true, messages: [], has_more: false, response_metadata: {} });
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(empty),
        });
        res.end(empty);
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const channel = req.headers['content-type']?.includes('json')
        ? String((JSON.parse(text) as { channel?: unknown }).channel)
        : (new URLSearchParams(text).get('channel') ?? '');
      counter++;
      const ts = `${1_800_000_000 + Math.floor(counter / 1e6)}.${String(counter % 1e6).padStart(6, '0')}`;
      messages.push({ channel, ts });
      const body = JSON.stringify({ ok: true, channel, ts });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sink did not bind');
  return {
    apiUrl: `http://127.0.0.1:${address.port}/api/`,
    messages,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
