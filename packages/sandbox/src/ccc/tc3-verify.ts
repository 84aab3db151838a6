import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type ApiFailure, failWithDefault } from './api-error.ts';

/** A key pair the emulator accepts; with `token`, requests must carry that `X-TC-Token` (STS credentials). */
export interface CccCredential {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
}

/** What the verifier needs from one request. */
export interface SignedRequest {
  readonly method: string;
  /** Query string without `?` (empty for POST). */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Verification outcome: the SecretId that signed the request, or the Tencent error to answer. */
export type VerifyOutcome = { readonly ok: true; readonly secretId: string } | ApiFailure;

/** Largest accepted distance between `X-TC-Timestamp` and the server clock (documented: five minutes). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

interface ParsedAuthorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/**
 * Verifies a TC3-HMAC-SHA256 request the way the server side has to: service and date come from the
 * Credential (the official SDK signs service `127` against `127.0.0.1`), any SignedHeaders list is honoured,
 * and `host` is accepted with or without its port. Written independently of `@ccc-kit/ccc-client`'s signer.
 */
export function verifyTc3(
  request: SignedRequest,
  findCredential: (secretId: string) => CccCredential | undefined,
  nowSeconds: number,
): VerifyOutcome {
  const auth = parseAuthorization(request.headers.authorization);
  if (!auth) return failWithDefault('AuthFailure.InvalidAuthorization');
  const credential = findCredential(auth.secretId);
  if (!credential) return failWithDefault('AuthFailure.SecretIdNotFound');
  const rawTimestamp = headerValue(request.headers, 'x-tc-timestamp');
  if (rawTimestamp === undefined)
    return failWithDefault('MissingParameter', 'The X-TC-Timestamp header is missing.');
  if (!/^\d{1,12}$/.test(rawTimestamp))
    return failWithDefault('InvalidParameter', 'X-TC-Timestamp must be Unix seconds.');
  const timestamp = Number(rawTimestamp);
  if (Math.abs(nowSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS)
    return failWithDefault('AuthFailure.SignatureExpire');
  if (auth.date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) {
    return failWithDefault(
      'AuthFailure.SignatureFailure',
      'The credential date is not the UTC date of X-TC-Timestamp.',
    );
  }
  const names = auth.signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) {
    return failWithDefault(
      'AuthFailure.InvalidAuthorization',
      'SignedHeaders must include content-type and host.',
    );
  }
  const matches = hostCandidates(headerValue(request.headers, 'host') ?? '').some((host) => {
    const expected = expectedSignature(request, auth, names, host, rawTimestamp, credential.secretKey);
    return expected !== undefined && constantTimeEquals(expected, auth.signature);
  });
  if (!matches) return failWithDefault('AuthFailure.SignatureFailure');
  if (
    credential.token !== undefined &&
    !constantTimeEquals(headerValue(request.headers, 'x-tc-token') ?? '', credential.token)
  ) {
    return failWithDefault('AuthFailure.TokenFailure');
  }
  return { ok: true, secretId: auth.secretId };
}

function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== 'TC3-HMAC-SHA256') return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  const signedHeaders = fields.get('SignedHeaders')?.toLowerCase();
  const signature = fields.get('Signature');
  if (scope.length !== 4 || scope[3] !== 'tc3_request' || !signedHeaders || !signature) return undefined;
  const [secretId = '', date = '', service = ''] = scope;
  if (!secretId || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !service) return undefined;
  return { secretId, date, service, signedHeaders, signature };
}

function expectedSignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  names: readonly string[],
  host: string,
  timestamp: string,
  secretKey: string,
): string | undefined {
  let canonicalHeaders = '';
  for (const name of names) {
    const value = name === 'host' ? host : headerValue(request.headers, name);
    if (value === undefined) return undefined;
    canonicalHeaders += `${name}:${value.trim().toLowerCase()}\n`;
  }
  const bodyDigest = createHash('sha256').update(request.body).digest('hex');
  const canonical = [
    request.method,
    '/',
    request.query,
    canonicalHeaders,
    auth.signedHeaders,
    bodyDigest,
  ].join('\n');
  const scope = `${auth.date}/${auth.service}/tc3_request`;
  const toSign = [
    'TC3-HMAC-SHA256',
    timestamp,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  let key: Buffer = Buffer.from(`TC3${secretKey}`, 'utf8');
  for (const part of [auth.date, auth.service, 'tc3_request'])
    key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** The Host header as sent, then without its port (the official SDK signs the bare hostname). */
function hostCandidates(host: string): string[] {
  const match = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(host.trim());
  return match?.[1] ? [host, match[1]] : [host];
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
