import { connect } from 'node:net';

/** What a raw client saw: the reply text (maybe empty) and when the server closed the connection. */
export interface RawOutcome {
  readonly reply: string;
  /** Status code of the reply, 0 when the server closed without one. */
  readonly status: number;
  readonly closedAfterMs: number;
}

/**
 * A client on a raw socket, for what `fetch` cannot do: sends `head` (request line and headers, ended or
 * not), then `trickle` one character every `everyMs` (a slow-loris client), and resolves when the server
 * closes the connection (or after `giveUpMs`, with what it got).
 */
export function rawClient(
  port: number,
  head: string | Buffer,
  options: { readonly trickle?: string; readonly everyMs?: number; readonly giveUpMs?: number } = {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let sent = 0;
    const trickle = options.trickle ?? '';
    const timer = setInterval(() => {
      if (sent < trickle.length && socket.writable) socket.write(trickle[sent++] as string);
    }, options.everyMs ?? 100);
    const giveUp = setTimeout(() => socket.destroy(), options.giveUpMs ?? 30_000);
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
      resolve({ reply, status, closedAfterMs: performance.now() - started });
    });
    socket.write(head);
  });
}
