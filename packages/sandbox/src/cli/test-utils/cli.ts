import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The built CLI (`pnpm --filter @ccc-kit/sandbox build`; the package's test task depends on its build). */
export const CLI: string = fileURLToPath(new URL('../../../dist/cli.mjs', import.meta.url));
/** The repository root: the CLI runs from there, as `pnpm sandbox` does. */
export const ROOT: string = fileURLToPath(new URL('../../../../../', import.meta.url));

/** What one CLI run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnCli(args: readonly string[], env: Readonly<Record<string, string>>): ChildProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm --filter @ccc-kit/sandbox build first`);
  return spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    // Exactly `env` (plus PATH): nothing of the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs `node dist/cli.mjs <args>` from the repository root as its own process, as an operator would.
 *
 * @example
 * const run = await runCli(['push', '--file', 'apps/webhook/samples/cdr.json', '--url', url]);
 */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running `serve`: what it printed once ready, its settings, and how to stop it. */
export interface RunningServe {
  readonly child: ChildProcess;
  readonly stdout: string;
  stderr(): string;
  /** `NAME=value` lines per group title (`Webhook (apps/webhook)`, `Slack bot (apps/slack-bot)`). */
  readonly settings: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The URL printed on the `label` line (`Slack web view`, `Tencent CCC API`…). */
  url(label: string): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function settingsOf(stdout: string): Map<string, Map<string, string>> {
  const groups = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of stdout.split('\n')) {
    const title = /^# ([^:]+):/.exec(line)?.[1];
    if (title) {
      current = new Map();
      groups.set(title, current);
    }
    const pair = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (pair && current) current.set(pair[1] as string, pair[2] as string);
  }
  return groups;
}

/** Starts `serve <args>` and resolves once it printed its settings (rejects if it exits first). */
export function startServe(args: readonly string[], timeoutMs = 15_000): Promise<RunningServe> {
  const child = spawnCli(['serve', ...args], {});
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no settings within ${timeoutMs} ms:\n${stdout}\n${stderr}`)),
      timeoutMs,
    );
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Ctrl-C or SIGTERM stops the sandbox')) return;
      clearTimeout(timer);
      resolve({
        child,
        stdout,
        stderr: () => stderr,
        settings: settingsOf(stdout),
        url: (label) => new RegExp(`^  ${label} +(\\S+)$`, 'm').exec(stdout)?.[1] ?? '',
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/** A port of 127.0.0.1 that nothing listens on (it was free a moment ago), for "cannot reach" tests. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
