/** How often the sandbox checks that the process that started it is still there. */
const PARENT_CHECK_MS = 1_000;

/**
 * Resolves with exit code 0 once `stop` has run, after SIGINT (Ctrl-C), SIGTERM or SIGHUP, or when the
 * parent process goes away. The last one is for `pnpm sandbox &`: killing it kills pnpm, which does not pass
 * the signal on, and the node process that holds the ports would otherwise stay behind (issue 25).
 */
export function untilStopped(stop: () => Promise<void>, log: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const parent = process.ppid;
    let stopping = false;
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const shutdown = (why: string): void => {
      if (stopping) return;
      stopping = true;
      clearInterval(watch);
      for (const signal of signals) process.removeListener(signal, handlers[signal]);
      log(`Stopping the sandbox (${why})…`);
      stop().then(
        () => resolve(0),
        (error: unknown) => {
          log(`The sandbox did not stop cleanly: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    const handlers = Object.fromEntries(signals.map((signal) => [signal, () => shutdown(signal)])) as Record<
      (typeof signals)[number],
      () => void
    >;
    for (const signal of signals) process.once(signal, handlers[signal]);
    // An orphan is re-parented (to init or a subreaper), so its ppid changes.
    const watch = setInterval(() => {
      if (process.ppid !== parent) shutdown('its parent process exited');
    }, PARENT_CHECK_MS);
    watch.unref();
  });
}
