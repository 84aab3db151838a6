import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The bot as an operator starts it: the built `node dist/main.mjs` (the package's test task depends on its
// build) with nothing but what the test gives, so every configuration problem must come out of one start.
const MAIN = fileURLToPath(new URL('../dist/main.mjs', import.meta.url));

function start(
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const problems = (stderr: string): string[] =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4));

describe('the bot as a command', () => {
  test('--help says where the settings come from, exit 0; an argument is a mistake, exit 2', async () => {
    const help = await start({}, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('apps/slack-bot/README.md (Environment)');
    const wrong = await start({}, ['serve']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('The bot takes no arguments');
  });
});

describe('the bot refuses to start with every configuration problem at once', () => {
  test('an empty environment: both Slack secrets and a backend', async () => {
    const run = await start({});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^The Slack bot cannot start; fix these environment variables/);
    expect(problems(run.stderr)).toEqual([
      'SLACK_BOT_TOKEN: is required (the xoxb-… bot token of the app made from manifest.yaml)',
      'SLACK_SIGNING_SECRET: is required (Basic Information → Signing Secret of the Slack app)',
      'CCC (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, CCC_SDK_APP_ID) or Desk (DESK_SDK_APP_ID, DESK_SECRET_KEY, DESK_REGION): configure at least one, otherwise every command answers "not configured"',
    ]);
  });

  test('wrong values and half a backend together, no value echoed', async () => {
    const run = await start({
      SLACK_BOT_TOKEN: 'xoxb-secret-token',
      PORT: '99999',
      CCC_SDK_APP_ID: 'app',
      TENCENTCLOUD_SECRET_KEY: 'ccc-secret-value',
    });
    expect(run.code).toBe(1);
    expect(problems(run.stderr)).toEqual([
      'SLACK_SIGNING_SECRET: is required (Basic Information → Signing Secret of the Slack app)',
      'PORT: use a port from 1 to 65535',
      'CCC_SDK_APP_ID: use the numeric SDKAppID',
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable call lookups, or none',
    ]);
    for (const secret of ['xoxb-secret-token', 'ccc-secret-value', '99999'])
      expect(run.stderr).not.toContain(secret);
  });
});
