import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './scan.ts';

/** The environment variables a task (or every task) declares in turbo.json. */
export interface DeclaredEnv {
  readonly env: readonly string[];
  readonly passThroughEnv: readonly string[] | null;
}

/** One task of `turbo run --dry=json`: what turbo hashes for it. */
export interface DryTask {
  readonly taskId: string;
  readonly task: string;
  readonly package: string;
  /** The package's folder, relative to the repository root (`apps/webhook`). */
  readonly directory: string;
  /** Every file in the task's hash, relative to its package folder (`../../vitest.shared.ts`). */
  readonly inputs: Readonly<Record<string, string>>;
  /** The ids of the tasks it depends on (`@ccc-kit/schemas#build`), whose hashes are part of its own. */
  readonly dependencies: readonly string[];
  readonly environmentVariables: { readonly specified: DeclaredEnv };
}

/** The parts of `turbo run --dry=json` these checks read. */
export interface DryRun {
  readonly envMode: string;
  readonly globalCacheInputs: {
    readonly files: Readonly<Record<string, string>>;
    readonly environmentVariables: { readonly specified: DeclaredEnv };
  };
  readonly tasks: readonly DryTask[];
}

/**
 * What turbo would hash for `tasks` in every package, without running anything (`--dry=json` reads the
 * files and the configuration only, and writes nothing).
 *
 * @example
 * const dry = await turboDryRun(['build', 'test']);
 * dry.tasks.find((t) => t.taskId === '@ccc-kit/webhook#test')?.environmentVariables.specified.env;
 */
export function turboDryRun(tasks: readonly string[]): Promise<DryRun> {
  const turbo = createRequire(import.meta.url).resolve('turbo');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [turbo, 'run', ...tasks, '--dry=json'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`turbo run --dry=json failed:\n${stderr}`, { cause: error }));
        else resolve(JSON.parse(stdout) as DryRun);
      },
    );
  });
}

/** Every variable a task may see: its own declarations plus the global ones. */
export function declaredEnv(dry: DryRun, task: DryTask): { hashed: string[]; passedThrough: string[] } {
  const global = dry.globalCacheInputs.environmentVariables.specified;
  const own = task.environmentVariables.specified;
  return {
    hashed: [...global.env, ...own.env],
    passedThrough: [...(global.passThroughEnv ?? []), ...(own.passThroughEnv ?? [])],
  };
}
