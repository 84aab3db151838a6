import { invalidArgument } from './errors.ts';
import { genUserSig } from './user-sig.ts';

/** Supplies the admin UserSig of every request. */
export interface UserSigSource {
  /** The current UserSig, generated or renewed when needed. */
  current(): string;
  /** Forces a new UserSig (after Tencent answered 70001); `false` when the UserSig is fixed. */
  renew(): boolean;
}

/** Options of {@link createUserSigSource}. */
export interface UserSigSourceOptions {
  readonly sdkAppId: number;
  readonly adminUserId: string;
  readonly secretKey?: string | undefined;
  readonly userSig?: string | undefined;
  /** Validity of generated UserSigs in seconds. */
  readonly expireSeconds: number;
  /** Unix milliseconds. */
  readonly now: () => number;
}

/**
 * Generated UserSigs are renewed once this share of their validity has passed, so a request never leaves
 * with a UserSig about to expire in flight, and clock skew up to 10% of the validity is absorbed.
 */
const RENEW_AFTER = 0.9;

/**
 * Creates the UserSig supplier: a fixed `userSig` as given, or one generated from `secretKey`, cached and
 * renewed before it expires.
 */
export function createUserSigSource(options: UserSigSourceOptions): UserSigSource {
  const { userSig, secretKey } = options;
  if ((userSig === undefined) === (secretKey === undefined))
    throw invalidArgument('pass exactly one of secretKey (recommended: renewed automatically) or userSig');
  if (userSig !== undefined) {
    if (typeof userSig !== 'string' || userSig === '')
      throw invalidArgument('userSig must be a non-empty string');
    return { current: () => userSig, renew: () => false };
  }
  const generate = () => ({
    value: genUserSig({
      sdkAppId: options.sdkAppId,
      secretKey: secretKey as string,
      userId: options.adminUserId,
      expireSeconds: options.expireSeconds,
      now: options.now,
    }),
    renewAt: options.now() + options.expireSeconds * 1000 * RENEW_AFTER,
  });
  let cached = generate();
  return {
    current() {
      if (options.now() >= cached.renewAt) cached = generate();
      return cached.value;
    },
    renew() {
      cached = generate();
      return true;
    },
  };
}
