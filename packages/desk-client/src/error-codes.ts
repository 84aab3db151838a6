/**
 * Tencent codes worth retrying with backoff: Desk "internal error, retry" (141002) and rate limiting
 * (141009), IM REST frequency limits (60007, 60011, 60018, 60019) and gateway timeouts (60008).
 */
export const RETRYABLE_DESK_CODES: ReadonlySet<number> = new Set([
  141002, 141009, 60007, 60008, 60011, 60018, 60019,
]);

/** What to check for Tencent codes that a caller can act on. */
const HINTS: Readonly<Record<number, string>> = {
  60003: 'the request body is not valid JSON',
  60006: 'check sdkAppId',
  60010: 'adminUserId must be an App administrator account of this SDKAppID',
  60016: 'the SDKAppID is disabled',
  60020: 'the Chat Pro package expired and the app is suspended',
  60021: "the caller IP is not allowed by the app's REST API IP allowlist",
  70001: 'the UserSig expired; with a fixed userSig, pass secretKey instead so the client can renew it',
  70003: 'the UserSig could not be parsed (truncated or not a UserSig)',
  70009: 'the secret key does not belong to this SDKAppID',
  70013: 'the UserSig was generated for another UserID than adminUserId',
  70014: 'the UserSig was generated for another SDKAppID',
  70016: 'no key for this SDKAppID in this data center: check region',
  70020: 'the SDKAppID does not exist in this data center: check region',
  70050: 'too many failed UserSig verifications: fix the credentials and retry after a minute',
  141000: 'the application is not a Desk (customer service) application',
  141004: 'invalid parameters',
  141005: 'the session does not exist or has ended',
  141010: 'the session does not exist',
};

/** Hint for a Tencent error code, if one is known. */
export const hintFor = (code: number): string | undefined => HINTS[code];
