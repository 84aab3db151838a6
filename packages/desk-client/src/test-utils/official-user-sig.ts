import { createRequire } from 'node:module';

/** The parts of the official `tls-sig-api-v2` package (CommonJS, untyped) the tests use. */
interface OfficialApi {
  genUserSig(userId: string, expire: number): string;
  genSig(userId: string, expire: number, userBuf: Buffer | null): string;
}

const official = createRequire(import.meta.url)('tls-sig-api-v2') as {
  Api: new (sdkAppId: number, key: string) => OfficialApi;
};

/**
 * Generates a UserSig with Tencent's official Node generator at a fixed time (it reads `Date.now()`,
 * which is swapped for the call only).
 */
export function officialUserSig(options: {
  sdkAppId: number;
  secretKey: string;
  userId: string;
  expireSeconds: number;
  nowMs: number;
  userBuf?: Buffer;
}): string {
  const realNow = Date.now;
  Date.now = () => options.nowMs;
  try {
    const api = new official.Api(options.sdkAppId, options.secretKey);
    return api.genSig(options.userId, options.expireSeconds, options.userBuf ?? null);
  } finally {
    Date.now = realNow;
  }
}
