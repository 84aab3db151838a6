import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { CccClientErrorCode, CccError } from './errors.ts';

/** Inputs of {@link signTc3}. Everything the signature depends on is explicit, so the result is deterministic. */
export interface Tc3SignInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** Service of the credential scope; `ccc` for Contact Center, whatever host is used. */
  readonly service: string;
  /** Host the request goes to, with or without port; the port is sent in `Host` but never signed. */
  readonly host: string;
  /** API action, e.g. `DescribeTelCdr`. */
  readonly action: string;
  /** API version, `2020-02-10` for CCC. */
  readonly version: string;
  /** Unix seconds (integer); the credential scope date is its UTC date. */
  readonly timestamp: number;
  /** The exact body bytes that will be sent (`''` for GET). */
  readonly payload: string | Uint8Array;
  /** The exact `Content-Type` that will be sent (no charset is added). */
  readonly contentType: string;
  readonly region?: string | undefined;
  /** STS session token; sent as `X-TC-Token`, not signed. */
  readonly token?: string | undefined;
  /** `zh-CN` or `en-US`. */
  readonly language?: string | undefined;
  /** Defaults to `POST`. */
  readonly method?: 'POST' | 'GET' | undefined;
  /** Canonical (already URL-encoded) query string without `?`, for GET; empty for POST. */
  readonly query?: string | undefined;
  /** Also sign `x-tc-action` (as newer official demos do); the official Node SDK does not. */
  readonly signAction?: boolean | undefined;
}

/** Headers to send with a TC3-signed request. Optional ones are present only when their input was set. */
export interface Tc3Headers {
  readonly Authorization: string;
  readonly 'Content-Type': string;
  readonly Host: string;
  readonly 'X-TC-Action': string;
  readonly 'X-TC-Version': string;
  readonly 'X-TC-Timestamp': string;
  readonly 'X-TC-Region'?: string;
  readonly 'X-TC-Token'?: string;
  readonly 'X-TC-Language'?: string;
}

/** Inputs of {@link buildTc3CanonicalRequest}. */
export type Tc3CanonicalInput = Pick<
  Tc3SignInput,
  'host' | 'action' | 'payload' | 'contentType' | 'method' | 'query' | 'signAction'
>;

/** A canonical request and the header list it signs. */
export interface Tc3Canonical {
  readonly canonicalRequest: string;
  readonly signedHeaders: string;
}

const ALGORITHM = 'TC3-HMAC-SHA256';
const TWO_HEADERS = 'content-type;host';
const THREE_HEADERS = 'content-type;host;x-tc-action';

/**
 * Signs a Tencent Cloud API 3.0 request with TC3-HMAC-SHA256 and returns the headers to send.
 * Pure (node:crypto only) and deterministic for a fixed `timestamp`.
 *
 * @example
 * const body = JSON.stringify({ SdkAppId: 1400000000, SessionId: 'abc' });
 * const headers = signTc3({
 *   secretId, secretKey, service: 'ccc', host: 'ccc.intl.tencentcloudapi.com',
 *   action: 'DescribeTelSession', version: '2020-02-10', timestamp: Math.floor(Date.now() / 1000),
 *   payload: body, contentType: 'application/json',
 * });
 * await fetch('https://ccc.intl.tencentcloudapi.com/', { method: 'POST', headers, body });
 */
export function signTc3(input: Tc3SignInput): Tc3Headers {
  const { timestamp } = input;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new CccError(
      CccClientErrorCode.InvalidArgument,
      'timestamp must be a non-negative integer (Unix seconds)',
      {
        action: input.action,
      },
    );
  }
  const signedHeaders = input.signAction ? THREE_HEADERS : TWO_HEADERS;
  const canonical = canonicalString(input, signedHeaders);
  const date = utcDate(timestamp);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = `${ALGORITHM}\n${timestamp}\n${scope}\n${hash('sha256', canonical, 'hex')}`;
  const signature = tc3Signature(input.secretKey, input.secretId, scope, stringToSign);
  const headers: Record<string, string> = {
    Authorization: `${ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'Content-Type': input.contentType,
    Host: input.host,
    'X-TC-Action': input.action,
    'X-TC-Version': input.version,
    'X-TC-Timestamp': String(timestamp),
  };
  if (input.region) headers['X-TC-Region'] = input.region;
  if (input.token) headers['X-TC-Token'] = input.token;
  if (input.language) headers['X-TC-Language'] = input.language;
  return headers as unknown as Tc3Headers;
}

/**
 * Builds the TC3 canonical request (exposed so golden vectors and servers can check it).
 *
 * @example
 * buildTc3CanonicalRequest({ method: 'GET', query: 'Limit=10&Offset=0', host: 'cvm.tencentcloudapi.com',
 *   action: 'DescribeInstances', payload: '', contentType: 'application/x-www-form-urlencoded' });
 */
export function buildTc3CanonicalRequest(input: Tc3CanonicalInput): Tc3Canonical {
  const signedHeaders = input.signAction ? THREE_HEADERS : TWO_HEADERS;
  return { canonicalRequest: canonicalString(input, signedHeaders), signedHeaders };
}

/** The host as signed: lower case, port removed (as the official SDK's `URL.hostname`). */
export function tc3SignedHost(host: string): string {
  let h = host.trim();
  if (h.charCodeAt(0) === 91 /* [ */) {
    const end = h.indexOf(']');
    if (end > 0) h = h.slice(0, end + 1);
  } else {
    const colon = h.indexOf(':');
    // Several colons means a bare IPv6 address, which has no port to remove.
    if (colon >= 0 && h.indexOf(':', colon + 1) < 0) h = h.slice(0, colon);
  }
  return h.toLowerCase();
}

function canonicalString(input: Tc3CanonicalInput, signedHeaders: string): string {
  const method = input.method ?? 'POST';
  const headerLines =
    `content-type:${input.contentType.trim().toLowerCase()}\nhost:${tc3SignedHost(input.host)}\n` +
    (signedHeaders === THREE_HEADERS ? `x-tc-action:${input.action.trim().toLowerCase()}\n` : '');
  const payloadHash = hash('sha256', input.payload, 'hex');
  return `${method}\n/\n${input.query ?? ''}\n${headerLines}\n${signedHeaders}\n${payloadHash}`;
}

function tc3Signature(secretKey: string, secretId: string, scope: string, stringToSign: string): string {
  return createHmac('sha256', signingKey(secretKey, secretId, scope))
    .update(stringToSign)
    .digest('hex');
}

interface CachedKey {
  readonly secret: Buffer;
  readonly key: Buffer;
}
// The derived key only changes with the secret, the UTC day and the service: caching it saves three of the
// four HMACs per request. Bounded, keyed by SecretId + scope, and the secret itself is compared in constant time.
const keyCache = new Map<string, CachedKey>();
const KEY_CACHE_SIZE = 16;

function signingKey(secretKey: string, secretId: string, scope: string): Buffer {
  const id = `${secretId}/${scope}`;
  const secret = Buffer.from(secretKey, 'utf8');
  const hit = keyCache.get(id);
  if (hit && hit.secret.length === secret.length && timingSafeEqual(hit.secret, secret)) return hit.key;
  const [date = '', service = ''] = scope.split('/', 2);
  const secretDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const secretService = createHmac('sha256', secretDate).update(service).digest();
  const key = createHmac('sha256', secretService).update('tc3_request').digest();
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
  keyCache.set(id, { secret, key });
  return key;
}

// One-entry memo: consecutive requests almost always fall on the same UTC day.
let memoDay = Number.NaN;
let memoDate = '';

/** UTC `YYYY-MM-DD` of a Unix-seconds timestamp (never the local or UTC+8 date). */
export function utcDate(timestamp: number): string {
  const day = Math.floor(timestamp / 86_400);
  if (day === memoDay) return memoDate;
  const d = new Date(day * 86_400_000);
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${month}-${String(d.getUTCDate()).padStart(2, '0')}`;
  memoDay = day;
  memoDate = date;
  return date;
}
