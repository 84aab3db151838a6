import type { IncomingMessage } from 'node:http';

/**
 * A request body read up to a limit. `tooLarge` when the limit was passed: the bytes are then the whole body
 * when an oversized-read slot was free and it fits `OversizedReads.maxBytes`, else its first bytes.
 */
export interface ReadBody {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
  /** Bytes the client sent or declared; more than `bytes.length` when reading stopped early. */
  readonly size: number;
  /** Frees the oversized-read slot the body holds (a no-op otherwise); call once the bytes are stored. */
  release(): void;
}

/**
 * Reads of bodies over the push limit, kept for the quarantine: at most `slots` at once, each up to
 * `maxBytes`, so many oversized pushes at once cost at most `slots × maxBytes` of memory. When every slot is
 * taken, an oversized body keeps only as many bytes as a push may have (its head, flagged truncated).
 */
export interface OversizedReads {
  readonly maxBytes: number;
  /** A release function when a slot was free, else null. */
  tryAcquire(): (() => void) | null;
}

/**
 * Creates the oversized-read slots of one server.
 *
 * @example
 * const oversized = createOversizedReads(8 * 1024 * 1024);
 * const body = await readBody(req, 1024 * 1024, 10_000, oversized);
 */
export function createOversizedReads(maxBytes: number, slots = 2): OversizedReads {
  let free = slots;
  return {
    maxBytes,
    tryAcquire() {
      if (free === 0) return null;
      free--;
      let released = false;
      return () => {
        if (!released) free++;
        released = true;
      };
    },
  };
}

/**
 * Reads the request body, keeping at most `limit` bytes (or, past it, what an oversized-read slot allows)
 * so a huge or endless body cannot exhaust memory. Rejects when the body has not arrived within
 * `timeoutMs` (a deadline, not an idle timer: a slow-loris client trickling one byte a second must not
 * hold the connection) or the client aborts; a body already known to be too large resolves at the deadline
 * with what arrived.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  timeoutMs: number,
  oversized?: OversizedReads,
): Promise<ReadBody> {
  const declared = Number(req.headers['content-length'] ?? 0) || 0;
  let keepMax = limit;
  let tooLarge = false;
  let release = (): void => {};
  const overflow = (): void => {
    tooLarge = true;
    const slot = oversized?.tryAcquire();
    if (slot && oversized) [release, keepMax] = [slot, Math.max(limit, oversized.maxBytes)];
  };
  if (declared > limit) overflow();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    let settled = false;
    const timer = setTimeout(() => done(tooLarge ? null : new Error('body timeout')), timeoutMs);
    const done = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeAllListeners('data');
      if (error) {
        release();
        reject(error);
      } else {
        resolve({ bytes: Buffer.concat(chunks), tooLarge, size: Math.max(size, declared), release });
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge && size > limit) overflow();
      const room = keepMax - kept;
      // Past what may be kept: keep the head exactly and stop reading (the reply closes the connection).
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        kept = keepMax;
        return done(null);
      }
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () => done(null));
    req.on('error', (error) => done(error));
    req.on('aborted', () => done(new Error('client aborted')));
  });
}
