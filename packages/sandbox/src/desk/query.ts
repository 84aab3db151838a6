import { type DeskFailure, deskFailure } from './error-codes.ts';
import { checkUserSig } from './user-sig-check.ts';

/** Who may call the emulated app. */
export interface DeskAuthConfig {
  readonly sdkAppId: number;
  readonly secretKey: string;
  /** App administrator accounts; other identifiers get 60010. */
  readonly admins: ReadonlySet<string>;
  /** Unix milliseconds. */
  readonly now: () => number;
}

const UINT32_MAX = 4_294_967_295;

/**
 * Checks the REST query string as the IM server does (names and values are case-sensitive): SDKAppID,
 * account, `random`, `contenttype=json`, then the UserSig, then the administrator permission.
 * Returns the failure to answer, or `undefined` when the caller is authenticated.
 */
export function checkQuery(query: URLSearchParams, auth: DeskAuthConfig): DeskFailure | undefined {
  const sdkappid = query.get('sdkappid');
  if (!sdkappid) return deskFailure(60012);
  if (!/^\d{1,10}$/.test(sdkappid) || Number(sdkappid) !== auth.sdkAppId)
    return deskFailure(60006, `unknown sdkappid ${JSON.stringify(sdkappid.slice(0, 20))}`);
  const identifier = query.get('identifier');
  const userSig = query.get('usersig');
  if (!identifier) return deskFailure(60004, 'identifier is missing');
  if (!userSig) return deskFailure(60004, 'usersig is missing');
  const random = query.get('random');
  if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > UINT32_MAX)
    return deskFailure(60002, 'random must be an unsigned 32-bit integer');
  if (query.get('contenttype') !== 'json') return deskFailure(60002, 'contenttype must be json');
  const rejected = checkUserSig({
    userSig,
    sdkAppId: auth.sdkAppId,
    identifier,
    secretKey: auth.secretKey,
    nowSeconds: Math.floor(auth.now() / 1000),
  });
  if (rejected) return deskFailure(rejected.code, rejected.detail);
  if (!auth.admins.has(identifier)) return deskFailure(60010, `${identifier} is not an App administrator`);
  return undefined;
}
