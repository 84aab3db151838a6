import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeCommand } from './cpu.ts';

/** A server under measurement, running as its own process. */
export interface Service {
  readonly name: string;
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Resident set size now, in MB (from /proc, or `ps` elsewhere). */
  rssMB(): number;
  /** CPU seconds used so far (Linux only). */
  cpuSeconds(): number | undefined;
  /** The last few KB of its stdout and stderr, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of {@link startService}. */
export interface ServiceOptions {
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Core to pin the process to (when pinning is possible). */
  readonly cpu?: number;
  readonly port: number;
  /** Polled with GET until it answers 200. */
  readonly readyPath: string;
  readonly timeoutMs?: number;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resident set size of a process in MB. */
export function rssOf(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(status, 'utf8'))?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** CPU seconds (user + system) a process has used so far; undefined where /proc is missing. */
export function cpuSecondsOf(pid: number): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
// USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK).
const CLOCK_TICKS = 100;

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-8_192);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail;
}

async function waitReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode} before it was ready:\n${output()}`);
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      (res) => res.body?.cancel().then(() => res.status) ?? res.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${output()}`);
}

/** Starts `node <script>` (pinned when possible) and waits until `readyPath` answers 200. */
export async function startService(options: ServiceOptions): Promise<Service> {
  // BENCH_CPU_PROF_DIR=<dir>: every server under measurement writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const [command, args] = nodeCommand(options.script, options.args ?? [], options.cpu, flags);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = keepTail(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async (graceMs = 5_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitReady(`${url}${options.readyPath}`, child, output, options.timeoutMs ?? 20_000);
  } catch (error) {
    await stop(1_000);
    throw new Error(`${options.name}: ${(error as Error).message}`);
  }
  const pid = child.pid as number;
  return {
    name: options.name,
    pid,
    url,
    rssMB: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    output,
    stop,
  };
}

/**
 * Starts a service that owns a fresh temporary folder (`start` gets its path): stopping the service, or a
 * failed start, removes the folder.
 */
export async function startInTempDir<S extends Service>(
  prefix: string,
  start: (dir: string) => Promise<S>,
): Promise<S> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const service = await start(dir);
    return {
      ...service,
      stop: async (graceMs?: number) => {
        await service.stop(graceMs);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
