import { execFile } from 'node:child_process';

/** Runs a command, resolving with its output; rejects with stdout+stderr in the message on failure. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; isolateNpmConfig?: boolean },
): Promise<{ stdout: string; stderr: string }> {
  // Under `pnpm test`, pnpm exports its own config (npm_config_registry…) to every child; those variables
  // beat any .npmrc, so commands that must talk to a local registry start without them.
  const inherited = options.isolateNpmConfig
    ? Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_config_/i.test(key)))
    : process.env;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...inherited, ...options.env },
        timeout: options.timeoutMs ?? 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`${command} ${args.join(' ')} failed in ${options.cwd}:\n${stdout}\n${stderr}`, {
              cause: error,
            }),
          );
        else resolve({ stdout, stderr });
      },
    );
  });
}
