import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { safeEqual } from './auth.ts';
import type { WebhookMetrics } from './metrics.ts';

/** Routes and probes of the webhook's HTTP server. */
export interface ServerDeps {
  readonly pushPath: string;
  readonly handlePush: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  /** Rejects when the service cannot accept pushes (store unreachable). */
  readonly ready: () => Promise<void>;
  readonly metrics: WebhookMetrics;
  /** Bearer token for `/metrics`; without one the endpoint is disabled. */
  readonly metricsToken?: string | undefined;
  /** Refreshes gauges (outbox depth…) before a scrape. */
  readonly beforeScrape?: () => Promise<void>;
  readonly logger: Logger;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const metricsAllowed = (req: IncomingMessage, token: string | undefined): boolean => {
  const header = req.headers.authorization;
  return Boolean(token && header?.startsWith('Bearer ') && safeEqual(header.slice(7), token));
};

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
      if (req.method === 'GET' && url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/readyz') {
        const problem = await deps.ready().then(
          () => null,
          (error: unknown) => (error as Error).message,
        );
        return json(
          res,
          problem ? 503 : 200,
          problem ? { status: 'unavailable', reason: problem } : { status: 'ready' },
        );
      }
      if (req.method === 'GET' && url.pathname === '/metrics') {
        if (!deps.metricsToken)
          return json(res, 404, { error: 'metrics are disabled: set METRICS_TOKEN to enable them' });
        if (!metricsAllowed(req, deps.metricsToken))
          return json(res, 401, { error: 'send Authorization: Bearer <METRICS_TOKEN>' });
        await deps.beforeScrape?.();
        res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
        return void res.end(await deps.metrics.registry.metrics());
      }
      json(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
    } catch (error) {
      deps.logger.error({ err: error, path: url.pathname }, 'request failed');
      if (!res.headersSent) json(res, 500, { ErrCode: 500, ErrMsg: 'Internal error, retry later' });
      else res.destroy();
    }
  };
}

/** Starts the server with timeouts that bound slow or stalled clients. */
export async function startServer(
  listener: ReturnType<typeof createRequestListener>,
  port: number,
  host: string,
): Promise<{ server: Server; url: string }> {
  const server = createServer(
    // Node checks the header and request deadlines every `connectionsCheckingInterval` (30 s by default),
    // which would let a slow-loris client hold a connection for up to a minute.
    {
      requestTimeout: 30_000,
      headersTimeout: 10_000,
      keepAliveTimeout: 5_000,
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
