import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';

// Written independently of @ccc-kit/desk-client on purpose: the emulator is the oracle its tests run against,
// so it must not share the code under test. It follows the official Go verifier (tls-sig-api-v2-golang).

/** What the server knows when it checks a UserSig. */
export interface UserSigCheck {
  /** The `usersig` query parameter. */
  readonly userSig: string;
  /** The `sdkappid` query parameter (already checked to be this app's). */
  readonly sdkAppId: number;
  /** The `identifier` query parameter. */
  readonly identifier: string;
  readonly secretKey: string;
  /** Unix seconds. */
  readonly nowSeconds: number;
}

/** `undefined` when the UserSig is valid, else the IM error code and a detail for `ErrorInfo`. */
export type UserSigRejection = { readonly code: number; readonly detail: string } | undefined;

interface Doc {
  readonly identifier: string;
  readonly sdkappid: number;
  readonly time: number;
  readonly expire: number;
  readonly sig: string;
  readonly userbuf: string | undefined;
}

/**
 * Verifies a UserSig like the IM server: 70003 unparsable, 70014 other SDKAppID, 70013 other UserID,
 * 70001 expired, 70009 HMAC mismatch (another key). The HMAC comparison is constant-time.
 */
export function checkUserSig(input: UserSigCheck): UserSigRejection {
  const doc = parseDoc(input.userSig);
  if (!doc) return { code: 70003, detail: 'not a valid TLS.ver 2.0 document' };
  if (doc.sdkappid !== input.sdkAppId)
    return { code: 70014, detail: `UserSig SDKAppID ${doc.sdkappid}, request SDKAppID ${input.sdkAppId}` };
  if (doc.identifier !== input.identifier)
    return { code: 70013, detail: 'identifier differs from TLS.identifier' };
  if (input.nowSeconds > doc.time + doc.expire)
    return { code: 70001, detail: `expired at ${doc.time + doc.expire}, now ${input.nowSeconds}` };
  const lines = [
    `TLS.identifier:${doc.identifier}`,
    `TLS.sdkappid:${doc.sdkappid}`,
    `TLS.time:${doc.time}`,
    `TLS.expire:${doc.expire}`,
    ...(doc.userbuf === undefined ? [] : [`TLS.userbuf:${doc.userbuf}`]),
  ];
  const expected = createHmac('sha256', input.secretKey)
    .update(`${lines.join('\n')}\n`)
    .digest();
  const given = Buffer.from(doc.sig, 'base64');
  const canonical = given.toString('base64') === doc.sig;
  if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected))
    return { code: 70009, detail: 'signature mismatch' };
  return undefined;
}

function parseDoc(userSig: string): Doc | undefined {
  if (!/^[A-Za-z0-9*-]{8,4096}_{0,2}$/.test(userSig)) return undefined;
  const base64 = userSig.replaceAll('*', '+').replaceAll('-', '/').replaceAll('_', '=');
  let json: unknown;
  try {
    json = JSON.parse(inflateSync(Buffer.from(base64, 'base64'), { maxOutputLength: 65536 }).toString());
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  const int = (key: string): number | undefined => {
    const value = o[key];
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  };
  const [identifier, sig, userbuf] = [o['TLS.identifier'], o['TLS.sig'], o['TLS.userbuf']];
  const [sdkappid, time, expire] = [int('TLS.sdkappid'), int('TLS.time'), int('TLS.expire')];
  if (typeof identifier !== 'string' || typeof sig !== 'string') return undefined;
  if (sdkappid === undefined || time === undefined || expire === undefined) return undefined;
  if (userbuf !== undefined && typeof userbuf !== 'string') return undefined;
  if (o['TLS.ver'] !== undefined && o['TLS.ver'] !== '2.0') return undefined;
  return { identifier, sdkappid, time, expire, sig, userbuf };
}
