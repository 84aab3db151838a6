import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { type CodeBlock, roleOf } from './readme-examples.ts';

/** One command of a ```sh walkthrough block: the shell text, and whether it keeps running (`… &`). */
export interface WalkthroughStep {
  /** 1-based line in the Markdown file. */
  readonly line: number;
  readonly command: string;
  /** Ends with `&`: a server that keeps running while the next steps go on. */
  readonly background: boolean;
}

/** Whether a block is the README's walkthrough, which a test runs command by command. */
export const isWalkthrough = (block: CodeBlock): boolean => roleOf(block) === 'walkthrough';

/** The commands of a walkthrough block: comments and blank lines skipped, `&` read as "keeps running". */
export function walkthroughSteps(block: CodeBlock): WalkthroughStep[] {
  return block.code.split('\n').flatMap((text, index) => {
    const command = text.trim();
    if (command === '' || command.startsWith('#')) return [];
    const background = command.endsWith('&');
    return [
      {
        line: block.line + 1 + index,
        command: background ? command.slice(0, -1).trim() : command,
        background,
      },
    ];
  });
}

/** A started command: its output so far, and how it ended (null while it runs). */
export interface RunningStep {
  readonly child: ChildProcess;
  output(): string;
  readonly exit: Promise<number | null>;
}

/**
 * Starts `command` in a shell in `cwd`, as a reader would type it (its own process group, so stopping it
 * stops what the shell started, e.g. pnpm's node child).
 */
export function startStep(command: string, cwd: string, env: NodeJS.ProcessEnv): RunningStep {
  const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  started.add(child);
  const exit = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      started.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exit };
}

const started = new Set<ChildProcess>();
// The steps run in their own process groups (to stop what pnpm starts), so they would outlive a test run that
// is killed (turbo stops every task when one fails): whatever is still running goes with this process.
process.once('exit', () => {
  for (const child of started) {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/**
 * Kills what an earlier run left behind (a run killed by SIGTERM/SIGKILL runs no exit handler): processes
 * whose command line names `marker` (the walkthrough's temporary folder prefix). Linux's /proc; elsewhere
 * nothing is done. Returns how many were killed.
 */
export function killLeftovers(marker: string): number {
  let killed = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (Number(pid) === process.pid) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return killed;
}

/** SIGTERM to the step's process group, then waits for it (SIGKILL after `graceMs`). */
export async function stopStep(step: RunningStep, graceMs = 5_000): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (step.child.pid) process.kill(-step.child.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await step.exit;
  clearTimeout(timer);
}

/** Polls `probe` until it answers true, or throws `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
