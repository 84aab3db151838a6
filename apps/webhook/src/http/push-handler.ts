import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Push, parsePush } from '@ccc-kit/cdr-parser';
import type { Logger } from 'pino';
import { isStoreError, StoreErrorCode } from '../store/errors.ts';
import { DEFAULT_QUARANTINE_MAX_BODY_BYTES } from '../store/index.ts';
import type { IngestItem, IngestOutcome, QuarantineInput, Store } from '../store/types.ts';
import { checkPushAuth, type PushAuth } from './auth.ts';
import { createOversizedReads, readBody } from './body.ts';
import type { PushResult, WebhookMetrics } from './metrics.ts';
import { actionLabel, bounded, maskedQuery, pushIdOf } from './request-values.ts';

/** What the push endpoint needs; built once in `main.ts` (or by tests). */
export interface PushHandlerDeps {
  readonly auth: PushAuth;
  readonly maxBodyBytes: number;
  /**
   * A body over `maxBodyBytes` is still read, up to this many bytes, and kept whole in quarantine for a
   * replay after the limit is raised (2 such reads at once at most; see `createOversizedReads`). Default
   * 8 MiB.
   */
  readonly quarantineMaxBodyBytes?: number;
  /** Group-commit entry point: resolves after the push is durably stored. */
  readonly submit: (item: Parameters<Store['ingest']>[0][number]) => Promise<IngestOutcome>;
  readonly quarantine: (item: QuarantineInput) => Promise<unknown>;
  /** Channels of a push's top-level post (empty for recordings, which follow their call). */
  /** Where the push's posts go (`deliveries`), and for a voicemail where it goes if its call never comes. */
  readonly routeFor: (
    push: Push,
    receivedAt: number,
  ) => Pick<IngestItem, 'deliveries' | 'waitForCall' | 'followUp'>;
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  readonly now?: () => number;
  /** The whole body must arrive within this long, else 408 (slow-loris protection); default 10 s. */
  readonly bodyTimeoutMs?: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const answerOf = (errCode: number, errMsg: string): Buffer =>
  Buffer.from(JSON.stringify({ ErrCode: errCode, ErrMsg: errMsg }));
// The two answers of nearly every push, built once.
const STORED = answerOf(0, '');
const DUPLICATE = answerOf(0, 'duplicate');

const reply = (res: ServerResponse, status: number, errCode: number, errMsg: string): void => {
  const ok = errCode === 0 && (errMsg === '' || errMsg === 'duplicate');
  const body = ok ? (errMsg === '' ? STORED : DUPLICATE) : answerOf(errCode, errMsg);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': body.length });
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
  const oversized = createOversizedReads(deps.quarantineMaxBodyBytes ?? DEFAULT_QUARANTINE_MAX_BODY_BYTES);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const started = performance.now();
    // Request-derived values reach labels, logs and rows only bounded: the label from a fixed set, the
    // rest cut to 64 characters with control characters escaped (see request-values.ts).
    const rawAction = url.searchParams.get('action');
    const label = actionLabel(rawAction);
    const action = bounded(rawAction ?? 'none');
    const { id: pushId, ignored } = pushIdOf(req.headers['x-tccc-push-uuid']);
    const finish = (result: PushResult, status: number, errCode: number, errMsg: string): void => {
      reply(res, status, errCode, errMsg);
      deps.metrics.pushes.inc({ action: label, result });
      deps.metrics.ackSeconds.observe({ result }, (performance.now() - started) / 1000);
    };
    const denied = checkPushAuth(deps.auth, req.headers, url.searchParams);
    if (denied) {
      deps.logger.warn({ pushId: pushId ?? ignored, action, reason: denied }, 'push rejected: unauthorized');
      res.setHeader('www-authenticate', 'Basic realm="ccc-kit webhook"');
      return finish('unauthorized', 401, 401, `Unauthorized: ${denied}`);
    }
    const body = await readBody(req, deps.maxBodyBytes, deps.bodyTimeoutMs ?? 10_000, oversized).catch(
      () => null,
    );
    if (!body) {
      res.setHeader('connection', 'close');
      return finish('aborted', 408, 408, 'Request body timed out');
    }
    if (ignored) deps.logger.warn({ ignored }, 'push id ignored (not 1-128 printable characters)');
    const receivedAt = now();
    const keep = async (code: string, message: string): Promise<boolean> => {
      try {
        await deps.quarantine({
          pushId,
          action,
          // Only a kept push needs it: masking every push's query cost each push a split and a decode.
          query: maskedQuery(url.search),
          reason: { code, message },
          body: body.bytes,
          receivedBytes: body.size,
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
      deps.logger.warn(
        { pushId, action, code: 'body_too_large', bytes: body.size },
        `push rejected: ${message}`,
      );
      const kept = await keep('body_too_large', message).finally(body.release);
      if (!kept) return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
      return finish('too_large', 413, 413, message);
    }
    const type = req.headers['content-type'];
    if (type !== undefined && !isJsonType(type)) {
      // Kept in quarantine like any refused push: if a proxy ever rewrites Tencent's header, the pushes
      // can be replayed instead of being lost.
      const message = `Content-Type ${JSON.stringify(type.slice(0, 60))} is not JSON; Tencent sends application/json`;
      deps.logger.warn({ pushId, action, code: 'unsupported_media_type' }, `push rejected: ${message}`);
      if (!(await keep('unsupported_media_type', message)))
        return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
      return finish('rejected', 415, 415, message);
    }
    const parsed = parsePush(
      { query: url.searchParams, headers: req.headers, body: body.bytes },
      { maxBodyBytes: deps.maxBodyBytes },
    );
    if (!parsed.ok) {
      deps.logger.warn({ pushId, action, code: parsed.error.code }, `push rejected: ${parsed.error.message}`);
      if (!(await keep(parsed.error.code, parsed.error.message)))
        return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
      return finish('rejected', 400, 400, parsed.error.message);
    }
    const push = parsed.push;
    // Fields nothing relies on that had a wrong value were dropped (cdr-parser's Tolerance): say which, once.
    if (parsed.warnings.length > 0)
      deps.logger.warn(
        { pushId, kind: push.kind, sessionId: push.sessionId, warnings: parsed.warnings },
        'push accepted without fields of a wrong type',
      );
    try {
      const outcome = await deps.submit({
        kind: push.kind,
        dedupeKey: push.dedupeKey,
        sessionId: push.sessionId,
        pushId,
        source: 'push',
        body: body.bytes.toString('utf8'),
        receivedAt,
        ...deps.routeFor(push, receivedAt),
      });
      // A duplicate (Tencent's retry, or a session reconciliation already stored) stores nothing new.
      // Checked first: at LOG_LEVEL=warn the line's fields would be built (and bounded) for nothing.
      if (deps.logger.isLevelEnabled('info'))
        deps.logger.info(
          { pushId, sessionId: bounded(push.sessionId, 128), kind: push.kind, outcome },
          outcome === 'duplicate' ? 'push duplicate: already stored, nothing new' : 'push stored',
        );
      return finish(outcome, 200, 0, outcome === 'duplicate' ? 'duplicate' : '');
    } catch (error) {
      if (isStoreError(error) && error.code === StoreErrorCode.RefusedItem) {
        // The database cannot hold a value of this push: every retry would fail alike, so keep it instead.
        deps.logger.warn({ err: error, pushId }, `push rejected: ${error.message}`);
        if (!(await keep(error.code, error.message)))
          return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
        return finish('rejected', 400, 400, error.message);
      }
      deps.logger.error(
        { err: error, pushId, sessionId: bounded(push.sessionId, 128) },
        'push not stored: store unavailable',
      );
      return finish('unavailable', 503, 503, 'Storage unavailable, retry later');
    }
  };
}
