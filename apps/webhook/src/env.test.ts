import { describe, expect, test } from 'vitest';
import { loadEnv } from './env.ts';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  PUSH_TOKEN: 'a-very-long-push-token',
  SLACK_DEFAULT_CHANNEL: '#calls',
};

describe('loadEnv', () => {
  test('defaults and inferred push auth', () => {
    const result = loadEnv(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env).toMatchObject({
      PORT: 8080,
      PUSH_PATH: '/push',
      pushAuth: { mode: 'token', token: 'a-very-long-push-token' },
      DATABASE_URL: 'sqlite:./data/webhook.db',
      PUSH_MAX_BODY_BYTES: 1_048_576,
      RECONCILE_INTERVAL: 600_000,
      RETENTION_DAYS: 30,
      reconcile: null,
    });
  });

  test('Basic auth and reconciliation come out whole, with their secrets, once every part is set', () => {
    const { PUSH_TOKEN: _, ...noToken } = base;
    const result = loadEnv({
      ...noToken,
      PUSH_BASIC_USER: 'tencent',
      PUSH_BASIC_PASSWORD: 'push-password',
      TENCENTCLOUD_SECRET_ID: 'AKIDxxxx',
      TENCENTCLOUD_SECRET_KEY: 'secret-key',
      CCC_SDK_APP_ID: '1400000001',
    });
    expect(result).toMatchObject({
      ok: true,
      env: {
        pushAuth: { mode: 'basic', user: 'tencent', password: 'push-password' },
        reconcile: {
          secretId: 'AKIDxxxx',
          secretKey: 'secret-key',
          sdkAppId: 1_400_000_001,
          endpoint: undefined,
        },
      },
    });
    // The variables that only mean something together reach the app only through pushAuth and reconcile.
    expect(result.ok && Object.keys(result.env)).not.toContain('PUSH_BASIC_PASSWORD');
    expect(result.ok && Object.keys(result.env)).not.toContain('TENCENTCLOUD_SECRET_KEY');
  });

  test('RETENTION_DAYS: whole days, 0 keeps everything, and it must outlast RECONCILE_WINDOW', () => {
    expect(loadEnv({ ...base, RETENTION_DAYS: '0' })).toMatchObject({ ok: true, env: { RETENTION_DAYS: 0 } });
    expect(loadEnv({ ...base, RETENTION_DAYS: '1.5' })).toMatchObject({
      ok: false,
      problems: ['RETENTION_DAYS: use a whole number'],
    });
    expect(loadEnv({ ...base, RETENTION_DAYS: '1', RECONCILE_WINDOW: '24h' })).toMatchObject({
      ok: false,
      problems: [
        'RETENTION_DAYS: keep history longer than RECONCILE_WINDOW, or reconciliation would post deleted calls again (0 keeps everything)',
      ],
    });
  });

  test('QUARANTINE_MAX_BODY_BYTES: 8 MiB by default, and never below PUSH_MAX_BODY_BYTES', () => {
    expect(loadEnv(base)).toMatchObject({ ok: true, env: { QUARANTINE_MAX_BODY_BYTES: 8_388_608 } });
    expect(
      loadEnv({ ...base, PUSH_MAX_BODY_BYTES: '4194304', QUARANTINE_MAX_BODY_BYTES: '1048576' }),
    ).toMatchObject({
      ok: false,
      problems: [
        'QUARANTINE_MAX_BODY_BYTES: keep it at least PUSH_MAX_BODY_BYTES, or refused pushes are cut and cannot be replayed',
      ],
    });
  });

  test('HTTP_KEEP_ALIVE_TIMEOUT: 65 s by default (above the common 60 s client idle timeouts), 1 s to 1 h', () => {
    expect(loadEnv(base)).toMatchObject({ ok: true, env: { HTTP_KEEP_ALIVE_TIMEOUT: 65_000 } });
    expect(loadEnv({ ...base, HTTP_KEEP_ALIVE_TIMEOUT: '620s' })).toMatchObject({
      ok: true,
      env: { HTTP_KEEP_ALIVE_TIMEOUT: 620_000 },
    });
    expect(loadEnv({ ...base, HTTP_KEEP_ALIVE_TIMEOUT: '500ms' })).toMatchObject({
      ok: false,
      problems: ['HTTP_KEEP_ALIVE_TIMEOUT: use at least 1s'],
    });
  });

  test('refuses to start without push authentication unless PUSH_AUTH=none', () => {
    const { PUSH_TOKEN: _, ...noAuth } = base;
    expect(loadEnv(noAuth)).toMatchObject({
      ok: false,
      problems: [
        'PUSH_AUTH: set PUSH_BASIC_USER + PUSH_BASIC_PASSWORD, or PUSH_TOKEN (or PUSH_AUTH=none to accept unauthenticated pushes)',
      ],
    });
    expect(loadEnv({ ...noAuth, PUSH_AUTH: 'none' })).toMatchObject({
      ok: true,
      env: { pushAuth: { mode: 'none' } },
    });
  });

  test('reports every problem at once without echoing values', () => {
    const result = loadEnv({
      PORT: 'eighty',
      PUSH_TOKEN: 'short-secret',
      PUSH_BASIC_USER: 'tencent',
      RECONCILE_INTERVAL: 'often',
      TENCENTCLOUD_SECRET_ID: 'AKIDxxxx',
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        'PORT: use a whole number',
        'PUSH_TOKEN: use at least 16 characters',
        'SLACK_BOT_TOKEN: is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
        'RECONCILE_INTERVAL: use a duration like 500ms, 30s, 10m or 1h',
        // The rules across variables run on what is valid (an invalid value counts as set) in the same
        // pass: nothing is left for the next start to report.
        'PUSH_BASIC_USER and PUSH_BASIC_PASSWORD: set both, or neither',
        'ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted',
        'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable reconciliation, or none',
      ],
    });
    expect(JSON.stringify(result)).not.toContain('short-secret');
  });

  test('an empty environment lists every missing setting at once', () => {
    expect(loadEnv({})).toMatchObject({
      ok: false,
      problems: [
        'SLACK_BOT_TOKEN: is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
        'PUSH_AUTH: set PUSH_BASIC_USER + PUSH_BASIC_PASSWORD, or PUSH_TOKEN (or PUSH_AUTH=none to accept unauthenticated pushes)',
        'ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted',
      ],
    });
  });

  test('a rule between two values waits until both are valid', () => {
    const result = loadEnv({ ...base, RETENTION_DAYS: 'soon', RECONCILE_WINDOW: '24h' });
    expect(result).toMatchObject({ ok: false, problems: ['RETENTION_DAYS: use a whole number'] });
  });

  test('cross-field problems', () => {
    expect(
      loadEnv({ SLACK_BOT_TOKEN: 'x', PUSH_BASIC_USER: 'u', TENCENTCLOUD_SECRET_ID: 'id' }),
    ).toMatchObject({
      ok: false,
      problems: [
        'PUSH_BASIC_USER and PUSH_BASIC_PASSWORD: set both, or neither',
        'PUSH_AUTH: set PUSH_BASIC_USER + PUSH_BASIC_PASSWORD, or PUSH_TOKEN (or PUSH_AUTH=none to accept unauthenticated pushes)',
        'ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted',
        'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable reconciliation, or none',
      ],
    });
  });
});
