import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the monorepo (this file is tools/e2e/src/reliability/test-utils/). */
export const REPO_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
/** The built webhook entry point (`pnpm build` / turbo's `^build` makes it). */
export const WEBHOOK_MAIN: string = join(REPO_ROOT, 'apps/webhook/dist/main.mjs');

/** Push credentials every webhook of the suite is started with. */
export const PUSH_USER = 'tencent';
export const PUSH_PASSWORD = 'reliability-push-password-7f3a9c';
/** `Authorization` header of an authenticated push. */
export const PUSH_AUTHORIZATION = `Basic ${Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64')}`;
/** Bearer token of `/metrics`. */
export const METRICS_TOKEN = 'reliability-metrics-token-0001';

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Options of {@link startWebhookProcess}. */
export interface WebhookProcessOptions {
  /** Variables on top of the suite defaults (port, Basic auth, metrics token, relay owner); `undefined` unsets one. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Fixed port (kept across restarts); a free one by default. */
  readonly port?: number;
  /** Command run before node, e.g. `['prlimit', '--fsize=…']`. */
  readonly prefix?: readonly string[];
  /** Resolve once `/readyz` answers 200 (default); `false` resolves at once (for start-up failures). */
  readonly waitReady?: boolean;
}

/** A webhook running as its own process (`node apps/webhook/dist/main.mjs`). */
export interface WebhookProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Every stdout/stderr line so far (pino JSON lines, plus plain start-up errors). */
  output(): string;
  /** stdout lines parsed as JSON (non-JSON lines are skipped). */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code or signal once the process ended. */
  readonly exited: Promise<number | string>;
  /** Resident set size in MB (Linux). */
  rssMB(): number;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** The process tree under `pid` (a prefix such as a wrapper runs the webhook as a descendant). */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${tree[i]}/task`))
        for (const child of readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').split(' '))
          if (child.trim()) tree.push(Number(child));
    } catch {
      // The process ended meanwhile: nothing below it.
    }
  }
  return tree;
}

/**
 * Whether the listener on `port` belongs to the child (Linux: its sockets against /proc/net/tcp). Two
 * suites can be handed the same free port; the one that loses gets EADDRINUSE, and without this check its
 * readiness poll would be answered by the other one's webhook. True where /proc cannot tell.
 */
function listensOn(pid: number, port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let inodes: Set<string>;
  try {
    const lines = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
      readFileSync(file, 'utf8').split('\n'),
    );
    const listening = lines
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hex}`) && f[3] === '0A');
    inodes = new Set(listening.map((f) => f[9] as string));
  } catch {
    return true;
  }
  return processTree(pid).some((owner) => {
    try {
      return readdirSync(`/proc/${owner}/fd`).some((fd) => {
        const target = readlinkSync(`/proc/${owner}/fd/${fd}`, { encoding: 'utf8' });
        return inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '');
      });
    } catch {
      return false;
    }
  });
}

const ready = async (url: string, child: ChildProcess, timeoutMs: number, output: () => string) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `webhook exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
      async (res) => {
        await res.arrayBuffer();
        return res.status;
      },
      () => 0,
    );
    if (status === 200 && listensOn(child.pid as number, Number(new URL(url).port))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`webhook not ready after ${timeoutMs} ms:\n${output().slice(-4_000)}`);
};

/**
 * Starts the built webhook as a child process and waits for `/readyz`. The suite defaults: Basic push
 * auth, `/metrics` enabled, `RELAY_OWNER=reliability` (stable across restarts, like one replica), and
 * `VOICEMAIL_WAIT=2s`.
 */
export async function startWebhookProcess(options: WebhookProcessOptions): Promise<WebhookProcess> {
  if (!existsSync(WEBHOOK_MAIN)) throw new Error(`${WEBHOOK_MAIN} is missing: run pnpm build first`);
  if (options.port !== undefined) return launch(options, options.port);
  // A port found free can be taken before the webhook listens on it: the webhook opens its database
  // connections first (through a proxy of this process, in the store scenarios), and any outgoing
  // connection may get it as its source port. Such a start fails with EADDRINUSE; another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort());
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function launch(options: WebhookProcessOptions, port: number): Promise<WebhookProcess> {
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUSH_BASIC_USER: PUSH_USER,
    PUSH_BASIC_PASSWORD: PUSH_PASSWORD,
    METRICS_TOKEN,
    RELAY_OWNER: 'reliability',
    LOG_LEVEL: 'info',
    // A voicemail whose call push never came is posted alone after this: 15 minutes would outlast a drain.
    VOICEMAIL_WAIT: '2s',
    ...options.env,
  };
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
  const [command, ...args] = [...(options.prefix ?? []), process.execPath, WEBHOOK_MAIN];
  const child = spawn(command as string, args, {
    env: defined,
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const output = () => chunks.join('');
  const url = `http://127.0.0.1:${port}`;
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async () => {
    if (running()) child.kill('SIGKILL');
    await exited;
  };
  if (options.waitReady !== false) {
    await ready(url, child, 30_000, output).catch(async (error: unknown) => {
      await kill();
      throw error;
    });
  }
  return {
    url,
    port,
    pid: child.pid as number,
    output,
    logs: () =>
      output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    exited,
    rssMB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    kill,
    async stop(graceMs = 10_000) {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
