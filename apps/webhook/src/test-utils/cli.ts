import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (`pnpm --filter @ccc-kit/webhook build`; the package's test task depends on its build). */
export const CLI = fileURLToPath(new URL('../../dist/cli.mjs', import.meta.url));
/** The built service entry point. */
export const MAIN = fileURLToPath(new URL('../../dist/main.mjs', import.meta.url));

/** What one CLI run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/cli.mjs <args>` as its own process with exactly `env` (plus PATH), as an operator would:
 * nothing of the test runner's environment leaks in. `cwd`: the directory it is started in.
 *
 * @example
 * const run = await runCli(['replay-quarantine'], { DATABASE_URL: 'sqlite:/tmp/w.db', ... });
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: { cwd?: string; script?: string } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [options.script ?? CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
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

/** The service variables the CLI needs besides `DATABASE_URL` (no Slack call is made by a replay). */
export const CLI_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-cli-test',
  PUSH_AUTH: 'none',
  SLACK_DEFAULT_CHANNEL: 'C0CALLS',
  LOG_LEVEL: 'silent',
} as const;
