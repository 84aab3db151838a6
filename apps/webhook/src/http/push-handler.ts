import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Push, parsePush } from '@ccc-kit/cdr-parser';
import type { Logger } from 'pino';
import type { Delivery, IngestOutcome, QuarantineInput, Store } from '../store/types.ts';
import { checkPushAuth, type PushAuth } from './auth.ts';
import { readBody } from './body.ts';
import type { WebhookMetrics } from './metrics.ts';

/** What the push endpoint needs; built once in `main.ts` (or by tests). */
export interface PushHandlerDeps {
  readonly auth: PushAuth;
  readonly maxBodyBytes: number;
  /** Group-commit entry point: resolves after the push is durably stored. */
  readonly submit: (item: Parameters<Store['ingest']>[0][number]) => Promise<IngestOutcome>;
  readonly quarantine: (item: QuarantineInput) => Promise<unknown>;
  /** Channels of a push's top-level post (empty for recordings, which follow their call). */
  readonly routeFor: (push: Push) => readonly Delivery[];
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  readonly now?: () => number;
  /** The whole body must arrive within this long, else 408 (slow-loris protection); default 10 s. */
  readonly bodyTimeoutMs?: number;
}

const reply = (res: ServerResponse, status: number, errCode: number, errMsg: string): void => {
  const body = JSON.stringify({ ErrCode: errCode, ErrMsg: errMsg });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
};

/**
 * Tencent sends `application/json;charset=utf8`. A form, multipart or text body is not a push (a browser
 * form or a misrouted client); a missing header is tolerated, since nothing in the body depends on it.
 */
const isJsonType = (header: string): boolean => {
  const media = header.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
};

/**
 * Handles one Tencent data push: authenticate → read (bounded) → parse → store durably → `ErrCode: 0`.
 * Invalid pushes are kept in quarantine and answered 400; a store failure answers 503 so Tencent retries.
 */
export function createPushHandler(deps: PushHandlerDeps) {
  const now = deps.now ?? Date.now;
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const started = performance.now();
    const action = url.searchParams.get('action') ?? 'none';
    const pushId = (req.headers['x-tccc-push-uuid'] as string | undefined) ?? null;
    const finish = (result: string, status: number, errCode: number, errMsg: string): void => {
      reply(res, status, errCode, errMsg);
      deps.metrics.pushes.inc({ action, result });
      deps.metrics.ackSeconds.observe({ result }, (performance.now() - started) / 1000);
    };
    const denied = checkPushAuth(deps.auth, req.headers, url.searchParams);
    if (denied) {
      deps.logger.warn({ pushId, action, reason: denied }, 'push rejected: unauthorized');
      res.setHeader('www-authenticate', 'Basic realm="ccc-kit webhook"');
      return finish('unauthorized', 401, 401, `Unauthorized: ${denied}`);
    }
    const body = await readBody(req, deps.maxBodyBytes, deps.bodyTimeoutMs ?? 10_000).catch(() => null);
    if (!body) {
      res.setHeader('connection', 'close');
      return finish('aborted', 408, 408, 'Request body timed out');
    }
    const query = url.search.replace(/^\?/, '').replace(/(^|&)token=[^&]*/g, '$1token=***');
    const receivedAt = now();
    const keep = async (code: string, message: string): Promise<boolean> => {
      try {
        await deps.quarantine({
          pushId,
          action,
          query,
          reason: { code, message },
          body: body.bytes,
          receivedAt,
        });
        return true;
      } catch (error) {
        deps.logger.error({ err: error, pushId }, 'quarantine write failed');
        return false;
      }
    };
    if (body.tooLarge) {
      res.setHeader('connection', 'close');
      const message = `Body larger than ${deps.maxBodyBytes} bytes; raise PUSH_MAX_BODY_BYTES if Tencent's pushes are legitimately this big`;
      if (!(await keep('body_too_large', message)))
        return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
      return finish('too_large', 413, 413, message);
    }
    const type = req.headers['content-type'];
    if (type !== undefined && !isJsonType(type)) {
      // Kept in quarantine like any refused push: if a proxy ever rewrites Tencent's header, the pushes
      // can be replayed instead of being lost.
      const message = `Content-Type ${JSON.stringify(type.slice(0, 60))} is not JSON; Tencent sends application/json`;
      if (!(await keep('unsupported_media_type', message)))
        return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
      return finish('rejected', 415, 415, message);
    }
    const parsed = parsePush({ query: url.searchParams, headers: req.headers, body: body.bytes });
    if (!parsed.ok) {
      deps.logger.warn({ pushId, action, code: parsed.error.code }, `push rejected: ${parsed.error.message}`);
      if (!(await keep(parsed.error.code, parsed.error.message)))
        return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
      return finish('rejected', 400, 400, parsed.error.message);
    }
    const push = parsed.push;
    try {
      const outcome = await deps.submit({
        kind: push.kind,
        dedupeKey: push.dedupeKey,
        sessionId: push.sessionId,
        pushId,
        source: 'push',
        body: body.bytes.toString('utf8'),
        receivedAt,
        deliveries: deps.routeFor(push),
      });
      deps.logger.info({ pushId, sessionId: push.sessionId, kind: push.kind, outcome }, 'push stored');
      return finish(outcome, 200, 0, outcome === 'duplicate' ? 'duplicate' : '');
    } catch (error) {
      deps.logger.error(
        { err: error, pushId, sessionId: push.sessionId },
        'push not stored: store unavailable',
      );
      return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
    }
  };
}
