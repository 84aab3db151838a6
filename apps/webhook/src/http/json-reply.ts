import type { IncomingMessage, ServerResponse } from 'node:http';
import { credentialsOf, safeEqual } from './auth.ts';

/** Answers `body` as JSON with its length (the webhook's own endpoints; Tencent's push answers too). */
export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function bearerAllowed(req: IncomingMessage, token: string | undefined): boolean {
  const given = credentialsOf(req.headers.authorization, 'bearer');
  return Boolean(token && given !== null && safeEqual(given, token));
}
