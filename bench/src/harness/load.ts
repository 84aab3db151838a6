import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from '../workers/load.ts';
import { GENERATOR_CPU, nodeCommand } from './cpu.ts';

export type { LoadOptions, LoadResult } from '../workers/load.ts';

/** Built scripts live next to the runner in `dist/`. */
export const DIST_DIR: string = dirname(fileURLToPath(import.meta.url));
const LOAD_SCRIPT = join(DIST_DIR, 'workers', 'load.mjs');

/**
 * Runs autocannon in its own process, pinned to the generator core, and returns its summary.
 * Rejects if the generator fails; slow or failed requests are counted in the result, not thrown.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const [command, args] = nodeCommand(LOAD_SCRIPT, [JSON.stringify(options)], GENERATOR_CPU);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_096);
  });
  const budgetMs = ((options.warmupSec ?? 0) + options.durationSec + 30) * 1_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), budgetMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) {
    throw new Error(`load generator exited with ${code}: ${stderr || stdout}`);
  }
  return JSON.parse(line) as LoadResult;
}
