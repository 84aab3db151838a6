import { describe, expect, test } from 'vitest';
import { verifyUserSig } from './user-sig.ts';
import { createUserSigSource } from './user-sig-source.ts';

const T = 1_700_000_000_000;

describe('createUserSigSource', () => {
  test('generates once, reuses until 90% of the validity, then renews', () => {
    let now = T;
    const source = createUserSigSource({
      sdkAppId: 1400000000,
      adminUserId: 'admin',
      secretKey: 'k',
      expireSeconds: 100,
      now: () => now,
    });
    const first = source.current();
    expect(
      verifyUserSig({
        userSig: first,
        sdkAppId: 1400000000,
        secretKey: 'k',
        userId: 'admin',
        now: () => now,
      }),
    ).toMatchObject({
      ok: true,
      expireSeconds: 100,
    });
    now += 89_999;
    expect(source.current()).toBe(first);
    now += 1;
    expect(source.current()).not.toBe(first);
  });

  test('renew() forces a new UserSig; a fixed userSig cannot be renewed', () => {
    let now = T;
    const generated = createUserSigSource({
      sdkAppId: 1,
      adminUserId: 'a',
      secretKey: 'k',
      expireSeconds: 100,
      now: () => (now += 1000),
    });
    const before = generated.current();
    expect(generated.renew()).toBe(true);
    expect(generated.current()).not.toBe(before);
    const fixed = createUserSigSource({
      sdkAppId: 1,
      adminUserId: 'a',
      userSig: 'given',
      expireSeconds: 100,
      now: () => T,
    });
    expect(fixed.renew()).toBe(false);
    expect(fixed.current()).toBe('given');
  });
});
