import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FOLLOW_UP_PATH, STATS_PATH } from '@ccc-kit/schemas';
import type { Logger } from 'pino';
import type { NotReadyReason } from '../readiness.ts';
import { bearerAllowed, json } from './json-reply.ts';
import type { WebhookMetrics } from './metrics.ts';
import { bounded } from './request-values.ts';

/** Routes and probes of the webhook's HTTP server. */
export interface ServerDeps {
  readonly pushPath: string;
  readonly handlePush: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  /** Null when the service can take pushes, else why not (a fixed word; a rejection counts as `database`). */
  readonly ready: () => Promise<NotReadyReason | null>;
  readonly metrics: WebhookMetrics;
  /** Bearer token for `/metrics`; without one the endpoint is disabled. */
  readonly metricsToken?: string | undefined;
  /** The internal follow-up API (`POST /internal/follow-ups`); absent without `INTERNAL_TOKEN`. */
  readonly handleFollowUp?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** The internal stats API (`GET /internal/stats`); absent without `INTERNAL_TOKEN`. */
  readonly handleStats?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** Refreshes gauges (outbox depth…) before a scrape. */
  readonly beforeScrape?: () => Promise<void>;
  readonly logger: Logger;
}

/** Builds the request listener: push endpoint, `/healthz`, `/readyz`, `/metrics`. */
export function createRequestListener(deps: ServerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://webhook.invalid');
    try {
      if (url.pathname === deps.pushPath) {
        if (req.method !== 'POST')
          return json(res, 405, { ErrCode: 405, ErrMsg: 'Use POST for data pushes' });
        return await deps.handlePush(req, res, url);
      }
      if (url.pathname === FOLLOW_UP_PATH) {
        if (!deps.handleFollowUp)
          return json(res, 404, {
            error: 'follow-ups are disabled: set INTERNAL_TOKEN on the webhook and the bot',
          });
        return await deps.handleFollowUp(req, res);
      }
      if (url.pathname === STATS_PATH) {
        if (!deps.handleStats)
          return json(res, 404, {
            error: 'the stats API is disabled: set INTERNAL_TOKEN on the webhook and the bot',
          });
        return await deps.handleStats(req, res);
      }
      if (req.method === 'GET' && url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/readyz') {
        // A fixed word, never an error's text: anyone who reaches the port may ask.
        const reason = await deps.ready().catch((): NotReadyReason => 'database');
        return json(
          res,
          reason ? 503 : 200,
          reason ? { status: 'unavailable', reason } : { status: 'ready' },
        );
      }
      if (req.method === 'GET' && url.pathname === '/metrics') {
        if (!deps.metricsToken)
          return json(res, 404, { error: 'metrics are disabled: set METRICS_TOKEN to enable them' });
        if (!bearerAllowed(req, deps.metricsToken))
          return json(res, 401, { error: 'send Authorization: Bearer <METRICS_TOKEN>' });
        await deps.beforeScrape?.();
        res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
        return void res.end(await deps.metrics.registry.metrics());
      }
      json(res, 404, { error: `No route for ${req.method} ${bounded(url.pathname)}` });
    } catch (error) {
      deps.logger.error({ err: error, path: bounded(url.pathname) }, 'request failed');
      if (!res.headersSent) json(res, 500, { ErrCode: 500, ErrMsg: 'Internal error, retry later' });
      else res.destroy();
    }
  };
}

/**
 * How long an idle keep-alive connection stays open by default: longer than the idle timeouts of the
 * clients and proxies in front (60 s is the common one), so that they, not the webhook, close idle
 * connections. When the server closes one just as a client sends its next push on it, that push fails
 * with ECONNRESET (see "Keep-alive" in the README).
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Idle keep-alive connections are closed after this long; default {@link DEFAULT_KEEP_ALIVE_TIMEOUT_MS}. */
  readonly keepAliveTimeoutMs?: number | undefined;
}

/** Starts the server with timeouts that bound slow or stalled clients. */
export async function startServer(
  listener: ReturnType<typeof createRequestListener>,
  port: number,
  host: string,
  options: ServerOptions = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer(
    // Node checks the header and request deadlines every `connectionsCheckingInterval` (30 s by default),
    // which would let a slow-loris client hold a connection for up to a minute. Both deadlines count from
    // the first byte of a request, so a long keep-alive idle time does not extend them.
    {
      requestTimeout: 30_000,
      headersTimeout: 10_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      void listener(req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { server, url: `http://${shownHost}:${address.port}` };
}
