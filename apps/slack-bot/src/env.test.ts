import { readFileSync } from 'node:fs';
import { DESK_REGION_DOMAINS } from '@ccc-kit/desk-client';
import { describe, expect, test } from 'vitest';
import { ENV_KEYS, formatEnvProblems, loadEnv } from './env.ts';

const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh-signing-secret' };
const ccc = {
  TENCENTCLOUD_SECRET_ID: 'AKIDx',
  TENCENTCLOUD_SECRET_KEY: 'ccc-secret-key',
  CCC_SDK_APP_ID: '1400000000',
};
const desk = { DESK_SDK_APP_ID: '1600000000', DESK_SECRET_KEY: 'desk-secret-key', DESK_REGION: 'singapore' };

describe('loadEnv', () => {
  test('defaults, both backends', () => {
    const result = loadEnv({ ...slack, ...ccc, ...desk });
    expect(result).toMatchObject({
      ok: true,
      env: {
        PORT: 3000,
        SLACK_API_URL: 'https://slack.com/api/',
        RECORDING_ALLOWED_USERS: [],
        ALLOWED_CHANNELS: [],
        ccc: { secretId: 'AKIDx', secretKey: 'ccc-secret-key', sdkAppId: 1_400_000_000 },
        desk: { sdkAppId: 1_600_000_000, adminUserId: 'administrator', region: 'singapore' },
      },
    });
  });

  test('one backend is enough; the other is undefined', () => {
    const result = loadEnv({
      ...slack,
      ...desk,
      DESK_REGION: undefined,
      DESK_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(result).toMatchObject({
      ok: true,
      env: { ccc: undefined, desk: { endpoint: 'http://127.0.0.1:9' } },
    });
  });

  test('lists', () => {
    const result = loadEnv({
      ...slack,
      ...ccc,
      RECORDING_ALLOWED_USERS: 'U01AAA, U02BBB',
      ALLOWED_CHANNELS: 'C0CALLS G0PRIV',
    });
    expect(result).toMatchObject({
      ok: true,
      env: { RECORDING_ALLOWED_USERS: ['U01AAA', 'U02BBB'], ALLOWED_CHANNELS: ['C0CALLS', 'G0PRIV'] },
    });
  });

  test('reports every problem at once, without echoing values', () => {
    const result = loadEnv({
      PORT: 'eighty',
      TENCENTCLOUD_SECRET_KEY: 'half-configured-secret',
      DESK_REGION: 'mars',
      RECORDING_ALLOWED_USERS: 'U0LEAD,@support-leads',
      ALLOWED_USERS: '@ann',
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'SLACK_BOT_TOKEN: is required (the xoxb-… bot token of the app made from manifest.yaml)',
        'SLACK_SIGNING_SECRET: is required (Basic Information → Signing Secret of the Slack app)',
        'PORT: use a whole number',
        'DESK_REGION: use one of china, singapore, seoul, frankfurt, mumbai, silicon-valley, jakarta',
        'RECORDING_ALLOWED_USERS: list Slack user IDs (U…) or user group IDs (S…) separated by commas, not names',
        'ALLOWED_USERS: list Slack user IDs (U…) separated by commas, not names',
        // The rules across variables count an invalid value as set, and are reported in the same pass.
        'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable call lookups, or none',
        'DESK_SDK_APP_ID, DESK_SECRET_KEY and DESK_REGION (or DESK_ENDPOINT): set them all to enable chat lookups, or none',
      ],
    });
    expect(JSON.stringify(result)).not.toContain('half-configured-secret');
  });

  test('an empty environment: every missing variable and the missing backend, at once', () => {
    expect(loadEnv({})).toEqual({
      ok: false,
      problems: [
        'SLACK_BOT_TOKEN: is required (the xoxb-… bot token of the app made from manifest.yaml)',
        'SLACK_SIGNING_SECRET: is required (Basic Information → Signing Secret of the Slack app)',
        'CCC (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, CCC_SDK_APP_ID) or Desk (DESK_SDK_APP_ID, DESK_SECRET_KEY, DESK_REGION): configure at least one, otherwise every command answers "not configured"',
      ],
    });
  });

  test('DESK_REGION accepts every region desk-client can reach', () => {
    for (const region of Object.keys(DESK_REGION_DOMAINS))
      expect(loadEnv({ ...slack, ...desk, DESK_REGION: region })).toMatchObject({
        ok: true,
        env: { desk: { region } },
      });
  });

  test('half-configured backends and no backend at all', () => {
    expect(loadEnv({ ...slack, TENCENTCLOUD_SECRET_ID: 'AKIDx', DESK_SECRET_KEY: 'k' })).toEqual({
      ok: false,
      problems: [
        'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable call lookups, or none',
        'DESK_SDK_APP_ID, DESK_SECRET_KEY and DESK_REGION (or DESK_ENDPOINT): set them all to enable chat lookups, or none',
      ],
    });
    const none = loadEnv(slack);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.problems[0]).toMatch(/configure at least one/);
  });

  test('follow-ups: WEBHOOK_URL and INTERNAL_TOKEN together, a token of 32+ characters, IDs in the allowlist', () => {
    const token = 'x'.repeat(32);
    const both = loadEnv({ ...slack, ...ccc, WEBHOOK_URL: 'http://webhook:8080', INTERNAL_TOKEN: token });
    expect(both).toMatchObject({ ok: true, env: { followUps: { url: 'http://webhook:8080', token } } });
    expect(loadEnv({ ...slack, ...ccc })).toMatchObject({ ok: true, env: { followUps: undefined } });
    const half = loadEnv({ ...slack, ...ccc, WEBHOOK_URL: 'http://webhook:8080' });
    expect(half.ok ? [] : half.problems).toEqual([
      expect.stringMatching(/^WEBHOOK_URL and INTERNAL_TOKEN: set both/),
    ]);
    const short = loadEnv({
      ...slack,
      ...ccc,
      WEBHOOK_URL: 'http://webhook:8080',
      INTERNAL_TOKEN: 'short-secret',
    });
    expect(short.ok ? [] : short.problems).toEqual([
      expect.stringMatching(/^INTERNAL_TOKEN: use at least 32/),
    ]);
    expect(JSON.stringify(short)).not.toContain('short-secret');
    const mapped = loadEnv({
      ...slack,
      ...ccc,
      CCC_AGENT_MAP: 'U0ANN=ann@corp.example, W0BOB=bob@corp.example',
    });
    expect(mapped.ok && [...mapped.env.CCC_AGENT_MAP]).toEqual([
      ['U0ANN', 'ann@corp.example'],
      ['W0BOB', 'bob@corp.example'],
    ]);
    const badMap = loadEnv({ ...slack, ...ccc, CCC_AGENT_MAP: 'alice=ann@corp.example' });
    expect(badMap.ok ? [] : badMap.problems).toEqual([
      expect.stringMatching(/^CCC_AGENT_MAP: list U…=agent@example.com/),
    ]);
    const names = loadEnv({ ...slack, ...ccc, FOLLOW_UP_ALLOWED_USERS: 'alice' });
    expect(names.ok ? [] : names.problems).toEqual([
      expect.stringMatching(/^FOLLOW_UP_ALLOWED_USERS: list Slack user IDs/),
    ]);
  });

  test('formatEnvProblems prints one line per problem', () => {
    expect(formatEnvProblems(['A: is required', 'B: use a number'])).toBe(
      'The Slack bot cannot start; fix these environment variables (see apps/slack-bot/README.md):\n  - A: is required\n  - B: use a number',
    );
  });
});

describe('documentation', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');

  test('the README env table lists exactly the variables env.ts reads', () => {
    const section = readme.slice(readme.indexOf('## Environment'));
    const table = section.slice(0, section.indexOf('\n## ', 1));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...ENV_KEYS].sort());
  });

  test('.env.example mentions every variable', () => {
    const listed = [...example.matchAll(/^#?\s*([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...ENV_KEYS].sort());
  });
});
