import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { invalidArgument } from './errors.ts';
import { decodeSigDocument, isCanonicalBase64, toSigAlphabet, zlibStored } from './user-sig-codec.ts';

/** Options of {@link genUserSig}. */
export interface GenUserSigOptions {
  /** SDKAppID of the Chat application. */
  readonly sdkAppId: number;
  /** The application's secret key, used as-is (UTF-8) as the HMAC key. */
  readonly secretKey: string;
  /** UserID the signature is for (the admin account for REST calls). */
  readonly userId: string;
  /** Validity in seconds from the issue time, e.g. `86400`. */
  readonly expireSeconds: number;
  /** Optional opaque bytes signed along (TRTC privilege maps); base64 in `TLS.userbuf`. */
  readonly userBuf?: Uint8Array | undefined;
  /** Clock in milliseconds since the epoch (default `Date.now`). */
  readonly now?: (() => number) | undefined;
  /**
   * `false` (default): zlib stream with a stored block, like the official Go library (fast, ~30% longer).
   * `true`: deflate like the official Node library (`tls-sig-api-v2`), giving byte-identical output.
   */
  readonly compress?: boolean | undefined;
}

/**
 * Generates a Tencent Chat UserSig (TLSSigAPIv2 format), accepted by Tencent and by the official verifiers.
 * Throws `desk_client_invalid_argument` for invalid options (the message never contains the key).
 *
 * @example
 * const userSig = genUserSig({ sdkAppId: 1400000000, secretKey, userId: 'administrator', expireSeconds: 86400 });
 */
export function genUserSig(options: GenUserSigOptions): string {
  const { sdkAppId, secretKey, userId, expireSeconds } = options;
  checkApp(sdkAppId, secretKey);
  if (typeof userId !== 'string' || userId === '') throw invalidArgument('userId must be a non-empty string');
  if (!Number.isSafeInteger(expireSeconds) || expireSeconds <= 0)
    throw invalidArgument(`expireSeconds must be a positive integer, got ${String(expireSeconds)}`);
  const time = Math.floor((options.now ?? Date.now)() / 1000);
  const userBuf = options.userBuf ? Buffer.from(options.userBuf).toString('base64') : undefined;
  const sig = hmac(secretKey, { userId, sdkAppId, time, expire: expireSeconds, userBuf });
  // Built by hand in the official key order; JSON.stringify escapes the only free-form values.
  const bufField = userBuf === undefined ? '' : `,"TLS.userbuf":"${userBuf}"`;
  const json = `{"TLS.ver":"2.0","TLS.identifier":${JSON.stringify(userId)},"TLS.sdkappid":${sdkAppId},"TLS.time":${time},"TLS.expire":${expireSeconds}${bufField},"TLS.sig":"${sig}"}`;
  const data = Buffer.from(json, 'utf8');
  return toSigAlphabet(options.compress || data.length > 0xffff ? deflateSync(data) : zlibStored(data));
}

/** Why a UserSig was rejected by {@link verifyUserSig}. */
export const UserSigFailure = {
  /** Issue time + validity is in the past (Tencent 70001). */
  Expired: 'expired',
  /** Signed for another SDKAppID (Tencent 70014). */
  WrongApp: 'wrong_app',
  /** Signed for another UserID (Tencent 70013). */
  WrongUser: 'wrong_user',
  /** The HMAC does not match: another key, or altered fields (Tencent 70009). */
  BadSignature: 'bad_signature',
  /** Not a UserSig: bad alphabet, not zlib, not JSON, missing or mistyped fields (Tencent 70003). */
  Malformed: 'malformed',
} as const;
/** Union of {@link UserSigFailure} values. */
export type UserSigFailure = (typeof UserSigFailure)[keyof typeof UserSigFailure];

/** Outcome of {@link verifyUserSig}: the signed claims, or the precise reason for rejection. */
export type VerifyUserSigResult =
  | {
      readonly ok: true;
      readonly sdkAppId: number;
      readonly userId: string;
      /** Issue time, Unix seconds (`TLS.time`). */
      readonly issuedAt: number;
      /** Validity in seconds (`TLS.expire`). */
      readonly expireSeconds: number;
      /** Last valid second, Unix seconds (`issuedAt + expireSeconds`). */
      readonly expiresAt: number;
      /** Decoded `TLS.userbuf`, when the UserSig carries one; compare it yourself if you expect one. */
      readonly userBuf: Uint8Array | undefined;
    }
  | { readonly ok: false; readonly reason: UserSigFailure; readonly message: string };

/** Options of {@link verifyUserSig}. */
export interface VerifyUserSigOptions {
  readonly userSig: string;
  /** SDKAppID the UserSig must be for. */
  readonly sdkAppId: number;
  /** Secret key of that application. */
  readonly secretKey: string;
  /** UserID the UserSig must be for. */
  readonly userId: string;
  /** Clock in milliseconds since the epoch (default `Date.now`). */
  readonly now?: (() => number) | undefined;
}

/**
 * Verifies a UserSig from any official generator (Node, Go, Java, Python...). Checks in the order of the
 * official Go verifier: app, user, expiry, then the HMAC (compared in constant time). Outcomes are values;
 * only invalid `sdkAppId`/`secretKey` options throw.
 *
 * @example
 * const result = verifyUserSig({ userSig, sdkAppId, secretKey, userId: 'administrator' });
 * if (!result.ok) console.log(result.reason); // 'expired' | 'wrong_app' | ...
 */
export function verifyUserSig(options: VerifyUserSigOptions): VerifyUserSigResult {
  checkApp(options.sdkAppId, options.secretKey);
  const doc = readDocument(typeof options.userSig === 'string' ? options.userSig : '');
  if (typeof doc === 'string') return fail(UserSigFailure.Malformed, doc);
  if (doc.sdkAppId !== options.sdkAppId)
    return fail(UserSigFailure.WrongApp, `UserSig is for SDKAppID ${doc.sdkAppId}, not ${options.sdkAppId}`);
  if (doc.userId !== options.userId)
    return fail(
      UserSigFailure.WrongUser,
      `UserSig is for another UserID than ${JSON.stringify(options.userId)}`,
    );
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const expiresAt = doc.time + doc.expire;
  if (nowSeconds > expiresAt)
    return fail(UserSigFailure.Expired, `UserSig expired at ${expiresAt} (now ${nowSeconds})`);
  const expected = Buffer.from(hmac(options.secretKey, doc), 'utf8');
  const actual = Buffer.from(doc.sig, 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return fail(UserSigFailure.BadSignature, 'UserSig signature does not match this SDKAppID and key');
  return {
    ok: true,
    sdkAppId: doc.sdkAppId,
    userId: doc.userId,
    issuedAt: doc.time,
    expireSeconds: doc.expire,
    expiresAt,
    userBuf: doc.userBuf === undefined ? undefined : new Uint8Array(Buffer.from(doc.userBuf, 'base64')),
  };
}

interface SignedFields {
  readonly userId: string;
  readonly sdkAppId: number;
  readonly time: number;
  readonly expire: number;
  /** Standard base64, exactly as in the document. */
  readonly userBuf: string | undefined;
}

interface SigDocument extends SignedFields {
  readonly sig: string;
}

function hmac(secretKey: string, f: SignedFields): string {
  let content = `TLS.identifier:${f.userId}\nTLS.sdkappid:${f.sdkAppId}\nTLS.time:${f.time}\nTLS.expire:${f.expire}\n`;
  if (f.userBuf !== undefined) content += `TLS.userbuf:${f.userBuf}\n`;
  return createHmac('sha256', secretKey).update(content, 'utf8').digest('base64');
}

/** Decodes and shape-checks the JSON document; a string is the reason it is malformed. */
function readDocument(userSig: string): SigDocument | string {
  const json = decodeSigDocument(userSig);
  if (json === undefined) return 'UserSig is not a base64 zlib stream';
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return 'UserSig document is not JSON';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'UserSig document is not an object';
  const d = raw as Record<string, unknown>;
  const ver = d['TLS.ver'];
  if (ver !== undefined && ver !== '2.0') return 'UserSig version is not 2.0';
  const [userId, sdkAppId, time, expire, sig, userBuf] = [
    d['TLS.identifier'],
    d['TLS.sdkappid'],
    d['TLS.time'],
    d['TLS.expire'],
    d['TLS.sig'],
    d['TLS.userbuf'],
  ];
  if (typeof userId !== 'string' || typeof sig !== 'string') return 'UserSig lacks TLS.identifier or TLS.sig';
  if (!isCount(sdkAppId) || !isCount(time) || !isCount(expire))
    return 'UserSig TLS.sdkappid, TLS.time or TLS.expire is not a non-negative integer';
  if (userBuf !== undefined && (typeof userBuf !== 'string' || !isCanonicalBase64(userBuf)))
    return 'UserSig TLS.userbuf is not base64';
  return { userId, sdkAppId, time, expire, sig, userBuf };
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const fail = (reason: UserSigFailure, message: string): VerifyUserSigResult => ({
  ok: false,
  reason,
  message,
});

function checkApp(sdkAppId: number, secretKey: string): void {
  if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0)
    throw invalidArgument(`sdkAppId must be a positive integer, got ${String(sdkAppId)}`);
  if (typeof secretKey !== 'string' || secretKey === '')
    throw invalidArgument('secretKey must be a non-empty string');
}
