import ky from 'ky';
import { CccClientErrorCode, CccError } from './errors.ts';
import { createExecutor, type Execute, type RetryPolicy } from './executor.ts';
import { createActionGate, DEFAULT_RATE_PER_SECOND } from './rate-limit.ts';
import { resolveScheduler } from './scheduler.ts';
import type { CccClientOptions, CccCredentials, CccCredentialsProvider, CccLogger } from './types.ts';

/** What `createCccClient` derives from its options. */
export interface ClientConfig {
  readonly execute: Execute;
  /** Clock in ms, corrected by the offset learnt from the server after a `SignatureExpire`. */
  readonly clock: () => number;
  readonly sdkAppId: number;
  /** Where dropped response fields are told (see `validateTolerantResponse`). */
  readonly logger: CccLogger | undefined;
}

/** Default API origin: the international site, routed to the nearest region. */
export const DEFAULT_CCC_ENDPOINT = 'https://ccc.intl.tencentcloudapi.com';

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 5_000 };

const invalid = (message: string): CccError => new CccError(CccClientErrorCode.InvalidArgument, message);

/** Validates the options and wires transport, limiter and retry loop. Throws `ccc_client_invalid_argument`. */
export function resolveClientConfig(options: CccClientOptions): ClientConfig {
  const { sdkAppId, timeoutMs = 10_000 } = options;
  if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) throw invalid('sdkAppId must be a positive integer');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalid('timeoutMs must be a positive number');
  const endpoint = parseEndpoint(options.endpoint ?? DEFAULT_CCC_ENDPOINT);
  const retry = resolveRetry(options.retry);
  const perSecond =
    options.rateLimit === false ? undefined : (options.rateLimit?.perSecond ?? DEFAULT_RATE_PER_SECOND);
  if (perSecond !== undefined && !(Number.isInteger(perSecond) && perSecond > 0)) {
    throw invalid('rateLimit.perSecond must be a positive integer');
  }
  const scheduler = resolveScheduler(options.scheduler);
  // An explicit `now` wins for signing; else a given scheduler's clock: one virtual clock drives everything.
  const now = options.now ?? (options.scheduler ? () => scheduler.now() : Date.now);
  let offsetMs = 0;
  const clock = () => now() + offsetMs;
  const execute = createExecutor({
    transport: {
      // ky's own retry stays off: attempts must be re-signed and pass the limiter (see executor.ts).
      ky: ky.create({ timeout: timeoutMs, retry: 0, throwHttpErrors: false }),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      url: `${endpoint.origin}/`,
      host: endpoint.host,
      timeoutMs,
      region: options.region,
      language: options.language,
      credentials: credentialsOf(options),
    },
    retry,
    gate: perSecond === undefined ? undefined : createActionGate(perSecond, scheduler),
    clock,
    learnServerTime: (serverTimeMs) => {
      offsetMs = serverTimeMs - now();
    },
    random: options.random ?? Math.random,
    scheduler,
    logger: options.logger,
  });
  return { execute, clock, sdkAppId, logger: options.logger };
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`endpoint is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('endpoint must be an http(s) URL');
  if (url.pathname !== '/' || url.search)
    throw invalid('endpoint must be an origin: API 3.0 signs the path "/"');
  return url;
}

function resolveRetry(retry: CccClientOptions['retry']): RetryPolicy {
  if (retry === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  const policy = { ...DEFAULT_RETRY, ...retry };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw invalid('retry.maxAttempts must be >= 1');
  if (!(policy.baseDelayMs >= 0 && policy.maxDelayMs >= 0)) throw invalid('retry delays must be >= 0');
  return policy;
}

function credentialsOf(options: CccClientOptions): () => Promise<CccCredentials> {
  if ('credentials' in options) {
    const provider: CccCredentialsProvider = options.credentials;
    return async () => checkCredentials(await provider(), 'the credentials provider returned');
  }
  const fixed = checkCredentials(
    { secretId: options.secretId, secretKey: options.secretKey, token: options.token },
    'options contain',
  );
  return async () => fixed;
}

function checkCredentials(credentials: CccCredentials, where: string): CccCredentials {
  const ok =
    typeof credentials?.secretId === 'string' &&
    credentials.secretId !== '' &&
    typeof credentials.secretKey === 'string' &&
    credentials.secretKey !== '';
  if (!ok) throw new CccError(CccClientErrorCode.Credentials, `${where} no usable secretId/secretKey`);
  return credentials;
}
