import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { BotLogger } from './logger.ts';

/**
 * Largest request body the bot reads (256 KiB). Slack's slash commands and interaction payloads are a few
 * KiB; Bolt's own default (4 MB) let anyone make the bot buffer 4 MB before the signature was checked.
 */
export const MAX_BODY_BYTES = 256 * 1024;

const SIGNATURE_HEADERS = ['x-slack-signature', 'x-slack-request-timestamp'] as const;

/** Answers without reading the body, and closes the connection so the client stops sending it. */
const refuse = (res: ServerResponse, status: 401 | 413): void => {
  res.writeHead(status, { connection: 'close', 'content-length': 0 });
  res.end();
};

/** Why a request to a Slack endpoint is refused before its body is read, or null to let Bolt handle it. */
function refusal(req: IncomingMessage, maxBodyBytes: number): 401 | 413 | null {
  if (SIGNATURE_HEADERS.some((name) => !req.headers[name])) return 401;
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) return 413;
  return null;
}

/**
 * Refuses, from the headers alone, `POST`s to the Slack endpoints that cannot be genuine: no signature
 * headers (401) or a declared body over `maxBodyBytes` (413). Bolt verifies the signature only once it has
 * buffered the whole body, so without this an unsigned client could make it read megabytes. A body sent
 * without a length is cut at the same limit by Bolt's `bodyLimit` (give the receiver `MAX_BODY_BYTES`).
 * Wraps the receiver's request listener (call it last, so it runs first).
 *
 * @example
 * const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', bodyLimit: MAX_BODY_BYTES });
 * guardSlackRequests(receiver, ['/slack/events'], logger);
 */
export function guardSlackRequests(
  receiver: HTTPReceiver,
  endpoints: readonly string[],
  logger: BotLogger,
  maxBodyBytes = MAX_BODY_BYTES,
): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://bot.invalid').pathname;
    const guarded = req.method === 'POST' && endpoints.includes(path);
    const status = guarded ? refusal(req, maxBodyBytes) : null;
    if (status === null) {
      // Slack always sends a length. A body without one is read by Bolt up to its `bodyLimit`; whatever
      // the answer (413 when it goes beyond), the connection then closes instead of keeping the unread rest.
      if (guarded && req.headers['content-length'] === undefined) res.setHeader('connection', 'close');
      return next(req, res);
    }
    logger.warn(
      { path, status, declaredBytes: Number(req.headers['content-length'] ?? 0) || null },
      status === 401
        ? 'request refused: no Slack signature headers'
        : `request refused: body over ${maxBodyBytes} bytes`,
    );
    refuse(res, status);
  };
}
