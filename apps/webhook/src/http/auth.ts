import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How pushes authenticate (Tencent's console supports HTTP Basic; a token in the URL works everywhere). */
export type PushAuth =
  | { readonly mode: 'basic'; readonly user: string; readonly password: string }
  | { readonly mode: 'token'; readonly token: string }
  | { readonly mode: 'none' };

// One-shot hashing: a quarter cheaper than createHash().update().digest(), and every push hashes.
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

/** Compares two secrets in constant time (hashing first so lengths do not leak either). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The configured secrets' digests, computed once per config: every push is checked against them. For
 * Basic, the third is the digest of the header Tencent sends (`Basic ` and the base64 of `user:password`).
 */
const expected = new WeakMap<PushAuth, readonly Buffer[]>();
const expectedDigests = (auth: Exclude<PushAuth, { mode: 'none' }>): readonly Buffer[] => {
  let digests = expected.get(auth);
  if (!digests) {
    const header = (): string =>
      auth.mode === 'basic' ? `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` : '';
    digests =
      auth.mode === 'token'
        ? [digest(auth.token)]
        : [digest(auth.user), digest(auth.password), digest(header())];
    expected.set(auth, digests);
  }
  return digests;
};
const matches = (given: string, expectedDigest: Buffer | undefined): boolean =>
  expectedDigest !== undefined && timingSafeEqual(digest(given), expectedDigest);

/**
 * The credentials of an `Authorization` header whose scheme is `scheme`, which is matched without regard to
 * case (RFC 9110 §11.1: `basic`, `BASIC` and `Basic` are one scheme); null for another scheme or none.
 */
export function credentialsOf(header: string | undefined, scheme: 'basic' | 'bearer'): string | null {
  if (header === undefined) return null;
  const space = header.indexOf(' ');
  if (space !== scheme.length || header.slice(0, space).toLowerCase() !== scheme) return null;
  return header.slice(space + 1).trim();
}

const basic = (header: string | undefined): { user: string; password: string } | null => {
  const credentials = credentialsOf(header, 'basic');
  if (credentials === null) return null;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * Checks a push request's credentials: Basic (`Authorization: Basic`), or the token as `?token=` (the name
 * as `URLSearchParams` decodes it) or `Authorization: Bearer`, schemes in any case. Returns `null` when
 * accepted, else the reason (never containing the secret).
 */
export function checkPushAuth(
  auth: PushAuth,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): string | null {
  if (auth.mode === 'none') return null;
  const [first, second, canonical] = expectedDigests(auth);
  if (auth.mode === 'token') {
    const given = query.get('token') ?? credentialsOf(headers.authorization, 'bearer');
    if (given === null) return 'missing token: send ?token=… or Authorization: Bearer …';
    return matches(given, first) ? null : 'wrong token';
  }
  // The header exactly as Tencent sends it: one hash instead of decoding it and hashing both parts. Any
  // other spelling (scheme case, spaces) takes the full check; which path ran says nothing of the secret.
  if (matches(headers.authorization ?? '', canonical)) return null;
  const given = basic(headers.authorization);
  if (!given) return 'missing HTTP Basic credentials';
  // Both compared every time, so the time taken does not tell which one was wrong.
  const userOk = matches(given.user, first);
  const passwordOk = matches(given.password, second);
  return userOk && passwordOk ? null : 'wrong user name or password';
}
