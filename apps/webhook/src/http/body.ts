import type { IncomingMessage } from 'node:http';

/** A request body read up to a limit: `tooLarge` when the limit was passed (only the head is kept). */
export interface ReadBody {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/**
 * Reads the request body, stopping at `limit` bytes so a huge or endless body cannot exhaust memory.
 * Rejects when the whole body has not arrived within `timeoutMs` (a deadline, not an idle timer: a
 * slow-loris client trickling one byte a second must not hold the connection) or the client aborts.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.resolve({ bytes: Buffer.alloc(0), tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => done(new Error('body timeout')), timeoutMs);
    const done = (error: Error | null, tooLarge = false): void => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      if (error) reject(error);
      else resolve({ bytes: Buffer.concat(chunks), tooLarge });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return done(null, true);
      chunks.push(chunk);
    });
    req.on('end', () => done(null));
    req.on('error', (error) => done(error));
    req.on('aborted', () => done(new Error('client aborted')));
  });
}
