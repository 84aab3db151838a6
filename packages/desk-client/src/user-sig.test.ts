import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isDeskError } from './errors.ts';
import { officialUserSig } from './test-utils/official-user-sig.ts';
import { genUserSig, UserSigFailure, verifyUserSig } from './user-sig.ts';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const APP = 1400000000;
const T = 1_700_000_000;
const at = (seconds: number) => () => seconds * 1000;

// Reference §5.2, computed with the official tls-sig-api-v2@1.0.2.
const VECTORS = [
  {
    name: 'U1',
    userId: 'xiaojun',
    expire: 15552000,
    sig: 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=',
    userSig:
      'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__',
  },
  {
    name: 'U2',
    userId: 'administrator',
    expire: 86400,
    sig: 'yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=',
    userSig:
      'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCxKVbKyMDOBCRVnpitZKVX6OKZql5uHh6aGlhYmhVlm6IdEmFuUGhnmh7hnamdaRhUYlhoHFORFmhnYKtUCAK0SM5I_',
  },
  {
    name: 'U3',
    userId: 'xiaojun',
    expire: 15552000,
    userBuf: Buffer.from('abc'),
    sig: 'QjT201xPkXk/aM1e+y0vakZb0K2iPrFue++0s5y6bFM=',
    userSig:
      'eJxVzF8LgjAUBfDvcl8Xto1WMOjVh0owEvrzNvEa15HJ5kSJvntkFnTezu-AeUC2O0QdOtAgIw6zsVOBdUsljdyTuVehniZfWNM0VIAWCz7ls7R0Q9Bi9a-YN*TerpSSPw0eXR5K0HA*bqrvNV1Bw77KJBd9ak92bhKBbOCdsZecbyWlLg7IGPdqWOZxsobnC*QSN9o_',
  },
] as const;

/** Decodes a UserSig to its JSON document (test-side, independent of the codec under test). */
function documentOf(userSig: string): Record<string, unknown> {
  const base64 = userSig.replaceAll('*', '+').replaceAll('-', '/').replaceAll('_', '=');
  return JSON.parse(inflateSync(Buffer.from(base64, 'base64')).toString('utf8')) as Record<string, unknown>;
}

/** Re-encodes an arbitrary document the way the official generator does. */
function encode(doc: unknown): string {
  const base64 = deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64');
  return base64.replaceAll('+', '*').replaceAll('/', '-').replaceAll('=', '_');
}

describe('genUserSig / verifyUserSig', () => {
  describe('reference vectors', () => {
    test.each(VECTORS)('$name verifies and decodes', (vector) => {
      const result = verifyUserSig({
        userSig: vector.userSig,
        sdkAppId: APP,
        secretKey: KEY,
        userId: vector.userId,
        now: at(T + 60),
      });
      expect(result).toEqual({
        ok: true,
        sdkAppId: APP,
        userId: vector.userId,
        issuedAt: T,
        expireSeconds: vector.expire,
        expiresAt: T + vector.expire,
        userBuf: 'userBuf' in vector ? new Uint8Array(vector.userBuf) : undefined,
      });
    });

    test.each(VECTORS)(
      '$name: generation signs the same HMAC; compress:true gives the same string',
      (vector) => {
        const options = {
          sdkAppId: APP,
          secretKey: KEY,
          userId: vector.userId,
          expireSeconds: vector.expire,
          userBuf: 'userBuf' in vector ? vector.userBuf : undefined,
          now: at(T),
        };
        expect(documentOf(genUserSig(options))['TLS.sig']).toBe(vector.sig);
        expect(documentOf(genUserSig(options))).toEqual(documentOf(vector.userSig));
        expect(genUserSig({ ...options, compress: true })).toBe(vector.userSig);
      },
    );
  });

  describe('interoperability with the official tls-sig-api-v2 package', () => {
    test('verifies official UserSigs, with and without userbuf', () => {
      for (const userBuf of [undefined, Buffer.from([0, 1, 2, 250, 255])]) {
        const userSig = officialUserSig({
          sdkAppId: 1400123456,
          secretKey: 'another-secret',
          userId: 'admin_01',
          expireSeconds: 3600,
          nowMs: T * 1000 + 999,
          ...(userBuf ? { userBuf } : {}),
        });
        const result = verifyUserSig({
          userSig,
          sdkAppId: 1400123456,
          secretKey: 'another-secret',
          userId: 'admin_01',
          now: at(T + 3600),
        });
        expect(result).toMatchObject({ ok: true, issuedAt: T, expiresAt: T + 3600 });
        if (result.ok) expect(result.userBuf).toEqual(userBuf ? new Uint8Array(userBuf) : undefined);
      }
    });

    test('property: our output decodes to the official document for any user, expiry and userbuf', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.integer({ min: 1, max: 10 * 365 * 86400 }),
          fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
          (userId, expireSeconds, bytes) => {
            const userBuf = bytes ? Buffer.from(bytes) : undefined;
            const common = { sdkAppId: APP, secretKey: KEY, userId, expireSeconds };
            const ours = genUserSig({ ...common, userBuf, now: at(T) });
            const theirs = officialUserSig({ ...common, nowMs: T * 1000, ...(userBuf ? { userBuf } : {}) });
            expect(documentOf(ours)).toEqual(documentOf(theirs));
            expect(verifyUserSig({ ...common, userSig: ours, now: at(T) }).ok).toBe(true);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  test('long userbufs: checksummed stored blocks past 5552 bytes, deflate past one block', () => {
    for (const size of [6000, 60000]) {
      const userBuf = Buffer.alloc(size, 7);
      const userSig = genUserSig({
        sdkAppId: APP,
        secretKey: KEY,
        userId: 'u',
        expireSeconds: 9,
        userBuf,
        now: at(T),
      });
      expect(documentOf(userSig)['TLS.userbuf']).toBe(userBuf.toString('base64'));
    }
  });

  describe('failure reasons', () => {
    const userSig = genUserSig({
      sdkAppId: APP,
      secretKey: KEY,
      userId: 'admin',
      expireSeconds: 100,
      now: at(T),
    });
    const verify = (overrides: Partial<Parameters<typeof verifyUserSig>[0]>) =>
      verifyUserSig({ userSig, sdkAppId: APP, secretKey: KEY, userId: 'admin', now: at(T), ...overrides });

    test('valid through the last second, expired one second later', () => {
      expect(verify({ now: at(T + 100) }).ok).toBe(true);
      expect(verify({ now: at(T + 101) })).toMatchObject({ ok: false, reason: UserSigFailure.Expired });
    });

    test('wrong app, wrong user, bad signature', () => {
      expect(verify({ sdkAppId: APP + 1 })).toMatchObject({ ok: false, reason: 'wrong_app' });
      expect(verify({ userId: 'Admin' })).toMatchObject({ ok: false, reason: 'wrong_user' });
      expect(verify({ secretKey: `${KEY}x` })).toMatchObject({ ok: false, reason: 'bad_signature' });
    });

    test('altered fields with the original signature are rejected', () => {
      const doc = documentOf(userSig);
      const forged = encode({ ...doc, 'TLS.expire': 10 ** 9 });
      expect(verify({ userSig: forged })).toMatchObject({ ok: false, reason: 'bad_signature' });
      const added = encode({ ...doc, 'TLS.userbuf': 'YWJj' });
      expect(verify({ userSig: added })).toMatchObject({ ok: false, reason: 'bad_signature' });
    });

    test.each([
      ['empty', ''],
      ['truncated', userSig.slice(0, 40)],
      ['bad alphabet', `${userSig.slice(0, 20)}+${userSig.slice(21)}`],
      ['not zlib', Buffer.from('hello world').toString('base64')],
      ['JSON string', encode('x')],
      ['array', encode([1, 2])],
      ['missing sig', encode({ ...documentOf(userSig), 'TLS.sig': undefined })],
      ['string sdkappid', encode({ ...documentOf(userSig), 'TLS.sdkappid': String(APP) })],
      ['negative time', encode({ ...documentOf(userSig), 'TLS.time': -1 })],
      ['other version', encode({ ...documentOf(userSig), 'TLS.ver': '1.0' })],
      ['non-canonical userbuf', encode({ ...documentOf(userSig), 'TLS.userbuf': 'YW Jj' })],
      ['oversized', 'A'.repeat(9000)],
    ])('malformed: %s', (_name, bad) => {
      expect(verify({ userSig: bad })).toMatchObject({ ok: false, reason: 'malformed' });
    });

    test('a non-JSON payload inside valid zlib is malformed', () => {
      const base64 = deflateSync(Buffer.from('{not json')).toString('base64');
      expect(
        verify({ userSig: base64.replaceAll('+', '*').replaceAll('/', '-').replaceAll('=', '_') }),
      ).toMatchObject({ ok: false, reason: 'malformed' });
    });
  });

  describe('argument validation', () => {
    test('invalid options throw desk_client_invalid_argument without the key', () => {
      const base = { sdkAppId: APP, secretKey: KEY, userId: 'admin', expireSeconds: 60 };
      for (const bad of [{ sdkAppId: 0 }, { secretKey: '' }, { userId: '' }, { expireSeconds: 1.5 }]) {
        let caught: unknown;
        try {
          genUserSig({ ...base, ...bad });
        } catch (error) {
          caught = error;
        }
        expect(isDeskError(caught)).toBe(true);
        expect(caught).toMatchObject({ code: 'desk_client_invalid_argument' });
        expect(String((caught as Error).message)).not.toContain(KEY);
      }
    });

    test('failure messages never contain the key', () => {
      const result = verifyUserSig({ userSig: 'garbage', sdkAppId: APP, secretKey: KEY, userId: 'a' });
      expect(JSON.stringify(result)).not.toContain(KEY);
    });
  });
});
