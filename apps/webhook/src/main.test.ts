import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MAIN, runCli } from './test-utils/cli.ts';

// The service as an operator starts it: `node dist/main.mjs` with nothing but what the test gives, so
// every configuration problem must come out of one start.
const dir = mkdtempSync(join(tmpdir(), 'webhook-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = (env: Record<string, string>, cwd = dir) => runCli([], env, { script: MAIN, cwd });

/** The problems listed after the heading, one per `  - ` line. */
const problems = (stderr: string): string[] =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4));

describe('the service as a command', () => {
  test('--help says where the settings come from, exit 0; an argument is a mistake, exit 2', async () => {
    const help = await runCli(['--help'], {}, { script: MAIN, cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('apps/webhook/README.md (Environment)');
    expect(help.stdout).toContain('pnpm -s webhook --help');
    const wrong = await runCli(['serve'], {}, { script: MAIN, cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('The webhook takes no arguments');
  });
});

describe('the webhook refuses to start with every configuration problem at once', () => {
  test('an empty environment: the token, the push authentication and where to post', async () => {
    const run = await start({});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^The webhook cannot start; fix these settings:\n/);
    expect(problems(run.stderr)).toEqual([
      'SLACK_BOT_TOKEN: is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
      'PUSH_AUTH: set PUSH_BASIC_USER + PUSH_BASIC_PASSWORD, or PUSH_TOKEN (or PUSH_AUTH=none to accept unauthenticated pushes)',
      'ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted',
    ]);
    expect(run.stdout).toBe('');
  });

  test('wrong values and a missing routes file together, no value echoed', async () => {
    const run = await start({
      PORT: 'eighty',
      PUSH_TOKEN: 'short-secret',
      PUSH_BASIC_USER: 'tencent',
      TENCENTCLOUD_SECRET_KEY: 'ccc-secret-value',
      ROUTES_FILE: 'routes/missing.yaml',
    });
    expect(run.code).toBe(1);
    expect(problems(run.stderr)).toEqual([
      'PORT: use a whole number',
      'PUSH_TOKEN: use at least 16 characters',
      'SLACK_BOT_TOKEN: is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
      'PUSH_BASIC_USER and PUSH_BASIC_PASSWORD: set both, or neither',
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable reconciliation, or none',
      `ROUTES_FILE routes/missing.yaml (${join(dir, 'routes/missing.yaml')}) cannot be read: no such file; check the path (a relative one starts from the directory the command was started in)`,
    ]);
    expect(run.stderr).not.toContain('short-secret');
    expect(run.stderr).not.toContain('ccc-secret-value');
  });

  test("the routes file's problems are listed with the environment's", async () => {
    writeFileSync(join(dir, 'typo.yaml'), 'rules:\n  - match: { outcome: missedd }\n    channel: "#calls"\n');
    const run = await start({ ROUTES_FILE: 'typo.yaml', PUSH_AUTH: 'none' });
    expect(run.code).toBe(1);
    expect(problems(run.stderr)).toEqual([
      'SLACK_BOT_TOKEN: is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
      expect.stringMatching(
        /^typo\.yaml:2: rules\[0\]\.match\.outcome: "missedd" is not a known outcome; did you mean "missed"\?/,
      ),
    ]);
  });

  test('relative paths start from INIT_CWD when pnpm sets it (the directory pnpm was started in)', async () => {
    const run = await start({ INIT_CWD: '/nowhere', ROUTES_FILE: 'typo.yaml', PUSH_AUTH: 'none' });
    expect(problems(run.stderr)).toContain(
      'ROUTES_FILE typo.yaml (/nowhere/typo.yaml) cannot be read: no such file; check the path (a relative one starts from the directory the command was started in)',
    );
  });
});
