import { CccEnvelope, describeIssues, SchemaError, safeParseWith } from '@ccc-kit/schemas';
import { type KyInstance, TimeoutError } from 'ky';
import { CccClientErrorCode } from './errors.ts';
import type { SendSlot } from './rate-limit.ts';
import { signTc3 } from './sign.ts';
import type { CccCredentials } from './types.ts';

/** Everything one attempt needs; built once per client. */
export interface Transport {
  readonly ky: KyInstance;
  /** The underlying fetch (ky calls it through a wrapper that commits the rate-limit slot). */
  readonly fetch: typeof fetch;
  /** `<origin>/`: API 3.0 always posts to the root path. */
  readonly url: string;
  /** `host[:port]` of the endpoint. */
  readonly host: string;
  readonly timeoutMs: number;
  readonly region: string | undefined;
  readonly language: string | undefined;
  readonly credentials: () => Promise<CccCredentials>;
}

/** How a failed attempt may be retried. */
export type FailureKind =
  /** Network error, timeout or HTTP 5xx: retried for idempotent actions. */
  | 'transient'
  /** `RequestLimitExceeded*`: the request was refused before processing, always safe to retry. */
  | 'throttled'
  /** `AuthFailure.SignatureExpire`: retried once, re-signed. */
  | 'expired'
  /** Anything else: never retried. */
  | 'fatal';

/** A failed attempt, turned into a `CccError` by the caller (which knows the attempt count). */
export interface AttemptFailure {
  readonly ok: false;
  readonly kind: FailureKind;
  readonly code: string;
  readonly message: string;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly cause?: unknown;
  /** The server's `Date` header in ms, to correct clock skew after `SignatureExpire`. */
  readonly serverTime?: number | undefined;
}

/** Result of one attempt: the `Response` object (with `RequestId`) or a failure. */
export type AttemptResult =
  | { readonly ok: true; readonly response: Readonly<Record<string, unknown>>; readonly requestId: string }
  | AttemptFailure;

const failure = (kind: FailureKind, code: string, message: string, extra: Partial<AttemptFailure> = {}) =>
  ({ ok: false, kind, code, message, ...extra }) as AttemptFailure;

/** Carries a failure out of ky's `beforeRequest` hook, so it is not mistaken for a network error. */
class AttemptAbort extends Error {
  readonly failure: AttemptFailure;
  constructor(failure: AttemptFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/**
 * Sends one request and classifies the answer; never throws. The rate-limit slot (`acquire`), the
 * credentials and the signature are all taken in ky's `beforeRequest` hook (outside ky's timeout), so
 * time spent queued never ages the signed timestamp; the slot is committed when fetch is called.
 */
export async function sendAttempt(
  transport: Transport,
  action: string,
  body: string,
  acquire: () => Promise<SendSlot | undefined>,
  timestamp: () => number,
): Promise<AttemptResult> {
  let slot: SendSlot | undefined;
  const sign = async (request: Request): Promise<void> => {
    slot = await acquire();
    let credentials: CccCredentials;
    try {
      credentials = await transport.credentials();
    } catch (cause) {
      throw new AttemptAbort(
        failure('fatal', CccClientErrorCode.Credentials, 'the credentials provider failed', { cause }),
      );
    }
    const headers: Record<string, string | undefined> = {
      ...signTc3({ ...credentials, ...signInput(transport, action, body, timestamp()) }),
    };
    headers.Host = undefined; // fetch derives Host (with port) from the URL; the signature used the bare hostname
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined) request.headers.set(name, value);
  };
  let response: Response;
  let text: string;
  try {
    response = await transport.ky.post(transport.url, {
      body,
      headers: { 'content-type': 'application/json' },
      hooks: { beforeRequest: [sign] },
      // The send time of the slot is the moment fetch is called, not when the slot was granted.
      fetch: (input, init) => {
        slot?.commit();
        return transport.fetch(input, init);
      },
    });
    text = await response.text();
  } catch (cause) {
    if (cause instanceof AttemptAbort) return cause.failure;
    return cause instanceof TimeoutError
      ? failure('transient', CccClientErrorCode.Timeout, `no answer within ${transport.timeoutMs} ms`, {
          cause,
        })
      : failure('transient', CccClientErrorCode.Network, `network error: ${messageOf(cause)}`, { cause });
  } finally {
    slot?.cancel(); // no-op once committed; frees the slot when the request never left
  }
  if (response.status !== 200) {
    const kind = response.status >= 500 ? 'transient' : 'fatal';
    return failure(kind, CccClientErrorCode.Http, `HTTP ${response.status}`, { status: response.status });
  }
  return readEnvelope(text, Date.parse(response.headers.get('date') ?? ''));
}

function signInput(transport: Transport, action: string, body: string, timestamp: number) {
  return {
    service: 'ccc',
    host: transport.host,
    action,
    version: '2020-02-10',
    timestamp,
    payload: body,
    contentType: 'application/json',
    region: transport.region,
    language: transport.language,
  } as const;
}

function readEnvelope(text: string, serverTime: number): AttemptResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return failure('fatal', CccClientErrorCode.InvalidResponse, 'the response body is not JSON', {
      cause,
      status: 200,
    });
  }
  const envelope = safeParseWith(CccEnvelope, json);
  if (!envelope.ok) {
    const cause = new SchemaError('API 3.0 envelope', envelope.issues);
    const why = `the response is not an API 3.0 envelope: ${describeIssues(envelope.issues)}`;
    return failure('fatal', CccClientErrorCode.InvalidResponse, why, { cause, status: 200 });
  }
  const { Error: apiError, RequestId: requestId } = envelope.value.Response;
  if (!apiError) return { ok: true, response: envelope.value.Response, requestId };
  const kind: FailureKind = apiError.Code.startsWith('RequestLimitExceeded')
    ? 'throttled'
    : apiError.Code === 'AuthFailure.SignatureExpire'
      ? 'expired'
      : 'fatal';
  return failure(kind, apiError.Code, `${apiError.Code}: ${apiError.Message}`, {
    requestId,
    status: 200,
    serverTime: Number.isFinite(serverTime) ? serverTime : undefined,
  });
}

const messageOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const base = error instanceof Error ? error.message : String(error);
  return typeof cause === 'string' ? `${base} (${cause})` : base;
};
