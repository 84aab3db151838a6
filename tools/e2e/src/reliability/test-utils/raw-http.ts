import { type Agent, type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';

/** A reply as the suite inspects it. */
export interface RawReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON, or undefined. */
  readonly json: unknown;
}

/** Options of {@link send}. */
export interface SendOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  readonly agent?: Agent;
  readonly timeoutMs?: number;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Sends exactly the given bytes (no client-side validation beyond Node's header rules) and reads the reply. */
export function send(url: string, options: SendOptions = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        headers: options.headers,
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no reply within ${options.timeoutMs ?? 15_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What a slow client saw: the raw reply text (may be empty) and when the server closed the connection. */
export interface SlowOutcome {
  readonly reply: string;
  readonly closedAfterMs: number;
}

/**
 * A slow-loris client: sends `head` (request line and headers), then `trickle` one byte every `everyMs`
 * (forever when `trickle` is long enough), and resolves when the server closes the connection.
 */
export function slowClient(
  port: number,
  head: string,
  options: { readonly trickle?: string; readonly everyMs?: number; readonly giveUpMs?: number } = {},
): Promise<SlowOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let sent = 0;
    const trickle = options.trickle ?? '';
    const timer = setInterval(() => {
      if (sent < trickle.length && socket.writable) socket.write(trickle[sent++] as string);
    }, options.everyMs ?? 1_000);
    const giveUp = setTimeout(() => socket.destroy(), options.giveUpMs ?? 60_000);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ reply, closedAfterMs: performance.now() - started });
    });
  });
}
