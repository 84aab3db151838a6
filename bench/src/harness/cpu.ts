import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** Whether `taskset` exists and there are at least two cores to keep servers and the generator apart. */
export function canPin(): boolean {
  pinnable ??= os.cpus().length >= 2 && hasTaskset();
  return pinnable;
}
let pinnable: boolean | undefined;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Cores for a load test: the server on the first core, the generator on the last. */
export const SERVER_CPU = 0;
export const GENERATOR_CPU: number = Math.max(0, os.cpus().length - 1);

/**
 * The command and arguments that run `node <script>` pinned to `cpu` when pinning is possible.
 * `taskset` execs node, so the child's pid is node's pid (its RSS can be read from /proc).
 */
export function nodeCommand(
  script: string,
  args: readonly string[],
  cpu: number | undefined,
  nodeFlags: readonly string[] = [],
): [string, string[]] {
  const node = [process.execPath, ...nodeFlags, script, ...args];
  if (cpu === undefined || !canPin()) return [node[0] as string, node.slice(1)];
  return ['taskset', ['-c', String(cpu), ...node]];
}

/**
 * Pins this process (the runner, and the emulators it hosts) to the generator core, so that on a 2-core
 * machine the server core serves only the server under test. Returns whether it did.
 */
export function pinSelfToGeneratorCore(): boolean {
  if (!canPin()) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(GENERATOR_CPU), String(process.pid)], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}
